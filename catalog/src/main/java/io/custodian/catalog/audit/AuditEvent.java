package io.custodian.catalog.audit;

import static java.util.Objects.requireNonNull;

/**
 * One thing done, as the audit trail keeps it: who did it, what, to what, how it ended, and a
 * detail (counts, ids, a policy version). Never personal data or secrets: a target names a
 * dataset, field or request, not a value.
 */
public record AuditEvent(String actor, String action, String target, String outcome, String detail) {
    public AuditEvent {
        requireNonNull(actor, "actor is null");
        requireNonNull(action, "action is null");
        requireNonNull(outcome, "outcome is null");
    }

    /** An action that succeeded. */
    public static AuditEvent success(String actor, String action, String target, String detail) {
        return new AuditEvent(actor, action, target, "success", detail);
    }

    /** An action that failed, with why. */
    public static AuditEvent failure(String actor, String action, String target, String detail) {
        return new AuditEvent(actor, action, target, "failure", detail);
    }
}
