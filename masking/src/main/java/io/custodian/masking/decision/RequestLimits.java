package io.custodian.masking.decision;

/**
 * How big a decision request may be: it comes from the network, and a decision's cost grows with
 * tables × columns × rules.
 */
public record RequestLimits(int maxTables, int maxColumnsPerTable, int maxNameLength, int maxPrincipalEntries) {
    /** 64 tables, 2000 columns each, names of 256 characters, 256 roles and 256 groups. */
    public static final RequestLimits DEFAULTS = new RequestLimits(64, 2000, 256, 256);

    public RequestLimits {
        if (maxTables < 1 || maxColumnsPerTable < 1 || maxNameLength < 1 || maxPrincipalEntries < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
