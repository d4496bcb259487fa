package io.custodian.catalog.ingest;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A dataset schema from the {@code schema} facet, with a hash that identifies the version. */
public record SchemaSpec(List<FieldSpec> fields, String hash) {
    public SchemaSpec {
        fields = List.copyOf(fields);
        requireNonNull(hash, "hash is null");
    }
}
