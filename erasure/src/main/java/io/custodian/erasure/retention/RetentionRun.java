package io.custodian.erasure.retention;

import static java.util.Objects.requireNonNull;

import io.custodian.erasure.plan.ErasurePlan;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One run of a retention rule, as stored: who or what started it, the plan it ran (with the cutoff
 * and the policy version), and per dataset what was deleted or rewritten and verified.
 *
 * @param slot a scheduled run's turn ({@code first} or {@code after:<previous run id>}); empty on demand
 * @param plan empty until planned (or when planning failed)
 * @param evidence per dataset, once the run's steps have ended (or stopped)
 * @param failure why the run FAILED as a whole (planning, or the executor refused the plan)
 */
public record RetentionRun(UUID id, String rule, Trigger trigger, String requestedBy, Optional<String> slot,
        Status status, Instant startedAt, Optional<Instant> finishedAt, Optional<Instant> cutoff,
        Optional<String> policyVersion, Optional<ErasurePlan> plan, List<DatasetEvidence> evidence,
        long rowsDeleted, long rowsAnonymized, Optional<String> failure) {
    /** Why a run started. */
    public enum Trigger {
        SCHEDULE,
        ON_DEMAND
    }

    /** Where a run is. */
    public enum Status {
        /** Planning or executing (or stopped by a crash: the next tick resumes it). */
        RUNNING,
        /** Every step is done and every change verified. */
        COMPLETED,
        /** Some steps wait for a person (no source, no such column) or failed; the evidence says which. */
        PARTIALLY_COMPLETED,
        /** Nothing was done: planning failed, or every step failed. */
        FAILED;

        public boolean finished() {
            return this != RUNNING;
        }
    }

    public RetentionRun {
        requireNonNull(id, "id is null");
        requireNonNull(rule, "rule is null");
        requireNonNull(trigger, "trigger is null");
        requireNonNull(requestedBy, "requestedBy is null");
        requireNonNull(slot, "slot is null");
        requireNonNull(status, "status is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(finishedAt, "finishedAt is null");
        requireNonNull(cutoff, "cutoff is null");
        requireNonNull(policyVersion, "policyVersion is null");
        requireNonNull(plan, "plan is null");
        evidence = List.copyOf(evidence);
        requireNonNull(failure, "failure is null");
    }

    /** The audit target of the run: {@code retention-run/<id>}. */
    public String target() {
        return "retention-run/" + id;
    }
}
