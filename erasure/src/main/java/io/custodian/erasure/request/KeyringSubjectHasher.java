package io.custodian.erasure.request;

import static java.util.Objects.requireNonNull;

import io.custodian.erasure.plan.SubjectHasher;
import io.custodian.masking.keys.Keyring;
import io.custodian.masking.keys.Purposes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Subject hashes from a masking purpose's PRF: the first 16 hex characters (64 bits) of
 * PRF(type + NUL + value). The type is part of the input so that the same text as an email and as
 * a person id hashes differently; NUL cannot occur in a type name, so no two pairs share an input.
 * Thread-safe: the keyring's primitives are. A rotation of the purpose's pseudonymization key
 * changes every hash.
 */
public final class KeyringSubjectHasher implements SubjectHasher {
    private static final int HEX_CHARS = 16;
    private final Keyring keyring;
    private final String purpose;

    public KeyringSubjectHasher(Keyring keyring, String purpose) {
        this.keyring = requireNonNull(keyring, "keyring is null");
        this.purpose = Purposes.requireValid(purpose);
    }

    @Override
    public String hash(String type, String value) {
        requireNonNull(type, "type is null");
        requireNonNull(value, "value is null");
        byte[] input = (type + "\0" + value).getBytes(StandardCharsets.UTF_8);
        try {
            return HexFormat.of().formatHex(keyring.keys(purpose).pseudonymize(input)).substring(0, HEX_CHARS);
        } catch (GeneralSecurityException e) {
            // No cause: it is Tink's, and the value must not travel with it.
            throw new IllegalStateException("cannot hash a subject identifier with the keys of purpose '" + purpose
                    + "'");
        }
    }
}
