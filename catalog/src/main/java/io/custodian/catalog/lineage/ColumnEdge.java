package io.custodian.catalog.lineage;

import static java.util.Objects.requireNonNull;

import io.custodian.lineage.graph.LineageEdge;

/**
 * An input field an output field is computed from, with how (the OpenLineage transformation
 * type and subtype, description, masking) and who said so ({@code PRODUCER} for the producer's
 * columnLineage facet, {@code DERIVED} for lineage computed from the job's SQL).
 */
public record ColumnEdge(FieldNode origin, FieldNode destination, String transformationType,
        String transformationSubtype, String description, Boolean masking, String provenance)
        implements LineageEdge<FieldNode> {
    public ColumnEdge {
        requireNonNull(origin, "origin is null");
        requireNonNull(destination, "destination is null");
        requireNonNull(provenance, "provenance is null");
    }
}
