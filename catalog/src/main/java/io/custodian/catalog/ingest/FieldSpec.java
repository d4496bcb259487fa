package io.custodian.catalog.ingest;

import static java.util.Objects.requireNonNull;

/**
 * One field of a dataset schema. Nested fields are flattened: {@code address.street}.
 *
 * @param type nullable: the schema facet does not require it
 * @param description nullable
 */
public record FieldSpec(String name, String type, String description) {
    public FieldSpec {
        requireNonNull(name, "name is null");
    }
}
