package io.custodian.masking.tokens;

/**
 * Tokenizes single values of one purpose, for masking strategies that tokenize column values as
 * they pass: no batch, no audit entry (the query that reads the column is what is audited).
 * Always uses the purpose's current primary key.
 */
@FunctionalInterface
public interface ValueTokenizer {
    /**
     * The {@code tk1_} token of {@code value}, or null for null.
     *
     * @throws InvalidValueException when the value is too long or not valid Unicode text
     */
    String tokenize(String value);
}
