package io.custodian.catalog.classification;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** A catalog dataset's id with its namespace and name. */
public record DatasetRef(UUID id, String namespace, String name) {
    public DatasetRef {
        requireNonNull(id, "id is null");
        requireNonNull(namespace, "namespace is null");
        requireNonNull(name, "name is null");
    }
}
