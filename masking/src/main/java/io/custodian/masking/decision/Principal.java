package io.custodian.masking.decision;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/** Who reads: a name (for the record), and the roles and groups policies match. */
public record Principal(String name, Set<String> roles, Set<String> groups) {
    public Principal {
        requireNonNull(name, "name is null");
        roles = Set.copyOf(roles);
        groups = Set.copyOf(groups);
    }
}
