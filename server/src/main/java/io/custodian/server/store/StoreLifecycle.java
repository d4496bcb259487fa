package io.custodian.server.store;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.Failures;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.lifecycle.Managed;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog store as the server starts and stops it: the first managed part, so the last
 * stopped, after ingestion has logged and applied what it took and the search index has
 * committed. Stopping closes the store: the embedded H2 database is shut down here (H2's own
 * shutdown hook is off, since it would close the database while the rest still drains), then
 * the connection pool is closed.
 */
public final class StoreLifecycle implements Managed {
    private static final Logger log = LoggerFactory.getLogger(StoreLifecycle.class);
    private final ManagedDataSource pool;
    private final boolean shutDownEmbedded;

    /**
     * @param shutDownEmbedded whether the pool's database is the embedded H2 store that Custodian
     *     closes itself ({@link StoreFactory#closedByCustodian})
     */
    public StoreLifecycle(ManagedDataSource pool, boolean shutDownEmbedded) {
        this.pool = requireNonNull(pool, "pool is null");
        this.shutDownEmbedded = shutDownEmbedded;
    }

    @Override
    public void start() throws Exception {
        pool.start();
    }

    @Override
    public void stop() throws Exception {
        if (shutDownEmbedded) {
            // Closes the database files whatever connections are still open, and closes them.
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
                log.info("the embedded store is closed");
            } catch (SQLException e) {
                log.warn("the embedded store could not be shut down ({}); it is checked when it opens next",
                        Failures.describe(e));
            }
        }
        pool.stop();
    }
}
