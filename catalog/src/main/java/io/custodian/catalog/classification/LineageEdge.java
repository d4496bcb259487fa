package io.custodian.catalog.classification;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.field.FieldRef;

/**
 * One column lineage edge: {@code output} is computed from {@code input} by a transformation of
 * OpenLineage's {@code type} (DIRECT, INDIRECT) and {@code subtype} (IDENTITY, TRANSFORMATION,
 * AGGREGATION, JOIN...); both are {@code null} when the producer did not say.
 */
public record LineageEdge(FieldRef input, FieldRef output, String type, String subtype) {
    public LineageEdge {
        requireNonNull(input, "input is null");
        requireNonNull(output, "output is null");
    }
}
