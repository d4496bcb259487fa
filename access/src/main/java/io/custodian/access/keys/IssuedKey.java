package io.custodian.access.keys;

import static java.util.Objects.requireNonNull;

/** A key just created: the only moment its secret exists outside the caller's hands. */
public record IssuedKey(ApiKey key, String secret) {
    public IssuedKey {
        requireNonNull(key, "key is null");
        requireNonNull(secret, "secret is null");
    }

    @Override
    public String toString() {
        // Never print the secret by accident.
        return "IssuedKey[" + key.prefix() + "]";
    }
}
