package io.custodian.catalog.testing;

import io.custodian.catalog.store.CatalogDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh, empty catalog database for one test: an H2 file database in a temporary folder, or a
 * new schema in the PostgreSQL named by {@code CUSTODIAN_TEST_PG_URL} (with
 * {@code CUSTODIAN_TEST_PG_USER} and {@code CUSTODIAN_TEST_PG_PASSWORD}).
 */
public final class TestDatabase implements AutoCloseable {
    /** H2 only: the connection that keeps the database open while the test runs. */
    private Connection keeper;
    private final String name;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final DataSource dataSource;
    private final Runnable cleanup;

    private TestDatabase(String name, String jdbcUrl, String user, String password, DataSource dataSource,
            Runnable cleanup) {
        this.name = name;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.dataSource = dataSource;
        this.cleanup = cleanup;
    }

    /** The database kinds every store test runs on: H2 always, PostgreSQL when configured. */
    public static List<String> kinds() {
        List<String> kinds = new ArrayList<>();
        kinds.add("h2");
        if (postgresUrl() != null) {
            kinds.add("postgresql");
        }
        return kinds;
    }

    /** For {@code @MethodSource}: the kinds as a stream. */
    public static Stream<String> all() {
        return kinds().stream();
    }

    public static TestDatabase create(String kind) {
        return switch (kind) {
            case "h2" -> h2();
            case "postgresql" -> postgres();
            default -> throw new IllegalArgumentException("unknown database kind " + kind);
        };
    }

    public static TestDatabase h2() {
        try {
            Path dir = Files.createTempDirectory("custodian-h2-");
            String url = "jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL(url);
            dataSource.setUser("sa");
            dataSource.setPassword("");
            // H2 closes a database when its last connection closes, and a connection opened while
            // it closes can see the file as it was before the last writes. Tests open and close
            // connections all the time (the service's pool does not): one connection held for the
            // test's lifetime keeps the database open, as the pool does.
            Connection keeper = dataSource.getConnection();
            TestDatabase database = new TestDatabase("h2", url, "sa", "", dataSource, () -> {
                try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN");
                } catch (SQLException ignored) {
                    // already closed
                }
                TempFolders.delete(dir);
            });
            database.keeper = keeper;
            return database;
        } catch (java.io.IOException | SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Lets another process open this database: H2 allows one process at a time, so the
     * connection that keeps it open in this one is closed (later connections reopen it).
     */
    public void releaseToOtherProcesses() {
        if (keeper != null) {
            try {
                keeper.close();
            } catch (SQLException ignored) {
                // already closed
            }
            keeper = null;
        }
    }

    public static TestDatabase postgres() {
        String baseUrl = postgresUrl();
        if (baseUrl == null) {
            throw new IllegalStateException("CUSTODIAN_TEST_PG_URL is not set");
        }
        String user = System.getenv("CUSTODIAN_TEST_PG_USER");
        String password = System.getenv("CUSTODIAN_TEST_PG_PASSWORD");
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setUrl(baseUrl);
        admin.setUser(user);
        admin.setPassword(password);
        execute(admin, "CREATE SCHEMA " + schema);
        String url = baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return new TestDatabase("postgresql", url, user, password, dataSource,
                () -> execute(admin, "DROP SCHEMA " + schema + " CASCADE"));
    }

    private static String postgresUrl() {
        String url = System.getenv("CUSTODIAN_TEST_PG_URL");
        return url == null || url.isBlank() ? null : url;
    }

    private static void execute(DataSource dataSource, String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }


    public CatalogDatabase migrate() {
        return CatalogDatabase.migrate(dataSource);
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        // The keeper first: H2's SHUTDOWN waits about four seconds for other open sessions to end.
        releaseToOtherProcesses();
        cleanup.run();
    }

    @Override
    public String toString() {
        return name;
    }
}
