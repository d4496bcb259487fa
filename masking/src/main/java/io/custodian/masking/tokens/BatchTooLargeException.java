package io.custodian.masking.tokens;

/** More values in one call than {@link TokenLimits#maxBatch()} allows; nothing was processed. */
public final class BatchTooLargeException extends TokenException {
    private static final long serialVersionUID = 1L;

    BatchTooLargeException(int size, int max) {
        super("a batch holds at most " + max + " values, this one " + size);
    }
}
