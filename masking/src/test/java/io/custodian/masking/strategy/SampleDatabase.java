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
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:samples-" + UUID.randomUUID());
        try {
            // the in-memory database lives while this connection is open
            Connection keeper = dataSource.getConnection();
            return new SampleDatabase("h2", dataSource, keeper);
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
