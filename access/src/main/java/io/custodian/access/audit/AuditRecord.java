package io.custodian.access.audit;

import static java.util.Objects.requireNonNull;

import io.custodian.access.Actor;

/** What a caller asks the audit log to record; the log adds the time, sequence and hashes. */
public record AuditRecord(Actor actor, String action, String target, String outcome, String reason,
        String remoteAddr, String detail) {
    public AuditRecord {
        requireNonNull(actor, "actor is null");
        requireNonNull(action, "action is null");
        requireNonNull(outcome, "outcome is null");
    }
}
