package io.custodian.catalog.classification;

import static java.util.Objects.requireNonNull;

/**
 * A classification another catalog holds for one field, as an import records it: the type and
 * where it was read (the entity and the name it has there), never a value.
 */
public record ImportedClassification(String field, String type, String explanation) {
    public ImportedClassification {
        requireNonNull(field, "field is null");
        requireNonNull(type, "type is null");
        requireNonNull(explanation, "explanation is null");
    }
}
