package io.custodian.lineage.sql;

import static java.util.Objects.requireNonNull;

/** A source column and how it reaches a target: its OpenLineage type and subtype. */
public record LineageEdge(SourceColumn source, EdgeSubtype subtype) {
    public LineageEdge {
        requireNonNull(source, "source is null");
        requireNonNull(subtype, "subtype is null");
    }

    public EdgeType type() {
        return subtype.type();
    }
}
