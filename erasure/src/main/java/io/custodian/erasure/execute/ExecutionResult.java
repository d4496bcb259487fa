package io.custodian.erasure.execute;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a request's execution stands after a call to {@link PlanExecutor#execute}.
 *
 * @param steps every step as stored, in order
 * @param remaining for each step not DONE: which, its state and why (no personal data)
 * @param export for an access request, the subject's rows; empty for an erasure
 */
public record ExecutionResult(UUID requestId, Outcome outcome, List<StepState> steps, List<String> remaining,
        Optional<ExportDocument> export, Instant finishedAt) {
    /**
     * How the request ended this call.
     *
     * <ul>
     *   <li>COMPLETED: every step is DONE.
     *   <li>PARTIALLY_COMPLETED: some steps are DONE, others WAITING for a person or FAILED
     *       ({@code remaining} says which and why); a person marks the waiting ones done, and
     *       {@link PlanExecutor#retryFailed} and another {@code execute} run the failed ones again.
     *   <li>FAILED: nothing could be done: no step is DONE and some step FAILED.
     *   <li>IN_PROGRESS: a step is held by another executor's live claim; call again later.
     * </ul>
     */
    public enum Outcome {
        COMPLETED,
        PARTIALLY_COMPLETED,
        FAILED,
        IN_PROGRESS
    }

    public ExecutionResult {
        requireNonNull(requestId, "requestId is null");
        requireNonNull(outcome, "outcome is null");
        steps = List.copyOf(steps);
        remaining = List.copyOf(remaining);
        requireNonNull(export, "export is null");
        requireNonNull(finishedAt, "finishedAt is null");
    }

    /** The outcome of a request whose steps stand as given. */
    static Outcome outcome(List<StepState> steps) {
        if (steps.stream().allMatch(s -> s.status() == StepState.Status.DONE)) {
            return Outcome.COMPLETED;
        }
        if (steps.stream().anyMatch(s -> !s.status().settled())) {
            return Outcome.IN_PROGRESS;
        }
        boolean anyDone = steps.stream().anyMatch(s -> s.status() == StepState.Status.DONE);
        boolean anyFailed = steps.stream().anyMatch(s -> s.status() == StepState.Status.FAILED);
        return anyFailed && !anyDone ? Outcome.FAILED : Outcome.PARTIALLY_COMPLETED;
    }
}
