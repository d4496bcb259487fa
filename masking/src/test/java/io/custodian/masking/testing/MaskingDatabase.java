package io.custodian.masking.testing;

import io.custodian.catalog.audit.AuditEvent;
import io.custodian.catalog.audit.AuditException;
import io.custodian.catalog.audit.AuditTrail;
import io.custodian.catalog.store.CatalogDatabase;
import io.custodian.catalog.testing.TestDatabase;
import io.custodian.masking.keys.KeyEncryptionKey;
import io.custodian.masking.keys.Keyring;
import io.custodian.masking.tokens.TokenLimits;
import io.custodian.masking.tokens.TokenService;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;

/**
 * A migrated catalog database (H2, or PostgreSQL when configured) holding the masking tables, with
 * an audit trail that records in memory and can be made to fail.
 */
public final class MaskingDatabase implements AutoCloseable {
    public final TestDatabase database;
    public final CatalogDatabase catalog;
    /** What the services recorded, in order. */
    public final List<AuditEvent> audited = new CopyOnWriteArrayList<>();
    /** Set to make the audit trail refuse entries, as an unavailable audit log would. */
    public volatile boolean auditFailing;
    public final AuditTrail audit = event -> {
        if (auditFailing) {
            throw new AuditException("the audit log is unavailable", new IllegalStateException("test"));
        }
        audited.add(event);
    };

    public MaskingDatabase(String kind) {
        this.database = TestDatabase.create(kind);
        this.catalog = database.migrate();
    }

    public Jdbi jdbi() {
        return catalog.jdbi();
    }

    /** A started keyring for {@code purposes} under {@code kek}. */
    public Keyring keyring(KeyEncryptionKey kek, String... purposes) {
        return new Keyring(jdbi(), kek, List.of(purposes), Clock.systemUTC()).start();
    }

    public TokenService tokens(Keyring keyring, TokenLimits limits) {
        return new TokenService(keyring, audit, limits);
    }

    public int keysetRows() {
        return jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM masking_keyset").mapTo(Integer.class).one());
    }

    @Override
    public void close() {
        database.close();
    }
}
