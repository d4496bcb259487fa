package io.custodian.server.access;

import static java.util.Objects.requireNonNull;

import io.custodian.access.Actor;
import io.custodian.access.audit.AuditLog;
import io.custodian.access.audit.AuditRecord;
import io.custodian.catalog.Failures;
import io.custodian.catalog.audit.AuditEvent;
import io.custodian.catalog.audit.AuditException;
import io.custodian.catalog.audit.AuditTrail;

/** The domain's audit trail, kept in the hash-chained audit log. */
public final class AuditLogTrail implements AuditTrail {
    private final AuditLog log;

    public AuditLogTrail(AuditLog log) {
        this.log = requireNonNull(log, "log is null");
    }

    @Override
    public void record(AuditEvent event) {
        requireNonNull(event, "event is null");
        try {
            // Domain code hands actors around by name; a caller's name says what authenticated it.
            log.append(new AuditRecord(Actor.fromName(event.actor()), event.action(), event.target(),
                    event.outcome(), null, null, event.detail()));
        } catch (RuntimeException e) {
            // The message names the failure's kind and SQL state, never the entry's content.
            throw new AuditException("the audit log could not record " + event.action() + ": "
                    + Failures.describe(e), e);
        }
    }
}
