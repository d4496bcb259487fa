package io.custodian.server.search;

import io.custodian.catalog.read.CatalogReader;
import io.custodian.catalog.search.SearchIndex;
import io.custodian.catalog.store.CatalogDatabase;
import io.custodian.server.CustodianConfiguration;
import io.custodian.server.StoreCommand;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * {@code java -jar custodian.jar reindex config.yml}: rebuilds the search index from the store.
 * Run it with the server stopped; the index's lock refuses a second writer.
 */
public final class ReindexCommand extends StoreCommand {
    public ReindexCommand() {
        super("reindex", "Rebuild the search index from the catalog store");
    }

    @Override
    protected void run(CatalogDatabase database, Bootstrap<CustodianConfiguration> bootstrap, Namespace namespace,
            CustodianConfiguration config) throws Exception {
        CatalogReader catalog = new CatalogReader(database.jdbi(), bootstrap.getObjectMapper());
        try (SearchIndex index = SearchIndex.open(config.dataPath().resolve("search-index"), catalog)) {
            index.rebuild(catalog);
            System.out.println("search index rebuilt: " + index.documentCount() + " documents ("
                    + catalog.datasetTotal() + " datasets, " + catalog.jobTotal() + " jobs)");
        }
    }
}
