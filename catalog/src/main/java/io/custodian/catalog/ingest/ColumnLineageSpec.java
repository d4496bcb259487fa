package io.custodian.catalog.ingest;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The edges of one output's {@code columnLineage} facet and the hash of that facet. */
public record ColumnLineageSpec(List<ColumnEdgeSpec> edges, String hash) {
    /** The facet's name, in a dataset's {@code facets} or an output's {@code outputFacets}. */
    public static final String FACET = "columnLineage";

    public ColumnLineageSpec {
        edges = List.copyOf(edges);
        requireNonNull(hash, "hash is null");
    }
}
