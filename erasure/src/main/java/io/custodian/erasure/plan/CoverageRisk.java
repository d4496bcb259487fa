package io.custodian.erasure.plan;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A dataset whose classifications may not tell the whole truth: never scanned, or last scanned
 * before its schema last changed. Personal data there could be missing from the plan.
 *
 * @param lastScanned when a scan last looked at it; empty when never
 * @param schemaChanged when its current schema was first seen
 */
public record CoverageRisk(String namespace, String dataset, Kind kind, Optional<Instant> lastScanned,
        Optional<Instant> schemaChanged) {
    /** Why the dataset is a risk. */
    public enum Kind {
        NEVER_SCANNED,
        SCANNED_BEFORE_SCHEMA_CHANGE
    }

    public CoverageRisk {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(lastScanned, "lastScanned is null");
        requireNonNull(schemaChanged, "schemaChanged is null");
    }
}
