package io.custodian.catalog.ingest;

import java.util.Set;
import java.util.UUID;

/**
 * What one applied batch did to the catalog, for what is derived from it (the search index,
 * classification at ingest, propagation): which datasets and jobs it touched, which of them it
 * changed, and the event log position the catalog reached with it ({@code -1} when not known, as
 * inside the applier).
 *
 * <p>Most events repeat what the catalog already holds: the same schema, the same facets, the same
 * lineage, a little later. Such an event touches its datasets and jobs (their times move on) but
 * changes nothing derived work reads, so that work is done only for what changed.
 *
 * @param datasets every dataset the batch touched, if only to move its times on
 * @param jobs every job the batch touched
 * @param changedDatasets datasets whose description changed: new or shown again, another current
 *     schema, a facet with other content, or used by a job whose current version changed
 * @param changedJobs jobs whose description changed: new or shown again, another current version, a
 *     facet with other content, or one of their datasets has another schema
 * @param newSchemas datasets whose current schema is another one than before the batch
 * @param newLineage datasets whose column lineage is another one than before the batch
 */
public record AppliedBatch(Set<UUID> datasets, Set<UUID> jobs, Set<UUID> changedDatasets, Set<UUID> changedJobs,
        Set<UUID> newSchemas, Set<UUID> newLineage, long throughSeq) {
    public AppliedBatch {
        datasets = Set.copyOf(datasets);
        jobs = Set.copyOf(jobs);
        changedDatasets = Set.copyOf(changedDatasets);
        changedJobs = Set.copyOf(changedJobs);
        newSchemas = Set.copyOf(newSchemas);
        newLineage = Set.copyOf(newLineage);
    }

    /** Datasets and jobs whose descriptions changed by other means than an event (a steward, a scan). */
    public static AppliedBatch changed(Set<UUID> datasets, Set<UUID> jobs) {
        return new AppliedBatch(datasets, jobs, datasets, jobs, Set.of(), Set.of(), -1);
    }

    /** A batch that changed nothing and reached {@code seq}. */
    public static AppliedBatch nothing(long seq) {
        return new AppliedBatch(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), seq);
    }

    /** This batch, committed with the event log applied through {@code seq}. */
    public AppliedBatch through(long seq) {
        return new AppliedBatch(datasets, jobs, changedDatasets, changedJobs, newSchemas, newLineage, seq);
    }
}
