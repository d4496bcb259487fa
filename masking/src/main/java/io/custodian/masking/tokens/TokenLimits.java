package io.custodian.masking.tokens;

/**
 * Bounds on one call of the token service.
 *
 * @param maxBatch        the most values in one call
 * @param maxValueBytes   the longest value, in UTF-8 bytes
 * @param maxReasonLength the longest stated reason for detokenize and decrypt, in characters
 */
public record TokenLimits(int maxBatch, int maxValueBytes, int maxReasonLength) {
    /** 10,000 values of up to 4 KiB; reasons of up to 200 characters. */
    public static final TokenLimits DEFAULTS = new TokenLimits(10_000, 4096, 200);
    /** Keeps tokens of the longest values well under a megabyte of text each. */
    private static final int MAX_VALUE_BYTES = 512 * 1024;

    public TokenLimits {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        if (maxValueBytes < 1 || maxValueBytes > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("maxValueBytes must be between 1 and " + MAX_VALUE_BYTES);
        }
        if (maxReasonLength < 1) {
            throw new IllegalArgumentException("maxReasonLength must be at least 1");
        }
    }
}
