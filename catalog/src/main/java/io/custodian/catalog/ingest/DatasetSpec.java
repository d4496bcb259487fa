package io.custodian.catalog.ingest;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A dataset named by an event, with its facets and what Custodian reads from them.
 *
 * @param ioFacets the {@code inputFacets} or {@code outputFacets} of this input or output
 * @param schema from the {@code schema} facet, when present
 * @param columnLineage from the {@code columnLineage} facet in {@code facets} or {@code outputFacets}
 * @param source from the {@code dataSource} facet, when present
 */
public record DatasetSpec(
        String namespace,
        String name,
        List<Facet> facets,
        List<Facet> ioFacets,
        Optional<SchemaSpec> schema,
        Optional<ColumnLineageSpec> columnLineage,
        Optional<SourceSpec> source) {

    public DatasetSpec {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(name, "name is null");
        facets = List.copyOf(facets);
        ioFacets = List.copyOf(ioFacets);
        requireNonNull(schema, "schema is null");
        requireNonNull(columnLineage, "columnLineage is null");
        requireNonNull(source, "source is null");
    }

    /** The {@code dataSource} facet: where the dataset lives. */
    public record SourceSpec(String name, String uri) {
        public SourceSpec {
            requireNonNull(name, "name is null");
        }
    }
}
