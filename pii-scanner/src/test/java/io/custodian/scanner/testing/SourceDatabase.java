package io.custodian.scanner.testing;

import io.custodian.catalog.testing.TestDatabase;
import io.custodian.scanner.scan.ScanSource;
import io.custodian.sources.SourceSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** A database to scan (H2 or PostgreSQL), with a schema of its own that tests fill with tables. */
public final class SourceDatabase implements AutoCloseable {
    private final TestDatabase database;
    public final String schema;

    public SourceDatabase(String kind) {
        this.database = TestDatabase.create(kind);
        this.schema = "shop_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        execute("CREATE SCHEMA " + schema);
    }

    public ScanSource source(String name, String namespace, int sampleSize, Duration tableTimeout) {
        return new ScanSource(SourceSettings.of(name, database.jdbcUrl(), database.user(), database.password(),
                namespace, Optional.empty()), sampleSize, 4, tableTimeout);
    }

    /** A connection to the database, for loading test data. */
    public Connection connect() throws SQLException {
        return database.dataSource().getConnection();
    }

    public String kind() {
        return database.name();
    }

    public void execute(String... statements) {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A table of {@code rows} rows: an id and the given columns, each filled by a SQL expression of {@code i}. */
    public void table(String quotedName, int rows, String... columnsAndExpressions) {
        StringBuilder create = new StringBuilder("CREATE TABLE " + schema + "." + quotedName + " (id INTEGER");
        StringBuilder select = new StringBuilder("SELECT i");
        for (int k = 0; k < columnsAndExpressions.length; k += 2) {
            create.append(", ").append(columnsAndExpressions[k]).append(" VARCHAR(200)");
            select.append(", ").append(columnsAndExpressions[k + 1]);
        }
        create.append(')');
        String series = "h2".equals(kind()) ? "SYSTEM_RANGE(1, " + rows + ") r(i)" : "generate_series(1, " + rows + ") AS r(i)";
        execute(create.toString(), "INSERT INTO " + schema + "." + quotedName + " " + select + " FROM " + series);
    }

    @Override
    public void close() {
        try {
            execute("DROP SCHEMA " + schema + " CASCADE");
        } finally {
            database.close();
        }
    }
}
