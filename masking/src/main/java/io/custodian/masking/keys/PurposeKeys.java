package io.custodian.masking.keys;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.prf.PrfSet;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Set;

/**
 * One purpose's primitives, with the purpose bound as associated data: a token or ciphertext made
 * for one purpose does not open under another, even with the same keys. Immutable and thread-safe;
 * a rotation replaces the instance the {@link Keyring} hands out.
 */
public final class PurposeKeys {
    /** The length of pseudonyms and salts: the full HMAC-SHA256 output. */
    public static final int PRF_BYTES = 32;
    private final String purpose;
    private final byte[] associatedData;
    private final DeterministicAead tokenizer;
    private final Aead encrypter;
    private final PrfSet prf;
    private final Set<Integer> tokenKeyIds;
    private final Set<Integer> encryptKeyIds;

    PurposeKeys(String purpose, DeterministicAead tokenizer, Aead encrypter, PrfSet prf, Set<Integer> tokenKeyIds,
            Set<Integer> encryptKeyIds) {
        this.purpose = purpose;
        this.associatedData = purpose.getBytes(StandardCharsets.UTF_8);
        this.tokenizer = tokenizer;
        this.encrypter = encrypter;
        this.prf = prf;
        this.tokenKeyIds = Set.copyOf(tokenKeyIds);
        this.encryptKeyIds = Set.copyOf(encryptKeyIds);
    }

    public String purpose() {
        return purpose;
    }

    /** Deterministic: the same value gives the same bytes until the tokenization key is rotated. */
    public byte[] tokenize(byte[] value) throws GeneralSecurityException {
        return tokenizer.encryptDeterministically(value, associatedData);
    }

    /** The value of a token made by any key of this purpose's tokenization keyset; throws for any other input. */
    public byte[] detokenize(byte[] token) throws GeneralSecurityException {
        return tokenizer.decryptDeterministically(token, associatedData);
    }

    /** Randomised: the same value gives different bytes each time. */
    public byte[] encrypt(byte[] value) throws GeneralSecurityException {
        return encrypter.encrypt(value, associatedData);
    }

    public byte[] decrypt(byte[] ciphertext) throws GeneralSecurityException {
        return encrypter.decrypt(ciphertext, associatedData);
    }

    /**
     * Whether {@code output} (a token or ciphertext) names, in its Tink prefix, a key these keys
     * hold. False means it was made by a key loaded elsewhere since (another instance's rotation),
     * or by no key of ours at all.
     */
    public boolean knowsKeyOf(KeyKind kind, byte[] output) {
        Set<Integer> ids = switch (kind) {
            case TOKENIZE -> tokenKeyIds;
            case ENCRYPT -> encryptKeyIds;
            case PSEUDONYMIZE -> Set.of();
        };
        // Tink's prefix: a version byte (1) and the key id, big-endian.
        return output.length >= 5 && output[0] == 1 && ids.contains((output[1] & 0xff) << 24
                | (output[2] & 0xff) << 16 | (output[3] & 0xff) << 8 | output[4] & 0xff);
    }

    /** The primary PRF key's {@value #PRF_BYTES}-byte output: one-way, changes when that key is rotated. */
    public byte[] pseudonymize(byte[] value) throws GeneralSecurityException {
        return prf.computePrimary(value, PRF_BYTES);
    }
}
