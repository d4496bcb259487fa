package io.custodian.masking.tokens;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.audit.AuditEvent;
import io.custodian.catalog.audit.AuditTrail;
import io.custodian.masking.keys.KekMismatchException;
import io.custodian.masking.keys.KeyKind;
import io.custodian.masking.keys.Keyring;
import io.custodian.masking.keys.PurposeKeys;
import io.custodian.masking.keys.Purposes;
import io.custodian.masking.keys.UnknownPurposeException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Tokenizes, encrypts and pseudonymizes batches of values of a purpose, and reveals tokens and
 * ciphertexts again for a stated reason.
 *
 * <p>A batch is a list of strings in and a list of the same size out; nulls stay null. Every call
 * is recorded in the {@link AuditTrail} (actor, action, the purpose as target, the count, and the
 * reason when values are revealed; never a value) before its result is returned: when the entry
 * cannot be written, the call fails. A refused call (limits, bad tokens, unknown purpose) is
 * recorded as a failure and nothing else happens.
 *
 * <p>Forms: tokens {@code tk1_…} (deterministic AES-SIV: equal values give equal tokens, so
 * tokenized columns still join), ciphertexts {@code ec1_…} (AES-GCM, randomised), pseudonyms
 * {@code ps1_…} (HMAC-SHA256, one-way). Tokens and ciphertexts carry the id of the key that made
 * them, so they still open after a rotation.
 */
public final class TokenService {
    public static final String TOKENIZE = "token.tokenize";
    public static final String DETOKENIZE = "token.detokenize";
    public static final String RETOKENIZE = "token.retokenize";
    public static final String ENCRYPT = "token.encrypt";
    public static final String DECRYPT = "token.decrypt";
    public static final String PSEUDONYMIZE = "token.pseudonymize";
    /** Tink's prefix (version byte and key id) and AES-SIV's synthetic IV. */
    private static final int TOKEN_OVERHEAD = 5 + 16;
    /** Tink's prefix, the GCM nonce and the GCM tag. */
    private static final int CIPHERTEXT_OVERHEAD = 5 + 12 + 16;

    private final Keyring keyring;
    private final AuditTrail audit;
    private final TokenLimits limits;
    private final int maxTokenChars;
    private final int maxCiphertextChars;

    public TokenService(Keyring keyring, AuditTrail audit, TokenLimits limits) {
        this.keyring = requireNonNull(keyring, "keyring is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.maxTokenChars = TokenForm.TOKEN.maxChars(limits.maxValueBytes() + TOKEN_OVERHEAD);
        this.maxCiphertextChars = TokenForm.CIPHERTEXT.maxChars(limits.maxValueBytes() + CIPHERTEXT_OVERHEAD);
    }

    /** The deterministic tokens of {@code values}. */
    public List<String> tokenize(String actor, String purpose, List<String> values) {
        return call(actor, TOKENIZE, purpose, values, null, false, (batch, value, index) -> token(batch.keys, value, index));
    }

    /** The values of {@code tokens}, made with any key of the purpose's tokenization keyset; needs a reason. */
    public List<String> detokenize(String actor, String purpose, List<String> tokens, String reason) {
        return call(actor, DETOKENIZE, purpose, tokens, reason, true, this::untoken);
    }

    /**
     * The tokens of the values of {@code tokens} under the purpose's current tokenization key: how
     * stored tokens move to a new key after a rotation. Values never leave the service, so no
     * reason is asked.
     */
    public List<String> retokenize(String actor, String purpose, List<String> tokens) {
        return call(actor, RETOKENIZE, purpose, tokens, null, false,
                (batch, token, index) -> token(batch.keys, untoken(batch, token, index), index));
    }

    /** Randomised ciphertexts of {@code values}. */
    public List<String> encrypt(String actor, String purpose, List<String> values) {
        return call(actor, ENCRYPT, purpose, values, null, false, (batch, value, index) ->
                TokenForm.CIPHERTEXT.format(batch.keys.encrypt(bytes(value, index))));
    }

    /** The values of {@code ciphertexts}; needs a reason. */
    public List<String> decrypt(String actor, String purpose, List<String> ciphertexts, String reason) {
        return call(actor, DECRYPT, purpose, ciphertexts, reason, true, (batch, text, index) -> {
            byte[] ciphertext = TokenForm.CIPHERTEXT.parse(text, maxCiphertextChars);
            if (ciphertext == null) {
                throw new InvalidTokenException(index, TokenForm.CIPHERTEXT, batch.keys.purpose());
            }
            try {
                return new String(batch.keys.decrypt(ciphertext), StandardCharsets.UTF_8);
            } catch (GeneralSecurityException e) {
                PurposeKeys newer = batch.newerKeysFor(KeyKind.ENCRYPT, ciphertext);
                if (newer != null) {
                    try {
                        return new String(newer.decrypt(ciphertext), StandardCharsets.UTF_8);
                    } catch (GeneralSecurityException again) {
                        // not ours after all
                    }
                }
                throw new InvalidTokenException(index, TokenForm.CIPHERTEXT, batch.keys.purpose());
            }
        });
    }

    /** One-way pseudonyms of {@code values}: equal values give equal pseudonyms until the key is rotated. */
    public List<String> pseudonymize(String actor, String purpose, List<String> values) {
        return call(actor, PSEUDONYMIZE, purpose, values, null, false, (batch, value, index) ->
                TokenForm.PSEUDONYM.format(batch.keys.pseudonymize(bytes(value, index))));
    }

    /**
     * Tokenizes single values of {@code purpose} without auditing each, for masking strategies.
     *
     * @throws UnknownPurposeException when the purpose is not configured
     */
    public ValueTokenizer tokenizer(String purpose) {
        keyring.keys(purpose);
        return value -> {
            if (value == null) {
                return null;
            }
            try {
                return token(keyring.keys(purpose), value, 0);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("tokenization failed for purpose '" + purpose + "'");
            }
        };
    }

    /** One value, transformed; throws {@link TokenException} naming the index for bad input. */
    @FunctionalInterface
    private interface Step {
        String apply(Batch batch, String input, int index) throws GeneralSecurityException;
    }

    /** The keys one call works with; re-read at most once, when a token names a key not loaded here. */
    private final class Batch {
        PurposeKeys keys;
        private boolean refreshed;

        Batch(PurposeKeys keys) {
            this.keys = keys;
        }

        /**
         * The purpose's keys re-read from the store when {@code output} names a key this instance
         * has not loaded (another instance rotated since) and the store now has it; null otherwise.
         */
        PurposeKeys newerKeysFor(KeyKind kind, byte[] output) {
            if (refreshed || keys.knowsKeyOf(kind, output)) {
                return null;
            }
            refreshed = true;
            keys = keyring.refresh(keys.purpose());
            return keys.knowsKeyOf(kind, output) ? keys : null;
        }
    }

    private List<String> call(String actor, String action, String purpose, List<String> inputs, String reason,
            boolean reveals, Step step) {
        requireNonNull(actor, "actor is null");
        requireNonNull(inputs, "the batch is null");
        String target = Purposes.isValid(purpose) ? purpose : null;
        String detail = "count=" + inputs.size();
        String[] outputs;
        try {
            if (reveals) {
                requireReason(reason);
                detail = detail + "; reason=" + reason.strip();
            }
            Batch batch = new Batch(keyring.keys(purpose));
            if (inputs.size() > limits.maxBatch()) {
                throw new BatchTooLargeException(inputs.size(), limits.maxBatch());
            }
            outputs = new String[inputs.size()];
            int index = 0;
            for (String input : inputs) {
                outputs[index] = input == null ? null : step.apply(batch, input, index);
                index++;
            }
        } catch (TokenException | UnknownPurposeException | KekMismatchException e) {
            // Their messages name indexes, purposes and key ids, never values: safe to record and return.
            recordFailure(actor, action, target, detail + "; " + e.getMessage(), e);
            throw e;
        } catch (GeneralSecurityException | RuntimeException e) {
            // Not the caller's fault; the message stays generic, as Tink's could say anything.
            IllegalStateException failure = new IllegalStateException(action + " failed for purpose '" + target + "'");
            recordFailure(actor, action, target, detail + "; failed: " + e.getClass().getSimpleName(), failure);
            throw failure;
        }
        // Recorded before anything is returned: an unrecorded call reveals nothing.
        audit.record(AuditEvent.success(actor, action, target, detail));
        return Collections.unmodifiableList(Arrays.asList(outputs));
    }

    private void recordFailure(String actor, String action, String target, String detail, RuntimeException failure) {
        try {
            audit.record(AuditEvent.failure(actor, action, target, detail));
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private String token(PurposeKeys keys, String value, int index) throws GeneralSecurityException {
        return TokenForm.TOKEN.format(keys.tokenize(bytes(value, index)));
    }

    private String untoken(Batch batch, String text, int index) {
        byte[] token = TokenForm.TOKEN.parse(text, maxTokenChars);
        if (token == null) {
            throw new InvalidTokenException(index, TokenForm.TOKEN, batch.keys.purpose());
        }
        try {
            return new String(batch.keys.detokenize(token), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            PurposeKeys newer = batch.newerKeysFor(KeyKind.TOKENIZE, token);
            if (newer != null) {
                try {
                    return new String(newer.detokenize(token), StandardCharsets.UTF_8);
                } catch (GeneralSecurityException again) {
                    // not ours after all
                }
            }
            throw new InvalidTokenException(index, TokenForm.TOKEN, batch.keys.purpose());
        }
    }

    private byte[] bytes(String value, int index) {
        int max = limits.maxValueBytes();
        // A string never has more characters than UTF-8 bytes: a long one is refused before encoding.
        if (value.length() > max) {
            throw new InvalidValueException(index, "is longer than " + max + " UTF-8 bytes");
        }
        // The encoder would silently turn an unpaired surrogate into '?': such text is refused.
        int length = Utf8.length(value, max);
        if (length < 0) {
            throw new InvalidValueException(index, "is not valid Unicode text (it has an unpaired surrogate)");
        }
        if (length > max) {
            throw new InvalidValueException(index, "is longer than " + max + " UTF-8 bytes");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidReasonException("none was given");
        }
        if (reason.length() > limits.maxReasonLength()) {
            throw new InvalidReasonException("it is longer than " + limits.maxReasonLength() + " characters");
        }
        for (int i = 0; i < reason.length(); i++) {
            char c = reason.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw new InvalidReasonException("it must be one line of text without control characters");
            }
        }
    }
}
