package io.custodian.scanner.scan;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A scan as a resource: what was asked, by whom, its status, the version of the policy set in force
 * when it started, and its per-table progress and results.
 */
public record Scan(UUID id, String source, String schema, List<String> datasets, ScanStatus status,
        String requestedBy, Instant createdAt, Instant startedAt, Instant finishedAt, String detectorVersion,
        String policyVersion, String error, List<TableProgress> tables) {
    public Scan {
        requireNonNull(id, "id is null");
        requireNonNull(source, "source is null");
        requireNonNull(status, "status is null");
        datasets = datasets == null ? List.of() : List.copyOf(datasets);
        tables = tables == null ? List.of() : List.copyOf(tables);
    }
}
