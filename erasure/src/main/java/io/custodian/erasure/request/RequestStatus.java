package io.custodian.erasure.request;

import java.util.EnumSet;
import java.util.Set;

/**
 * A subject request's status, and the one place that says which status may follow which.
 *
 * <pre>
 * RECEIVED  -> PLANNED | ON_HOLD | CANCELED | FAILED     (planning pending)
 * PLANNED   -> APPROVED | ON_HOLD | CANCELED | RECEIVED  (awaiting approval; RECEIVED re-plans)
 * ON_HOLD   -> RECEIVED | CANCELED
 * APPROVED  -> EXECUTING | CANCELED
 * EXECUTING -> COMPLETED | PARTIALLY_COMPLETED | FAILED
 * PARTIALLY_COMPLETED -> EXECUTING (resume) | COMPLETED (manual steps marked done) | FAILED
 * </pre>
 */
public enum RequestStatus {
    /** Received; planning pending. */
    RECEIVED,
    /** Planned; awaiting approval. */
    PLANNED,
    ON_HOLD,
    CANCELED,
    APPROVED,
    EXECUTING,
    COMPLETED,
    /** Some steps ran, some did not (or are manual): resumable. */
    PARTIALLY_COMPLETED,
    FAILED;

    /** Whether nothing follows this status. */
    public boolean isFinal() {
        return this == CANCELED || this == COMPLETED || this == FAILED;
    }

    /** Whether a request in this status may move to {@code next}. */
    public boolean canMoveTo(RequestStatus next) {
        return next != null && successors().contains(next);
    }

    /** The statuses this one may move to; empty for a final status. */
    public Set<RequestStatus> successors() {
        return switch (this) {
            case RECEIVED -> EnumSet.of(PLANNED, ON_HOLD, CANCELED, FAILED);
            case PLANNED -> EnumSet.of(APPROVED, ON_HOLD, CANCELED, RECEIVED);
            case ON_HOLD -> EnumSet.of(RECEIVED, CANCELED);
            case APPROVED -> EnumSet.of(EXECUTING, CANCELED);
            case EXECUTING -> EnumSet.of(COMPLETED, PARTIALLY_COMPLETED, FAILED);
            case PARTIALLY_COMPLETED -> EnumSet.of(EXECUTING, COMPLETED, FAILED);
            case CANCELED, COMPLETED, FAILED -> EnumSet.noneOf(RequestStatus.class);
        };
    }

    /** The statuses that are not final: the requests still open. */
    public static Set<RequestStatus> open() {
        EnumSet<RequestStatus> open = EnumSet.noneOf(RequestStatus.class);
        for (RequestStatus status : values()) {
            if (!status.isFinal()) {
                open.add(status);
            }
        }
        return open;
    }
}
