package io.custodian.access;

import static java.util.Objects.requireNonNull;

import java.security.Principal;
import java.util.Set;

/** An authenticated caller: who it is, for the audit log, and the roles it holds. */
public record Caller(Actor actor, Set<Role> roles) implements Principal {
    public Caller {
        requireNonNull(actor, "actor is null");
        roles = Set.copyOf(roles);
    }

    /** The name records show (the key's name and prefix, or the token's subject and "(token)"). */
    public String name() {
        return actor.name();
    }

    @Override
    public String getName() {
        return actor.name();
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
