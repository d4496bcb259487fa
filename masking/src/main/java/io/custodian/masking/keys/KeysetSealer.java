package io.custodian.masking.keys;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Encrypts and decrypts keysets under a KEK in Tink's JSON encrypted keyset format. The associated
 * data binds the purpose and the kind: a sealed keyset opens only as the keyset it was sealed as.
 */
final class KeysetSealer {
    private KeysetSealer() {}

    static String seal(KeysetHandle keyset, KeyEncryptionKey kek, String purpose, KeyKind kind)
            throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(keyset, kek.aead(), associatedData(purpose, kind),
                kind.configuration());
    }

    static KeysetHandle open(String sealed, KeyEncryptionKey kek, String purpose, KeyKind kind)
            throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.parseEncryptedKeyset(sealed, kek.aead(), associatedData(purpose, kind),
                kind.configuration());
    }

    static byte[] associatedData(String purpose, KeyKind kind) {
        return ("custodian/masking/keyset/v1/" + purpose + "/" + kind.label()).getBytes(StandardCharsets.UTF_8);
    }
}
