package io.custodian.catalog.classification;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.field.FieldRef;

/**
 * A field with one classification in force on it, and where that comes from: the source that
 * counts (scanner, steward, propagation), the confidence and detector version of the evidence,
 * the steward's decision, and for propagated ones the lineage path from the origin field.
 */
public record ClassifiedField(FieldRef field, Classification classification) {
    public ClassifiedField {
        requireNonNull(field, "field is null");
        requireNonNull(classification, "classification is null");
    }
}
