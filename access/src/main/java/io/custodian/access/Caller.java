package io.custodian.access;

import static java.util.Objects.requireNonNull;

import java.security.Principal;
import java.util.Set;

/**
 * An authenticated caller: a name for the audit log (the key's name and prefix, or a token's
 * subject) and the roles it holds.
 */
public record Caller(String name, Set<Role> roles) implements Principal {
    public Caller {
        requireNonNull(name, "name is null");
        roles = Set.copyOf(roles);
    }

    @Override
    public String getName() {
        return name;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
