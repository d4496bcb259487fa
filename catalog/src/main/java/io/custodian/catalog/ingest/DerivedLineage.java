package io.custodian.catalog.ingest;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/**
 * Column lineage derived from the SQL of one logged event, on its way to the catalog.
 *
 * @param seq the event's place in the log (and its derivation's key)
 * @param jobId the job whose SQL it was
 * @param event the logged event; null when it could not be read again (the outcome says so)
 */
record DerivedLineage(long seq, UUID jobId, LineageEvent event, SqlLineageDeriver.Outcome outcome) {
    DerivedLineage {
        requireNonNull(jobId, "jobId is null");
        requireNonNull(outcome, "outcome is null");
    }
}
