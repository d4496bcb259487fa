package io.custodian.erasure.request;

import io.custodian.catalog.audit.AuditEvent;
import io.custodian.catalog.audit.AuditTrail;
import io.custodian.catalog.store.CatalogDatabase;
import io.custodian.catalog.testing.TestDatabase;
import io.custodian.erasure.plan.SubjectIdentifiers;
import io.custodian.erasure.testing.MutableClock;
import io.custodian.masking.keys.KeyEncryptionKey;
import io.custodian.masking.keys.Keyring;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;

/** A migrated catalog database with a real keyring, the vault, the hasher and the store, on a clock tests move. */
final class RequestDatabase implements AutoCloseable {
    static final String PURPOSE = "subject-requests";
    static final Instant START = Instant.parse("2027-01-31T10:00:00Z");

    final TestDatabase database;
    final CatalogDatabase catalog;
    final MutableClock clock = new MutableClock(START);
    final List<AuditEvent> audited = new CopyOnWriteArrayList<>();
    final AuditTrail audit = audited::add;
    final Keyring keyring;
    final KeyringIdentifierVault vault;
    final KeyringSubjectHasher hasher;
    final SubjectRequestStore store;

    RequestDatabase(String kind) {
        this.database = TestDatabase.create(kind);
        this.catalog = database.migrate();
        this.keyring = new Keyring(jdbi(), KeyEncryptionKey.fromJson(KeyEncryptionKey.generateJson()),
                List.of(PURPOSE), Clock.systemUTC()).start();
        this.vault = new KeyringIdentifierVault(jdbi(), keyring, PURPOSE);
        this.hasher = new KeyringSubjectHasher(keyring, PURPOSE);
        this.store = new SubjectRequestStore(jdbi(), clock, audit, Deadlines.defaults(), hasher, vault);
    }

    Jdbi jdbi() {
        return catalog.jdbi();
    }

    static SubjectIdentifiers alice() {
        return new SubjectIdentifiers(Map.of("EMAIL_ADDRESS", List.of("alice@example.org"), "PERSON_ID", List.of("42")));
    }

    static NewSubjectRequest erasure(Regulation regulation, String submittedBy) {
        return new NewSubjectRequest(RequestType.ERASURE, regulation, alice(), "support ticket owner", submittedBy,
                Optional.of("TICKET-7"));
    }

    /** A GDPR erasure request submitted by {@code submitter}, planned and awaiting approval. */
    SubjectRequest planned(String submitter) {
        SubjectRequest request = store.create(erasure(Regulation.GDPR, submitter));
        store.savePlan(request.id(), "{\"steps\":[]}", "v1");
        return store.move(request.id(), RequestStatus.RECEIVED, RequestStatus.PLANNED, "planner", null);
    }

    String storedText(String sql, Object id) {
        return jdbi().withHandle(h -> h.createQuery(sql).bind("id", id).mapTo(String.class).one());
    }

    @Override
    public void close() {
        database.close();
    }
}
