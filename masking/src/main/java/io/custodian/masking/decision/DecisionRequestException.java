package io.custodian.masking.decision;

/**
 * A request that cannot be decided, saying where in it the problem is
 * ({@code tables[3].columns[17].type: ...}), without repeating more of the input than its size.
 */
public final class DecisionRequestException extends IllegalArgumentException {
    private final String path;

    public DecisionRequestException(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
    }

    /** Where in the request, e.g. {@code tables[3].columns[17].type}. */
    public String path() {
        return path;
    }
}
