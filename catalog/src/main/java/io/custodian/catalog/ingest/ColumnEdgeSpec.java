package io.custodian.catalog.ingest;

import static java.util.Objects.requireNonNull;

/**
 * One edge of the {@code columnLineage} facet: an input field that an output field (or, when
 * {@code outputField} is null, the whole output dataset) depends on.
 */
public record ColumnEdgeSpec(
        String outputField,
        String inputNamespace,
        String inputName,
        String inputField,
        String transformationType,
        String transformationSubtype,
        String description,
        Boolean masking) {
    public ColumnEdgeSpec {
        requireNonNull(inputNamespace, "inputNamespace is null");
        requireNonNull(inputName, "inputName is null");
        requireNonNull(inputField, "inputField is null");
    }
}
