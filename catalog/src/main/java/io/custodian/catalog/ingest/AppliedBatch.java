package io.custodian.catalog.ingest;

import java.util.Set;
import java.util.UUID;

/** What one applied batch touched: the ids of its datasets and jobs. */
public record AppliedBatch(Set<UUID> datasets, Set<UUID> jobs) {
    public AppliedBatch {
        datasets = Set.copyOf(datasets);
        jobs = Set.copyOf(jobs);
    }
}
