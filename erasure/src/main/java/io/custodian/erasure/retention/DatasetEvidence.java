package io.custodian.erasure.retention;

import static java.util.Objects.requireNonNull;

import io.custodian.erasure.execute.StepState;
import io.custodian.erasure.policy.ErasureAction;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a retention run did to one dataset, as its step ended: the evidence a run keeps.
 *
 * @param state the step's state: DONE, WAITING (a person must act) or FAILED
 * @param rowsBefore the rows older than the cutoff (for ANONYMIZE: not yet rewritten) before the change
 * @param rowsAffected rows deleted or rewritten
 * @param rowsRemaining what the verification's COUNT found afterwards: 0 when verified
 * @param note why a step that changed nothing is done, or what a person must do
 * @param failure why the step failed: what was being done, exception classes and SQLStates
 */
public record DatasetEvidence(int order, String namespace, String dataset, ErasureAction action, String state,
        OptionalLong rowsBefore, OptionalLong rowsAffected, OptionalLong rowsRemaining, boolean verified,
        Optional<Instant> verifiedAt, Optional<String> note, Optional<String> failure) {
    public DatasetEvidence {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(action, "action is null");
        requireNonNull(state, "state is null");
        rowsBefore = rowsBefore == null ? OptionalLong.empty() : rowsBefore;
        rowsAffected = rowsAffected == null ? OptionalLong.empty() : rowsAffected;
        rowsRemaining = rowsRemaining == null ? OptionalLong.empty() : rowsRemaining;
        verifiedAt = verifiedAt == null ? Optional.empty() : verifiedAt;
        note = note == null ? Optional.empty() : note;
        failure = failure == null ? Optional.empty() : failure;
    }

    static DatasetEvidence of(StepState step) {
        return new DatasetEvidence(step.order(), step.namespace(), step.dataset(), step.action(),
                step.status().name(), step.rowsBefore(), step.rowsAffected(), step.rowsRemaining(), step.verified(),
                step.verifiedAt(), step.note(), step.failure());
    }

    /** {@code namespace/dataset}. */
    public String datasetKey() {
        return namespace + "/" + dataset;
    }
}
