package io.custodian.masking.keys;

import java.time.Instant;

/** One row of {@code masking_keyset}: a purpose's keyset of one kind, encrypted under the KEK named by {@code kekId}. */
record StoredKeyset(String purpose, KeyKind kind, String encryptedKeyset, String kekId, Instant createdAt,
        Instant rotatedAt, Instant rewrappedAt) {

    StoredKeyset rotated(String newEncryptedKeyset, Instant at) {
        return new StoredKeyset(purpose, kind, newEncryptedKeyset, kekId, createdAt, at, rewrappedAt);
    }

    StoredKeyset rewrapped(String newEncryptedKeyset, String newKekId, Instant at) {
        return new StoredKeyset(purpose, kind, newEncryptedKeyset, newKekId, createdAt, rotatedAt, at);
    }
}
