package io.custodian.server;

import io.custodian.catalog.store.CatalogDatabase;
import io.custodian.server.store.DataDirectory;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * A command of the server jar that works on the configured store, without starting the server. The
 * embedded store admits one process: while the service runs, the command ends at once with
 * {@link CommandFailure#STORE_IN_USE} and a line saying so.
 */
public abstract class StoreCommand extends ConfiguredCommand<CustodianConfiguration> {
    protected StoreCommand(String name, String description) {
        super(name, description);
    }

    @Override
    protected final void run(Bootstrap<CustodianConfiguration> bootstrap, Namespace namespace,
            CustodianConfiguration config) throws Exception {
        Path dataDir = DataDirectory.prepare(config.dataPath());
        try {
            config.getDatabase().probeEmbedded(dataDir);
        } catch (SQLException e) {
            if (inUse(e)) {
                throw new CommandFailure(CommandFailure.STORE_IN_USE, getName() + ": the embedded store in "
                        + dataDir.toAbsolutePath().normalize() + " is in use by a running Custodian (H2 lets one "
                        + "process open it); stop the service first, or ask it over the API");
            }
            throw e;
        }
        ManagedDataSource dataSource = config.getDatabase().build(bootstrap.getMetricRegistry(), dataDir);
        try {
            run(CatalogDatabase.migrate(dataSource), bootstrap, namespace, config);
        } finally {
            dataSource.stop();
        }
    }

    /** A failure the command understands is one line on stderr; anything else keeps its stack trace. */
    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof CommandFailure failure) {
            cli.getStdErr().println(failure.getMessage());
        } else {
            super.onError(cli, namespace, e);
        }
    }

    /** Whether H2 refused to open the file because another process holds it (its error 90020). */
    private static boolean inUse(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == 90020) {
                return true;
            }
        }
        return false;
    }

    /** @param namespace the command line's arguments, those a subclass adds in {@code configure} included */
    protected abstract void run(CatalogDatabase database, Bootstrap<CustodianConfiguration> bootstrap,
            Namespace namespace, CustodianConfiguration config) throws Exception;
}
