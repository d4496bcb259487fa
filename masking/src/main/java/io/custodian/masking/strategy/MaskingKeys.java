package io.custodian.masking.strategy;

/**
 * The secrets masking strategies need, per purpose (such as {@code analytics} or {@code support}):
 * the salt keyed hashes are computed with, and the token a value stands for. The key management
 * implements it; strategies never hold keys themselves. Implementations never log what they are
 * given or return.
 */
public interface MaskingKeys {
    /** The secret salt of keyed hashes for {@code purpose}; the same bytes for as long as the key lives. */
    byte[] hashSalt(String purpose);

    /** The token that stands for {@code value} under {@code purpose}'s key. */
    String tokenize(String purpose, String value);
}
