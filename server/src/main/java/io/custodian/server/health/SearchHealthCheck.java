package io.custodian.server.health;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.health.HealthCheck;
import io.custodian.catalog.ingest.LineageIngestor;
import io.custodian.catalog.read.CatalogReader;
import io.custodian.catalog.search.SearchIndex;
import io.custodian.catalog.search.SearchIndexer;

/**
 * The search index holds a document for every dataset and job in the store. While events are being
 * applied the two may differ for a moment; once ingestion is idle, a difference means the index is
 * stale, and restarting rebuilds it.
 */
public final class SearchHealthCheck extends HealthCheck {
    private final SearchIndex index;
    private final SearchIndexer indexer;
    private final CatalogReader catalog;
    private final LineageIngestor ingestor;

    public SearchHealthCheck(SearchIndex index, SearchIndexer indexer, CatalogReader catalog,
            LineageIngestor ingestor) {
        this.index = requireNonNull(index, "index is null");
        this.indexer = requireNonNull(indexer, "indexer is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.ingestor = requireNonNull(ingestor, "ingestor is null");
    }

    @Override
    protected Result check() {
        boolean idle = ingestor.pendingApply() == 0 && ingestor.queuedEvents() == 0;
        long documents = index.documentCount();
        long expected = catalog.datasetTotal() + catalog.jobTotal();
        ResultBuilder result = !idle || documents == expected
                ? Result.builder().healthy()
                : Result.builder().unhealthy().withMessage("the index has " + documents + " documents for "
                        + expected + " datasets and jobs; run reindex or restart to rebuild it");
        return result.withDetail("eventsBehind", indexer.lag()).withDetail("documents", documents).withDetail("datasetsAndJobs", expected)
                .withDetail("lag", expected - documents).build();
    }
}
