package io.custodian.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodian.access.audit.AuditEntry;
import io.custodian.access.audit.AuditLog;
import io.custodian.access.audit.AuditRecord;
import io.custodian.access.audit.AuditVerification;
import io.custodian.access.keys.ApiKeys;
import io.custodian.access.keys.IssuedKey;
import io.custodian.catalog.store.CatalogDatabase;
import io.custodian.catalog.testing.TestDatabase;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** API keys and the audit log on a real store, H2 and (when configured) PostgreSQL. */
class AccessStoreTest {
    private static final Actor ADMIN = Actor.apiKey("bootstrap admin", ApiKeys.BOOTSTRAP_PREFIX);
    private static final Actor ALICE = Actor.apiKey("alice", "a11ce000");
    private static final Actor OFFICER = Actor.token("officer");
    private static final Actor WORKER = Actor.service("custodian-worker");

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void issuedKeyAuthenticatesWithItsRolesAndIsStoredOnlyAsAHash(String kind) {
        try (TestDatabase database = TestDatabase.create(kind)) {
            Jdbi jdbi = database.migrate().jdbi();
            ApiKeys keys = new ApiKeys(jdbi, Clock.systemUTC());

            IssuedKey issued = keys.create("airflow prod", EnumSet.of(Role.PRODUCER, Role.READER), "admin");

            assertThat(issued.secret()).startsWith("cst_" + issued.key().prefix() + "_");
            assertThat(keys.authenticate(issued.secret())).hasValueSatisfying(caller ->
                    assertThat(caller.roles()).containsExactlyInAnyOrder(Role.PRODUCER, Role.READER));
            String stored = jdbi.withHandle(h -> h.createQuery("SELECT * FROM api_key").mapToMap().list().toString());
            assertThat(stored).doesNotContain(issued.secret()).doesNotContain(issued.secret().substring(14));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void wrongOrRevokedKeysDoNotAuthenticate(String kind) {
        try (TestDatabase database = TestDatabase.create(kind)) {
            ApiKeys keys = new ApiKeys(database.migrate().jdbi(), Clock.systemUTC());
            IssuedKey issued = keys.create("ci", Set.of(Role.READER), "admin");
            assertThat(keys.authenticate(issued.secret())).isPresent();

            assertThat(keys.authenticate(issued.secret() + "x")).isEmpty();
            assertThat(keys.authenticate("cst_" + issued.key().prefix() + "_" + "0".repeat(48))).isEmpty();
            assertThat(keys.authenticate("")).isEmpty();
            assertThat(keys.revoke(issued.key().id(), "admin")).isTrue();
            assertThat(keys.authenticate(issued.secret())).as("revoked, and remembered no longer").isEmpty();
            assertThat(keys.revoke(issued.key().id(), "admin")).as("already revoked").isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void bootstrapKeyIsAnAdminKeyAndReplacedWhenTheEnvironmentChangesIt(String kind) {
        try (TestDatabase database = TestDatabase.create(kind)) {
            ApiKeys keys = new ApiKeys(database.migrate().jdbi(), Clock.systemUTC());
            keys.ensureBootstrap("first-bootstrap-secret-0123456789");
            assertThat(keys.authenticate("first-bootstrap-secret-0123456789"))
                    .hasValueSatisfying(caller -> assertThat(caller.has(Role.ADMIN)).isTrue());

            keys.ensureBootstrap("second-bootstrap-secret-0123456789");

            assertThat(keys.authenticate("first-bootstrap-secret-0123456789")).isEmpty();
            assertThat(keys.authenticate("second-bootstrap-secret-0123456789")).isPresent();
            assertThatThrownBy(() -> keys.ensureBootstrap("short")).isInstanceOf(IllegalArgumentException.class);

            // Shaped like an issued key, but under the bootstrap prefix all the same.
            keys.ensureBootstrap("cst_operator_0123456789abcdef0123456789");
            assertThat(keys.authenticate("cst_operator_0123456789abcdef0123456789")).isPresent();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRevokedBootstrapKeyStaysRevokedWhenConfiguredAgainAndIsForgottenAtOnce(String kind) {
        try (TestDatabase database = TestDatabase.create(kind)) {
            var jdbi = database.migrate().jdbi();
            ApiKeys keys = new ApiKeys(jdbi, Clock.systemUTC());
            // Shaped like an issued key: the remembered check must still be forgotten on revocation.
            String secret = "cst_x_operator0123456789abcdef0123";
            assertThat(keys.ensureBootstrap(secret)).isEqualTo(ApiKeys.BootstrapOutcome.CREATED);
            assertThat(keys.authenticate(secret)).isPresent();
            UUID id = keys.list().stream().filter(k -> k.prefix().equals(ApiKeys.BOOTSTRAP_PREFIX)).findFirst()
                    .orElseThrow().id();

            assertThat(keys.revoke(id, "admin")).isTrue();
            assertThat(keys.authenticate(secret)).as("not remembered after revocation").isEmpty();

            // A restart with the same configured key: a new ApiKeys over the same store.
            ApiKeys restarted = new ApiKeys(jdbi, Clock.systemUTC());
            assertThat(restarted.ensureBootstrap(secret)).isEqualTo(ApiKeys.BootstrapOutcome.STILL_REVOKED);
            assertThat(restarted.authenticate(secret)).isEmpty();

            assertThat(restarted.ensureBootstrap("rotated-bootstrap-secret-0123456789"))
                    .isEqualTo(ApiKeys.BootstrapOutcome.REPLACED);
            assertThat(restarted.authenticate("rotated-bootstrap-secret-0123456789")).isPresent();
            assertThat(restarted.authenticate(secret)).isEmpty();
            assertThat(restarted.ensureBootstrap("rotated-bootstrap-secret-0123456789"))
                    .isEqualTo(ApiKeys.BootstrapOutcome.UNCHANGED);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void untouchedAuditChainVerifies(String kind) {
        try (TestDatabase database = TestDatabase.create(kind)) {
            AuditLog audit = new AuditLog(database.migrate().jdbi(), Clock.systemUTC());
            for (int i = 0; i < 5; i++) {
                audit.append(new AuditRecord(ADMIN, "api-key.create", "key " + i, "success", null,
                        "127.0.0.1", null));
            }

            AuditVerification verification = audit.verify();

            assertThat(verification.intact()).isTrue();
            assertThat(verification.entries()).isEqualTo(5);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void twoReplicasAppendingAtOnceKeepOneUnbrokenChain(String kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind)) {
            Jdbi jdbi = database.migrate().jdbi();
            // Two logs on one store: two replicas, each serializing only its own appends.
            List<AuditLog> replicas = List.of(new AuditLog(jdbi, Clock.systemUTC()), new AuditLog(jdbi, Clock.systemUTC()));
            java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                List<java.util.concurrent.Future<?>> appends = new java.util.ArrayList<>();
                for (AuditLog replica : replicas) {
                    appends.add(threads.submit(() -> {
                        for (int i = 0; i < 40; i++) {
                            replica.append(new AuditRecord(WORKER, "step.done", "r" + i, "success", null, null, null));
                        }
                        return null;
                    }));
                }
                for (java.util.concurrent.Future<?> append : appends) {
                    append.get(60, java.util.concurrent.TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
            }

            AuditVerification verification = replicas.get(0).verify();
            assertThat(verification.intact()).as(verification.problem().orElse("")).isTrue();
            assertThat(verification.entries()).isEqualTo(80);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anAppendInsideACallersTransactionDoesNotHoldUpOrCollideWithAnotherThreads(String kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind)) {
            Jdbi jdbi = database.migrate().jdbi();
            AuditLog audit = new AuditLog(jdbi, Clock.systemUTC());
            java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                // A store records its change and its audit entry in one transaction, while a worker appends too.
                jdbi.useTransaction(handle -> {
                    audit.append(new AuditRecord(OFFICER, "subject-request.approved", "r1", "success", null, null,
                            null));
                    AuditEntry second = other.submit(() -> audit.append(new AuditRecord(WORKER, "step.done", "r1",
                            "success", null, null, null))).get(30, java.util.concurrent.TimeUnit.SECONDS);
                    assertThat(second.seq()).isEqualTo(2);
                });
            } finally {
                other.shutdownNow();
            }

            assertThat(audit.verify().intact()).isTrue();
            assertThat(audit.verify().entries()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void editedAuditEntryIsDetected(String kind) {
        try (TestDatabase database = TestDatabase.create(kind)) {
            CatalogDatabase catalog = database.migrate();
            AuditLog audit = new AuditLog(catalog.jdbi(), Clock.systemUTC());
            for (int i = 0; i < 5; i++) {
                audit.append(new AuditRecord(ALICE, "api-key.revoke", "key " + i, "success", null, null, null));
            }

            catalog.jdbi().useHandle(h -> h.execute("UPDATE audit_entry SET actor = 'mallory' WHERE seq = 3"));

            AuditVerification verification = audit.verify();
            assertThat(verification.firstBrokenSeq()).contains(3L);
            assertThat(verification.problem()).hasValueSatisfying(p -> assertThat(p).contains("does not match"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void deletedAuditEntryIsDetected(String kind) {
        try (TestDatabase database = TestDatabase.create(kind)) {
            CatalogDatabase catalog = database.migrate();
            AuditLog audit = new AuditLog(catalog.jdbi(), Clock.systemUTC());
            for (int i = 0; i < 5; i++) {
                audit.append(new AuditRecord(ALICE, "api-key.create", "key " + i, "success", null, null, null));
            }

            catalog.jdbi().useHandle(h -> h.execute("DELETE FROM audit_entry WHERE seq = 2"));

            assertThat(audit.verify().firstBrokenSeq()).contains(2L);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void relinkedForgeryIsDetectedAtTheForgedEntry(String kind) {
        try (TestDatabase database = TestDatabase.create(kind)) {
            CatalogDatabase catalog = database.migrate();
            AuditLog audit = new AuditLog(catalog.jdbi(), Clock.systemUTC());
            List<AuditEntry> entries = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                entries.add(audit.append(new AuditRecord(ALICE, "api-key.create", "key " + i, "success", null, null,
                        null)));
            }
            // Delete entry 2 and renumber 3 as 2: the sequence holds, the link does not.
            catalog.jdbi().useHandle(h -> {
                h.execute("DELETE FROM audit_entry WHERE seq = 2");
                h.execute("UPDATE audit_entry SET seq = 2 WHERE seq = 3");
            });

            assertThat(audit.verify().firstBrokenSeq()).contains(2L);
        }
    }
}
