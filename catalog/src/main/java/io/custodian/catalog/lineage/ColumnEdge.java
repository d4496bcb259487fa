package io.custodian.catalog.lineage;

import static java.util.Objects.requireNonNull;

import io.custodian.lineage.graph.LineageEdge;
import java.util.UUID;

/**
 * An input field an output field is computed from, with how (the OpenLineage transformation
 * type and subtype, description, masking), who said so, and the job that described it
 * ({@code null} when a dataset event did).
 */
record ColumnEdge(FieldNode origin, FieldNode destination, String transformationType,
        String transformationSubtype, String description, Boolean masking, Provenance provenance, UUID jobId)
        implements LineageEdge<FieldNode> {
    public ColumnEdge {
        requireNonNull(origin, "origin is null");
        requireNonNull(destination, "destination is null");
        requireNonNull(provenance, "provenance is null");
    }
}
