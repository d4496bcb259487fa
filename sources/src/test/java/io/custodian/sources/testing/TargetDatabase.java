package io.custodian.sources.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A database for one test to reach as a source: an in-memory H2, or the PostgreSQL named by
 * {@code CUSTODIAN_TEST_PG_URL} (with {@code CUSTODIAN_TEST_PG_USER} and
 * {@code CUSTODIAN_TEST_PG_PASSWORD}), where the test keeps to schemas it creates and drops.
 */
public final class TargetDatabase implements AutoCloseable {
    public final String kind;
    public final String url;
    public final String user;
    public final String password;
    private final List<String> dropOnClose = new ArrayList<>();

    private TargetDatabase(String kind, String url, String user, String password) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** H2 always, PostgreSQL when configured. */
    public static List<String> kinds() {
        List<String> kinds = new ArrayList<>(List.of("h2"));
        if (System.getenv("CUSTODIAN_TEST_PG_URL") != null) {
            kinds.add("postgresql");
        }
        return kinds;
    }

    public static TargetDatabase create(String kind) {
        return switch (kind) {
            case "h2" -> new TargetDatabase(kind, "jdbc:h2:mem:source-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                    "sa", "");
            case "postgresql" -> new TargetDatabase(kind, System.getenv("CUSTODIAN_TEST_PG_URL"),
                    System.getenv("CUSTODIAN_TEST_PG_USER"), System.getenv("CUSTODIAN_TEST_PG_PASSWORD"));
            default -> throw new IllegalArgumentException("unknown database kind " + kind);
        };
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    public void execute(String... statements) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Drops this (quoted) schema with everything in it when the test ends. */
    public void dropOnClose(String quotedSchema) {
        dropOnClose.add(quotedSchema);
    }

    @Override
    public void close() {
        for (String schema : dropOnClose) {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
        if (kind.equals("h2")) {
            execute("SHUTDOWN");
        }
    }
}
