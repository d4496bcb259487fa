package io.custodian.erasure.execute;

import static java.util.Objects.requireNonNull;

import io.custodian.erasure.policy.ErasureAction;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * One step of a subject request as execution keeps it: its state, how often it was tried, the
 * subject's rows before and after, and why it failed or who completed it. Holds no personal data.
 *
 * @param rowsBefore the subject's rows a COUNT found before the step changed anything (an export:
 *     the rows read)
 * @param rowsAffected rows deleted or updated (so far, while RUNNING)
 * @param rowsRemaining the subject's rows a COUNT found afterwards: 0 when verified
 * @param verified whether a COUNT after the change found none of the subject's rows (or there
 *     could be none: no value of the subject fits the locator columns)
 * @param failure why the step failed: what was being done, the exception's class and SQLState
 * @param note why a step that changes nothing is done, or what the person who completed it said
 * @param doneBy who marked a MANUAL or UNRESOLVED step done
 * @param claimedBy the executor that runs (or last ran) the step
 * @param leaseUntil until when the claim holds; after it, another executor may take the step over
 */
public record StepState(
        UUID requestId,
        int order,
        String namespace,
        String dataset,
        ErasureAction action,
        Status status,
        int attempts,
        OptionalLong rowsBefore,
        OptionalLong rowsAffected,
        OptionalLong rowsRemaining,
        boolean verified,
        Optional<Instant> verifiedAt,
        Optional<String> failure,
        Optional<String> note,
        Optional<String> doneBy,
        Optional<String> claimedBy,
        Optional<Instant> leaseUntil,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt,
        Instant updatedAt) {
    /** Where a step is. */
    public enum Status {
        /** Not run yet, or put back to run again. */
        PENDING,
        /** Claimed by an executor, under a lease. */
        RUNNING,
        /** A person must act and then mark it done. */
        WAITING,
        DONE,
        FAILED;

        /** Whether the step will not move on by itself: DONE, WAITING or FAILED. */
        public boolean settled() {
            return this == DONE || this == WAITING || this == FAILED;
        }
    }

    public StepState {
        requireNonNull(requestId, "requestId is null");
        requireNonNull(namespace, "namespace is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(action, "action is null");
        requireNonNull(status, "status is null");
        requireNonNull(rowsBefore, "rowsBefore is null");
        requireNonNull(rowsAffected, "rowsAffected is null");
        requireNonNull(rowsRemaining, "rowsRemaining is null");
        requireNonNull(verifiedAt, "verifiedAt is null");
        requireNonNull(failure, "failure is null");
        requireNonNull(note, "note is null");
        requireNonNull(doneBy, "doneBy is null");
        requireNonNull(claimedBy, "claimedBy is null");
        requireNonNull(leaseUntil, "leaseUntil is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(finishedAt, "finishedAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }

    /** {@code namespace/dataset}, as the plan names a dataset. */
    public String datasetKey() {
        return namespace + "/" + dataset;
    }

    /** The audit target of the step: {@code subject-request/<id>/step/<order>}. */
    public String target() {
        return "subject-request/" + requestId + "/step/" + order;
    }
}
