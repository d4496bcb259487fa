package io.custodian.masking.policy;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whom a rule or override applies to: principals holding any of the roles or any of the groups;
 * with neither, everyone.
 */
public record PrincipalMatch(Set<String> roles, Set<String> groups) {
    public static final PrincipalMatch EVERYONE = new PrincipalMatch(Set.of(), Set.of());

    public PrincipalMatch {
        roles = Set.copyOf(roles);
        groups = Set.copyOf(groups);
    }

    public boolean isEveryone() {
        return roles.isEmpty() && groups.isEmpty();
    }

    public boolean matches(Collection<String> principalRoles, Collection<String> principalGroups) {
        if (isEveryone()) {
            return true;
        }
        for (String role : principalRoles) {
            if (roles.contains(role)) {
                return true;
            }
        }
        for (String group : principalGroups) {
            if (groups.contains(group)) {
                return true;
            }
        }
        return false;
    }

    Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("roles", new TreeSet<>(roles).stream().toList());
        out.put("groups", new TreeSet<>(groups).stream().toList());
        return out;
    }
}
