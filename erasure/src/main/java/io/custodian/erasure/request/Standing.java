package io.custodian.erasure.request;

/**
 * Where a request stands against its deadline. Open requests (on hold included: the deadline does
 * not pause) are {@link #ON_TRACK}, {@link #NEAR_DEADLINE} or {@link #OVERDUE}; a request in a final
 * status is {@link #CLOSED}, whenever it closed, so that a finished request never shows as late.
 */
public enum Standing {
    ON_TRACK,
    NEAR_DEADLINE,
    OVERDUE,
    CLOSED
}
