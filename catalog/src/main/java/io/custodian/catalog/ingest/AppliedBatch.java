package io.custodian.catalog.ingest;

import java.util.Set;
import java.util.UUID;

/**
 * What one applied batch touched: the ids of its datasets and jobs, and the event log position
 * the catalog reached with it ({@code -1} when not known, as inside the applier).
 */
public record AppliedBatch(Set<UUID> datasets, Set<UUID> jobs, long throughSeq) {
    public AppliedBatch {
        datasets = Set.copyOf(datasets);
        jobs = Set.copyOf(jobs);
    }

    public AppliedBatch(Set<UUID> datasets, Set<UUID> jobs) {
        this(datasets, jobs, -1);
    }

    /** This batch, committed with the event log applied through {@code seq}. */
    public AppliedBatch through(long seq) {
        return new AppliedBatch(datasets, jobs, seq);
    }
}
