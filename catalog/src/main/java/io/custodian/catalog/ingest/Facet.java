package io.custodian.catalog.ingest;

import static java.util.Objects.requireNonNull;

/** A facet as received: its name, its JSON, and a hash of that JSON for cheap comparison. */
public record Facet(String name, String json, String hash) {
    public Facet {
        requireNonNull(name, "name is null");
        requireNonNull(json, "json is null");
        requireNonNull(hash, "hash is null");
    }
}
