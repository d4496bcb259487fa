package io.custodian.scanner.scan;

import static java.util.Objects.requireNonNull;

/** What a scan found in one column: a type with confidence and counts, never values. */
public record ColumnFinding(String column, String type, double confidence, int sampleSize, int matchedCount) {
    public ColumnFinding {
        requireNonNull(column, "column is null");
        requireNonNull(type, "type is null");
    }
}
