package io.custodian.erasure.execute;

/**
 * An executor wrote to a step it no longer holds: its lease expired and another executor took the
 * step over (or a person changed it). The executor stops working on the step.
 */
public final class LostClaimException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LostClaimException(String message) {
        super(message);
    }
}
