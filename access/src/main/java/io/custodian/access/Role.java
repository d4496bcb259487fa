package io.custodian.access;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a caller may do. Roles are granted to API keys (or come from a token's claim); each API
 * endpoint names the roles that may call it. README.md has the table.
 */
public enum Role {
    /** Sends lineage events. */
    PRODUCER,
    /** Reads the catalog: datasets, jobs, runs, lineage, search. */
    READER,
    /** Reviews and overrides classifications, runs scans. */
    STEWARD,
    /** Writes masking, retention and erasure policies. */
    POLICY_ADMIN,
    /** Submits and approves erasure requests. */
    PRIVACY_OFFICER,
    /** A query gateway: asks for masking decisions and query rewrites. */
    GATEWAY,
    /** Turns values into tokens. */
    TOKENIZER,
    /** Turns tokens back into values. */
    DETOKENIZER,
    /** Manages API keys, reads and verifies the audit log. */
    ADMIN;

    /** Role names as used in {@code @RolesAllowed}. */
    public static final String PRODUCER_NAME = "PRODUCER";
    public static final String READER_NAME = "READER";
    public static final String ADMIN_NAME = "ADMIN";
    public static final String STEWARD_NAME = "STEWARD";
    public static final String POLICY_ADMIN_NAME = "POLICY_ADMIN";
    public static final String PRIVACY_OFFICER_NAME = "PRIVACY_OFFICER";
    public static final String GATEWAY_NAME = "GATEWAY";
    public static final String TOKENIZER_NAME = "TOKENIZER";
    public static final String DETOKENIZER_NAME = "DETOKENIZER";

    /** Parses a comma-separated list of role names; unknown names are an error. */
    public static Set<Role> parseAll(String names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names.split(",")) {
            String trimmed = name.trim();
            if (!trimmed.isEmpty()) {
                roles.add(Role.valueOf(trimmed.toUpperCase(Locale.ROOT)));
            }
        }
        return roles;
    }

    public static String joinAll(Set<Role> roles) {
        return String.join(",", roles.stream().sorted().map(Enum::name).toList());
    }
}
