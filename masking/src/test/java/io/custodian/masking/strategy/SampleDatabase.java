package io.custodian.masking.strategy;

import io.custodian.catalog.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A database holding sample data to mask, as a gateway's data would be: H2 in its own (default)
 * mode, not the catalog's PostgreSQL mode, or a fresh PostgreSQL schema ({@link TestDatabase}).
 */
final class SampleDatabase implements AutoCloseable {
    private final String name;
    private final DataSource dataSource;
    private final AutoCloseable resource;

    private SampleDatabase(String name, DataSource dataSource, AutoCloseable resource) {
        this.name = name;
        this.dataSource = dataSource;
        this.resource = resource;
    }

    static SampleDatabase h2() {
        return h2("h2", "");
    }

    /** H2 in its PostgreSQL mode, where some functions (REGEXP_REPLACE) behave as PostgreSQL's do. */
    static SampleDatabase h2InPostgreSqlMode() {
        return h2("h2-postgresql-mode", ";MODE=PostgreSQL");
    }

    private static SampleDatabase h2(String name, String settings) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:samples-" + UUID.randomUUID() + settings);
        try {
            // the in-memory database lives while this connection is open
            Connection keeper = dataSource.getConnection();
            return new SampleDatabase(name, dataSource, keeper);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static SampleDatabase postgresql() {
        TestDatabase database = TestDatabase.postgres();
        return new SampleDatabase("postgresql", database.dataSource(), database);
    }

    String name() {
        return name;
    }

    DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        try {
            resource.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
