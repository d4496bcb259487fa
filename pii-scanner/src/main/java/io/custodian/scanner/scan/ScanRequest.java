package io.custodian.scanner.scan;

import java.util.List;

/**
 * What to scan: a configured source, and within it one schema, a list of datasets (by catalog
 * name), or, with neither, every table.
 */
public record ScanRequest(String source, String schema, List<String> datasets) {
    public ScanRequest {
        datasets = datasets == null ? List.of() : datasets.stream().toList();
    }
}
