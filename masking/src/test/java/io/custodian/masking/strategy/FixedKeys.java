package io.custodian.masking.strategy;

import java.nio.charset.StandardCharsets;

/**
 * Test keys: a salt derived from the purpose by a fixed rule, and tokens that are the purpose and the
 * value's code points reversed, which the test databases compute with the same rule as a function.
 */
public final class FixedKeys implements MaskingKeys {
    @Override
    public byte[] hashSalt(String purpose) {
        return ("salt-for-" + purpose).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String tokenize(String purpose, String value) {
        return token(purpose, value);
    }

    /** Also the H2 function {@code custodian_tokenize}. */
    public static String token(String purpose, String value) {
        if (value == null) {
            return null;
        }
        return "tok_" + purpose + "_" + new StringBuilder(value).reverse();
    }
}
