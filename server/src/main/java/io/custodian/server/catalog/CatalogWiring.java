package io.custodian.server.catalog;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.curation.CatalogCuration;
import io.custodian.catalog.read.CatalogReader;
import io.custodian.catalog.store.CatalogDatabase;
import io.custodian.server.CustodianConfiguration;
import io.custodian.server.access.Auditor;
import io.custodian.server.classification.StewardDecisions;
import io.custodian.server.health.DatabaseHealthCheck;
import io.custodian.server.store.DataDirectory;
import io.custodian.server.store.StoreLifecycle;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import org.jdbi.v3.core.Jdbi;

/** The store and the Marquez-style read paths over it: the first part wired, the last stopped. */
public final class CatalogWiring {
    private final CatalogDatabase database;
    private final CatalogReader reader;

    private CatalogWiring(CatalogDatabase database, CatalogReader reader) {
        this.database = requireNonNull(database, "database is null");
        this.reader = requireNonNull(reader, "reader is null");
    }

    /** Opens and migrates the store, and registers the catalog's read resources and its health check. */
    public static CatalogWiring register(CustodianConfiguration config, Environment environment) {
        DataDirectory.prepare(config.dataPath());
        ManagedDataSource dataSource = config.getDatabase().build(environment.metrics(), config.dataPath());
        // The first part managed, so the last stopped: the store closes after everything that writes to it.
        environment.lifecycle().manage(new StoreLifecycle(dataSource, config.getDatabase().closedByCustodian()));
        CatalogDatabase database = CatalogDatabase.migrate(dataSource);
        // The embedded store's files now exist; they hold raw events.
        DataDirectory.restrictFiles(config.dataPath());
        CatalogReader reader = new CatalogReader(database.jdbi(), environment.getObjectMapper());

        environment.jersey().register(new NamespaceResource(reader));
        environment.jersey().register(new RunResource(reader));
        environment.jersey().register(new SourceResource(reader));
        environment.jersey().register(new EventResource(reader));
        environment.jersey().register(new StatsResource(new io.custodian.catalog.read.CatalogStats(database.jdbi(),
                java.time.Clock.systemUTC())));
        environment.healthChecks().register("database", new DatabaseHealthCheck(database.jdbi()));
        return new CatalogWiring(database, reader);
    }

    /**
     * Registers what Marquez's clients change besides sending events (soft deletes, tags), once
     * classification decisions and the audit are wired.
     *
     * @param types the taxonomy in force: each type's name and description
     */
    public void registerCuration(StewardDecisions decisions, java.util.function.Supplier<java.util.Map<String, String>> types,
            Auditor auditor, java.time.Clock clock, Environment environment) {
        CatalogCuration curation = new CatalogCuration(database.jdbi(), clock);
        environment.jersey().register(new CurationResource(reader, curation, decisions, auditor));
        environment.jersey().register(new TagResource(reader, curation, types, auditor, environment.getObjectMapper()));
    }

    public Jdbi jdbi() {
        return database.jdbi();
    }

    public CatalogReader reader() {
        return reader;
    }
}
