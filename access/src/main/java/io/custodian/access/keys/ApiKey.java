package io.custodian.access.keys;

import io.custodian.access.Role;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** An API key as an administrator sees it: never the secret, only its public prefix. */
public record ApiKey(UUID id, String prefix, String name, Set<Role> roles, Instant createdAt, String createdBy,
        Instant revokedAt, String revokedBy) {
    public ApiKey {
        roles = Set.copyOf(roles);
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}
