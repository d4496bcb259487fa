package io.custodian.catalog.classification;

import static java.util.Objects.requireNonNull;

/** One field of a dataset's schema: its name and declared type (null when the producer gave none). */
public record SchemaField(String name, String type) {
    public SchemaField {
        requireNonNull(name, "name is null");
    }
}
