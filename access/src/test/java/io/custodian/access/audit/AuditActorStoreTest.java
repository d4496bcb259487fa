package io.custodian.access.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.access.Actor;
import io.custodian.catalog.store.CatalogDatabase;
import io.custodian.catalog.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The audit log records the actor's kind and id apart from its name, its hash chain covers them,
 * and entries written before kinds existed get them from their name, still verifying.
 */
class AuditActorStoreTest {
    /** The last migration on this module's class path before actor kinds: the store as it was then. */
    private static final String BEFORE_KINDS = "2026.12.02.1010";
    private static final Instant FAR = Instant.parse("9999-01-01T00:00:00Z");

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    private static AuditRecord record(Actor actor, String action) {
        return new AuditRecord(actor, action, "target", "success", null, "127.0.0.1", null);
    }

    private static List<AuditEntry> find(AuditLog audit, Actor.Kind kind, String id) {
        return audit.find(new AuditLog.Filter(null, kind, id, null, Instant.EPOCH, FAR), 100);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aTokenNamedLikeTheBootstrapKeyIsRecordedAsATokenApartFromTheKey(String kind) {
        try (TestDatabase database = TestDatabase.create(kind)) {
            Jdbi jdbi = database.migrate().jdbi();
            AuditLog audit = new AuditLog(jdbi, Clock.systemUTC());
            Actor bootstrap = Actor.apiKey("bootstrap admin", "bootstrap");
            Actor token = Actor.token("bootstrap admin (bootstrap)");
            audit.append(record(bootstrap, "api-key.create"));
            audit.append(record(token, "api-key.revoke"));

            assertThat(find(audit, Actor.Kind.TOKEN, "bootstrap admin (bootstrap)")).singleElement().satisfies(e -> {
                assertThat(e.action()).isEqualTo("api-key.revoke");
                assertThat(e.actorKind()).isEqualTo(Actor.Kind.TOKEN);
                assertThat(e.actorId()).isEqualTo("bootstrap admin (bootstrap)");
                assertThat(e.actor()).isEqualTo("bootstrap admin (bootstrap) (token)");
                assertThat(e.hashVersion()).isEqualTo(2);
            });
            assertThat(find(audit, Actor.Kind.BOOTSTRAP_KEY, null)).singleElement()
                    .satisfies(e -> assertThat(e.action()).isEqualTo("api-key.create"));
            assertThat(audit.verify().intact()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theHashCoversTheActorsKindAndId(String kind) {
        try (TestDatabase database = TestDatabase.create(kind)) {
            Jdbi jdbi = database.migrate().jdbi();
            AuditLog audit = new AuditLog(jdbi, Clock.systemUTC());
            for (int i = 0; i < 3; i++) {
                audit.append(record(Actor.token("bootstrap admin (bootstrap)"), "api-key.create"));
            }

            jdbi.useHandle(h -> h.execute("UPDATE audit_entry SET actor_kind = 'BOOTSTRAP_KEY', actor_id = 'bootstrap'"
                    + " WHERE seq = 2"));

            AuditVerification verification = audit.verify();
            assertThat(verification.firstBrokenSeq()).contains(2L);
            assertThat(verification.problem()).hasValueSatisfying(p -> assertThat(p).contains("does not match"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void entriesWrittenBeforeKindsGetThemFromTheirNamesAndTheChainStillHolds(String kind) {
        try (TestDatabase database = TestDatabase.create(kind)) {
            CatalogDatabase.migrateTo(database.dataSource(), BEFORE_KINDS);
            Map<String, Actor> legacy = new LinkedHashMap<>();
            legacy.put("bootstrap admin (bootstrap)", new Actor(Actor.Kind.BOOTSTRAP_KEY, "bootstrap",
                    "bootstrap admin (bootstrap)"));
            legacy.put("airflow prod (1a2b3c4d)", new Actor(Actor.Kind.API_KEY, "1a2b3c4d", "airflow prod (1a2b3c4d)"));
            legacy.put("bootstrap admin (bootstrap) (token)", new Actor(Actor.Kind.TOKEN, "bootstrap admin (bootstrap)",
                    "bootstrap admin (bootstrap) (token)"));
            legacy.put("x (token) (0badcafe)", new Actor(Actor.Kind.API_KEY, "0badcafe", "x (token) (0badcafe)"));
            legacy.put("custodian-scanner", new Actor(Actor.Kind.SERVICE, "custodian-scanner", "custodian-scanner"));
            legacy.put("environment", new Actor(Actor.Kind.SERVICE, "environment", "environment"));
            legacy.put(" (token)", new Actor(Actor.Kind.TOKEN, "", " (token)"));
            for (String unknown : List.of("alice", "x (ABCD1234)", "x (1a2b3c4z)", "x (1a2b_c4d)", "(bootstrap)")) {
                legacy.put(unknown, new Actor(Actor.Kind.UNKNOWN, unknown, unknown));
            }
            String prev = AuditLog.GENESIS;
            long seq = 0;
            Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            for (String name : legacy.keySet()) {
                seq++;
                prev = insertAsBefore(database, new AuditEntry(seq, at, name, null, null, "api-key.create", "key",
                        "success", null, null, "n=" + seq, prev, null, 1));
            }

            Jdbi jdbi = database.migrate().jdbi();
            AuditLog audit = new AuditLog(jdbi, Clock.systemUTC());

            List<AuditEntry> migrated = find(audit, null, null);
            assertThat(migrated).hasSize(legacy.size()).allSatisfy(e -> {
                Actor expected = legacy.get(e.actor());
                assertThat(new Actor(e.actorKind(), e.actorId(), e.actor())).as(e.actor()).isEqualTo(expected);
                assertThat(Actor.fromName(e.actor())).as("the rule in Java is the migration's").isEqualTo(expected);
                assertThat(e.hashVersion()).isEqualTo(1);
            });
            assertThat(audit.verify().intact()).isTrue();

            AuditEntry next = audit.append(record(Actor.token("alice"), "api-key.revoke"));
            assertThat(next.seq()).isEqualTo(legacy.size() + 1);
            assertThat(next.hashVersion()).isEqualTo(2);
            AuditVerification whole = audit.verify();
            assertThat(whole.intact()).isTrue();
            assertThat(whole.entries()).isEqualTo(legacy.size() + 1);

            // An old entry's kind is not covered by its hash, but is derived again when verifying.
            jdbi.useHandle(h -> h.execute("UPDATE audit_entry SET actor_kind = 'SERVICE' WHERE seq = 1"));
            AuditVerification tampered = audit.verify();
            assertThat(tampered.firstBrokenSeq()).contains(1L);
            assertThat(tampered.problem()).hasValueSatisfying(p -> assertThat(p).contains("actor kind or id"));
        }
    }

    /** Writes an entry as the log did before kinds: the columns of then, hashed as then. */
    private static String insertAsBefore(TestDatabase database, AuditEntry entry) {
        AuditEntry sealed = AuditLog.withHash(entry);
        Jdbi.create(database.dataSource()).useHandle(h -> h.createUpdate("""
                INSERT INTO audit_entry (seq, at, actor, action, target, outcome, reason, remote_addr, detail,
                                         prev_hash, entry_hash)
                VALUES (:seq, :at, :actor, :action, :target, :outcome, :reason, :remoteAddr, :detail, :prevHash,
                        :entryHash)
                """).bindMethods(sealed).execute());
        return sealed.entryHash();
    }
}
