package io.custodian.server;

import io.custodian.catalog.store.CatalogDatabase;
import io.custodian.server.store.DataDirectory;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import net.sourceforge.argparse4j.inf.Namespace;

/** A command of the server jar that works on the configured store, without starting the server. */
public abstract class StoreCommand extends ConfiguredCommand<CustodianConfiguration> {
    protected StoreCommand(String name, String description) {
        super(name, description);
    }

    @Override
    protected final void run(Bootstrap<CustodianConfiguration> bootstrap, Namespace namespace,
            CustodianConfiguration config) throws Exception {
        ManagedDataSource dataSource = config.getDatabase().build(bootstrap.getMetricRegistry(),
                DataDirectory.prepare(config.dataPath()));
        try {
            run(CatalogDatabase.migrate(dataSource), bootstrap, namespace, config);
        } finally {
            dataSource.stop();
        }
    }

    /** @param namespace the command line's arguments, those a subclass adds in {@code configure} included */
    protected abstract void run(CatalogDatabase database, Bootstrap<CustodianConfiguration> bootstrap,
            Namespace namespace, CustodianConfiguration config) throws Exception;
}
