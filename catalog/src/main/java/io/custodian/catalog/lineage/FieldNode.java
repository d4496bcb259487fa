package io.custodian.catalog.lineage;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/**
 * A node of the column-level lineage graph as the store keys it: one field of one dataset, by the
 * dataset's row id. Callers name fields by {@link io.custodian.catalog.field.FieldRef}; this key
 * stays inside the traversals.
 */
record FieldNode(UUID datasetId, String field) {
    public FieldNode {
        requireNonNull(datasetId, "datasetId is null");
        requireNonNull(field, "field is null");
    }
}
