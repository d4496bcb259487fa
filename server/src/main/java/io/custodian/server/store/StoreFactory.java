package io.custodian.server.store;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the catalog lives: a JDBC URL, or nothing for the embedded H2 database under the data
 * directory. H2 is opened in PostgreSQL mode, writing every commit to its file before the commit
 * returns ({@code WRITE_DELAY=0}), because ingestion acknowledges events only once committed.
 */
public final class StoreFactory {
    private String url;
    private String user;
    private String password;
    @Min(2)
    @Max(200)
    private int maxConnections = 16;

    @JsonProperty
    public String getUrl() {
        return url;
    }

    @JsonProperty
    public void setUrl(String url) {
        this.url = url;
    }

    @JsonProperty
    public String getUser() {
        return user;
    }

    @JsonProperty
    public void setUser(String user) {
        this.user = user;
    }

    @JsonProperty
    public void setPassword(String password) {
        this.password = password;
    }

    @JsonProperty
    public int getMaxConnections() {
        return maxConnections;
    }

    @JsonProperty
    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    /** The JDBC URL in use: the configured one, or the embedded H2 file under {@code dataDir}. */
    public String effectiveUrl(Path dataDir) {
        if (url != null && !url.isBlank()) {
            return url;
        }
        return "jdbc:h2:file:" + dataDir.resolve("catalog").toAbsolutePath().normalize()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0"
                // Custodian closes the store last, when it stops; H2's own shutdown hook would close it
                // while the server still drains ingestion and writes its last audit entries.
                + ";DB_CLOSE_ON_EXIT=FALSE"
                // Events and facets are text of a few KB: keep them in the row, not the LOB store.
                + ";MAX_LENGTH_INPLACE_LOB=131072"
                // Ingestion and reads use a few dozen statements; re-parsing them costs more than running them.
                + ";QUERY_CACHE_SIZE=128";
    }

    /** Whether the store is H2 (the embedded default, or an H2 URL), not a server database. */
    public boolean isEmbedded(Path dataDir) {
        return effectiveUrl(dataDir).startsWith("jdbc:h2:");
    }

    /**
     * Whether Custodian itself closes the database when it stops: the embedded default store,
     * opened without H2's shutdown hook ({@code DB_CLOSE_ON_EXIT=FALSE}).
     */
    public boolean closedByCustodian() {
        return url == null || url.isBlank();
    }

    /**
     * Opens and closes one connection to an H2 store, outside any pool (whose failure to fill would
     * be logged with its stack trace): the driver's refusal, such as another process holding the
     * file, comes back to the caller alone.
     */
    public void probeEmbedded(Path dataDir) throws java.sql.SQLException {
        if (isEmbedded(dataDir)) {
            try (java.sql.Connection ignored = java.sql.DriverManager.getConnection(effectiveUrl(dataDir),
                    blankToNull(user) == null ? "sa" : user, blankToNull(password) == null ? "" : password)) {
                // opened: nothing else holds it
            }
        }
    }

    public ManagedDataSource build(MetricRegistry metrics, Path dataDir) {
        String jdbcUrl = effectiveUrl(dataDir);
        boolean embedded = isEmbedded(dataDir);
        DataSourceFactory factory = new DataSourceFactory();
        factory.setUrl(jdbcUrl);
        factory.setDriverClass(embedded ? "org.h2.Driver" : driverFor(jdbcUrl));
        factory.setUser(blankToNull(user) == null ? (embedded ? "sa" : null) : user);
        factory.setPassword(blankToNull(password) == null ? "" : password);
        factory.setMinSize(2);
        factory.setInitialSize(2);
        factory.setMaxSize(maxConnections);
        factory.setMaxWaitForConnection(Duration.seconds(10));
        factory.setValidationQuery("SELECT 1");
        factory.setCheckConnectionOnBorrow(false);
        if (!embedded) {
            factory.setProperties(Map.of("ApplicationName", "custodian"));
        }
        return factory.build(metrics, "catalog");
    }

    private static String driverFor(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return "org.postgresql.Driver";
        }
        throw new IllegalArgumentException("unsupported database URL (expected jdbc:postgresql: or jdbc:h2:): "
                + url.replaceAll("password=[^&;]*", "password=***"));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
