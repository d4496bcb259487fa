package io.custodian.server.search;

import io.custodian.catalog.read.CatalogReader;
import io.custodian.catalog.search.SearchIndex;
import io.custodian.catalog.store.CatalogDatabase;
import io.custodian.server.CustodianConfiguration;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * {@code java -jar custodian.jar reindex config.yml}: rebuilds the search index from the store.
 * Run it with the server stopped; the index's lock refuses a second writer.
 */
public final class ReindexCommand extends ConfiguredCommand<CustodianConfiguration> {
    public ReindexCommand() {
        super("reindex", "Rebuild the search index from the catalog store");
    }

    @Override
    protected void run(Bootstrap<CustodianConfiguration> bootstrap, Namespace namespace,
            CustodianConfiguration config) throws Exception {
        ManagedDataSource dataSource = config.getDatabase().build(bootstrap.getMetricRegistry(), config.dataPath());
        try {
            CatalogReader catalog = new CatalogReader(CatalogDatabase.migrate(dataSource).jdbi(),
                    bootstrap.getObjectMapper());
            try (SearchIndex index = SearchIndex.open(config.dataPath().resolve("search-index"), catalog)) {
                index.rebuild(catalog);
                System.out.println("search index rebuilt: " + index.documentCount() + " datasets");
            }
        } finally {
            dataSource.stop();
        }
    }
}
