package io.custodian.server.search;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.ingest.LineageIngestor;
import io.custodian.catalog.read.CatalogReader;
import io.custodian.catalog.search.SearchIndex;
import io.custodian.catalog.search.SearchIndexer;
import io.custodian.server.health.SearchHealthCheck;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import java.nio.file.Path;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/**
 * The search index under the data directory and its indexer. Opened before ingestion (which
 * feeds the indexer) and so stopped after it: the index commits what ingestion applied last.
 */
public final class SearchWiring {
    private final SearchIndex index;
    private final SearchIndexer indexer;
    private final CatalogReader catalog;

    private SearchWiring(SearchIndex index, SearchIndexer indexer, CatalogReader catalog) {
        this.index = requireNonNull(index, "index is null");
        this.indexer = requireNonNull(indexer, "indexer is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    /**
     * Opens the index, rebuilt here when missing or unreadable, or when behind the store: alone on
     * it, always; on a shared store only if the change feed no longer reaches back to it, else
     * ingestion replays what it missed.
     */
    public static SearchWiring open(Path dataPath, CatalogReader catalog, boolean shared, Jdbi jdbi,
            Environment environment) {
        SearchIndex index = SearchIndex.open(dataPath.resolve("search-index"), catalog,
                seq -> shared && LineageIngestor.replayableFrom(jdbi, seq));
        SearchIndexer indexer = new SearchIndexer(index, catalog, Duration.ofSeconds(5));
        environment.lifecycle().manage(new Managed() {
            @Override
            public void start() {
                indexer.start();
            }

            @Override
            public void stop() {
                indexer.close();
                index.close();
            }
        });
        return new SearchWiring(index, indexer, catalog);
    }

    /** The event log position the index reflected when opened: where ingestion replays from on a shared store. */
    public long indexedThrough() {
        return index.committedSeq();
    }

    /** What ingestion and classification changes tell, so the index follows the store. */
    public SearchIndexer indexer() {
        return indexer;
    }

    /** The search endpoints and the index's health, which compares it with the applied log. */
    public void register(LineageIngestor ingestor, Environment environment) {
        environment.jersey().register(new SearchResource(index, indexer));
        environment.healthChecks().register("search", new SearchHealthCheck(index, indexer, catalog, ingestor));
        // How much of the index's work follows changes and how much only moves times on.
        environment.metrics().register("custodian.search.documents-rewritten",
                (com.codahale.metrics.Gauge<Long>) indexer::documentsRewritten);
        environment.metrics().register("custodian.search.update-times-moved",
                (com.codahale.metrics.Gauge<Long>) indexer::timesMoved);
    }
}
