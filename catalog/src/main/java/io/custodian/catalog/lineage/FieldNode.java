package io.custodian.catalog.lineage;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** A node of the column-level lineage graph: one field of one dataset. */
public record FieldNode(UUID datasetId, String field) {
    public FieldNode {
        requireNonNull(datasetId, "datasetId is null");
        requireNonNull(field, "field is null");
    }
}
