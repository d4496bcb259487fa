package io.custodian.catalog.classification;

import static java.util.Objects.requireNonNull;

/**
 * What a scan found on one field: a type with its confidence and evidence counts; never values.
 */
public record Finding(String field, String type, double confidence, String explanation, int sampleSize,
        int matchedCount) {
    public Finding {
        requireNonNull(field, "field is null");
        requireNonNull(type, "type is null");
        requireNonNull(explanation, "explanation is null");
    }
}
