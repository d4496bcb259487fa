package io.custodian.lineage.sql;

/** OpenLineage's column lineage subtypes, each belonging to one {@link EdgeType}. */
public enum EdgeSubtype {
    /** The value is copied unchanged. */
    IDENTITY(EdgeType.DIRECT),
    /** The value is computed from the source by a function, operator, cast or CASE. */
    TRANSFORMATION(EdgeType.DIRECT),
    /** The value is an aggregate over the source. */
    AGGREGATION(EdgeType.DIRECT),
    JOIN(EdgeType.INDIRECT),
    FILTER(EdgeType.INDIRECT),
    GROUP_BY(EdgeType.INDIRECT),
    SORT(EdgeType.INDIRECT),
    WINDOW(EdgeType.INDIRECT),
    CONDITIONAL(EdgeType.INDIRECT);

    private final EdgeType type;

    EdgeSubtype(EdgeType type) {
        this.type = type;
    }

    public EdgeType type() {
        return type;
    }

    /**
     * The subtype of a value that passes through two steps: the stronger of the two, so a copy of
     * a transformed value is a transformation and a transformation of an aggregate an aggregation.
     */
    static EdgeSubtype compose(EdgeSubtype outer, EdgeSubtype inner) {
        return outer.ordinal() >= inner.ordinal() ? outer : inner;
    }
}
