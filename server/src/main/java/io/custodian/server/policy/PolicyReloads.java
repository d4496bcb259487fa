package io.custodian.server.policy;

import static java.util.Objects.requireNonNull;

import io.custodian.access.Actor;
import io.custodian.access.audit.AuditLog;
import io.custodian.access.audit.AuditRecord;
import io.custodian.policy.PolicyListener;
import io.custodian.policy.PolicySet;
import io.custodian.policy.ReloadFailure;
import io.custodian.scanner.policy.ScannerPolicies;

/**
 * What follows a reload of the policy set: an audit entry ({@code policy.reload}, success or failure,
 * by the service itself), and a recomputation of propagation when the propagation rules changed.
 */
final class PolicyReloads implements PolicyListener {
    /** The audit log's actor for what the service does of its own accord. */
    static final Actor ACTOR = Actor.service("custodian");
    static final String ACTION = "policy.reload";
    private final AuditLog audit;
    private final Runnable propagationChanged;

    PolicyReloads(AuditLog audit, Runnable propagationChanged) {
        this.audit = requireNonNull(audit, "audit is null");
        this.propagationChanged = requireNonNull(propagationChanged, "propagationChanged is null");
    }

    @Override
    public void reloaded(PolicySet previous, PolicySet current) {
        audit.append(new AuditRecord(ACTOR, ACTION, current.origin(), "success", null, null,
                "version " + current.version() + " (was " + previous.version() + ")"));
        if (!current.sameSection(previous, ScannerPolicies.PROPAGATION)) {
            propagationChanged.run();
        }
    }

    @Override
    public void reloadFailed(ReloadFailure failure, PolicySet stays) {
        // The message names file, line and column, and quotes nothing but the file it is about.
        audit.append(new AuditRecord(ACTOR, ACTION, stays.origin(), "failure", null, null,
                failure.message() + "; version " + stays.version() + " stays in force"));
    }
}
