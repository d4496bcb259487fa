package io.custodian.masking.keys;

/**
 * A key-encryption key could not be read or is not acceptable (malformed, of the wrong type, in
 * a file others can read). Messages never contain key material.
 */
public final class KeyEncryptionKeyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    KeyEncryptionKeyException(String message) {
        super(message);
    }

    KeyEncryptionKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
