package io.custodian.catalog.search;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.read.CatalogReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import io.custodian.catalog.ingest.AppliedBatch;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Keeps the search index current: after each applied batch it re-reads the touched datasets and jobs and
 * updates their documents (visible to searches at once), and commits the index now and then with
 * the log position it reflects.
 */
public final class SearchIndexer implements Consumer<AppliedBatch>, AutoCloseable {
    private static final int READ_PAGE = 500;
    private final SearchIndex index;
    private final CatalogReader catalog;
    private final long commitEveryNanos;
    private long lastCommit = System.nanoTime();

    public SearchIndexer(SearchIndex index, CatalogReader catalog, Duration commitEvery) {
        this.index = requireNonNull(index, "index is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.commitEveryNanos = commitEvery.toNanos();
    }

    @Override
    public void accept(AppliedBatch applied) {
        List<UUID> datasets = new ArrayList<>(applied.datasets());
        for (int from = 0; from < datasets.size(); from += READ_PAGE) {
            index.update(catalog.datasetsById(datasets.subList(from, Math.min(datasets.size(), from + READ_PAGE))));
        }
        List<UUID> jobs = new ArrayList<>(applied.jobs());
        for (int from = 0; from < jobs.size(); from += READ_PAGE) {
            index.updateJobs(catalog.jobsById(jobs.subList(from, Math.min(jobs.size(), from + READ_PAGE))));
        }
        if (System.nanoTime() - lastCommit > commitEveryNanos) {
            // The batch that touched these datasets is committed, so the store's mark covers them.
            index.commit(catalog.appliedSeq());
            lastCommit = System.nanoTime();
        }
    }

    /** Commits what is indexed; call after ingestion has stopped. */
    @Override
    public void close() {
        index.commit(catalog.appliedSeq());
    }
}
