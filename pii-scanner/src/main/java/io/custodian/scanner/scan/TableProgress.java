package io.custodian.scanner.scan;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * The scan of one table: its status, how much was sampled, what was found and under which version of
 * the policy set, or why it failed.
 */
public record TableProgress(String schema, String table, String dataset, TableStatus status, Instant startedAt,
        Instant finishedAt, Integer rowsSampled, Integer columnsScanned, String error, List<ColumnFinding> findings,
        String policyVersion) {
    public TableProgress {
        requireNonNull(table, "table is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(status, "status is null");
        findings = findings == null ? List.of() : List.copyOf(findings);
    }
}
