package io.custodian.catalog.lineage;

/**
 * A lineage closure went past its {@link ClosureBudget}: it reached more fields than allowed, or
 * ran out of time. Says how far it got, so a caller can report it or retry with a larger budget.
 */
public final class ClosureBudgetExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Which part of the budget ran out. */
    public enum Limit {
        FIELDS,
        TIME
    }

    private final Limit limit;
    private final int fieldsVisited;
    private final int distanceReached;

    public ClosureBudgetExceededException(Limit limit, int fieldsVisited, int distanceReached, String message) {
        super(message);
        this.limit = java.util.Objects.requireNonNull(limit, "limit is null");
        this.fieldsVisited = fieldsVisited;
        this.distanceReached = distanceReached;
    }

    public Limit limit() {
        return limit;
    }

    /** Distinct fields reached when the budget ran out, the start fields included. */
    public int fieldsVisited() {
        return fieldsVisited;
    }

    /** The number of lineage edges from the start fields of the level being read when it ran out. */
    public int distanceReached() {
        return distanceReached;
    }
}
