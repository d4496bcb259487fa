package io.custodian.masking.tokens;

import static java.util.Objects.requireNonNull;

import io.custodian.masking.keys.Keyring;
import io.custodian.masking.strategy.MaskingKeys;

/**
 * The keys masking strategies use, from the deployment's key management: HASH salts are the
 * keyring's per-purpose salts, TOKENIZE's Java form is the token service's {@code tk1_} token. Both
 * fail with {@link io.custodian.masking.keys.UnknownPurposeException} for a purpose the keyring does
 * not hold.
 */
public final class KeyringMaskingKeys implements MaskingKeys {
    private final Keyring keyring;
    private final TokenService tokens;

    public KeyringMaskingKeys(Keyring keyring, TokenService tokens) {
        this.keyring = requireNonNull(keyring, "keyring is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
    }

    @Override
    public byte[] hashSalt(String purpose) {
        return keyring.hashSalt(purpose);
    }

    @Override
    public String tokenize(String purpose, String value) {
        return tokens.tokenizer(purpose).tokenize(value);
    }
}
