package io.custodian.catalog.classification;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** One field of one dataset, by the dataset's id and the field's (dotted) name. */
public record FieldRef(UUID datasetId, String field) {
    public FieldRef {
        requireNonNull(datasetId, "datasetId is null");
        requireNonNull(field, "field is null");
    }
}
