package io.custodian.masking.tokens;

import static java.util.Objects.requireNonNull;

import io.custodian.masking.keys.Keyring;
import io.custodian.masking.strategy.MaskingKeys;

/**
 * The keys masking strategies use, from the keyring: the keyed-hash salt of a purpose and its
 * tokenizer. Values pass through unaudited: what is audited is the gateway answer that applies them.
 */
public final class TokenMaskingKeys implements MaskingKeys {
    private final Keyring keyring;
    private final TokenService tokens;

    public TokenMaskingKeys(Keyring keyring, TokenService tokens) {
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
