package io.custodian.lineage.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** One output column and the columns its value is computed from (DIRECT edges only). */
public record ColumnLineage(TargetColumn target, List<LineageEdge> sources) {
    public ColumnLineage {
        requireNonNull(target, "target is null");
        sources = List.copyOf(sources);
        for (LineageEdge edge : sources) {
            if (edge.type() != EdgeType.DIRECT) {
                throw new IllegalArgumentException("column sources are DIRECT edges: " + edge);
            }
        }
    }
}
