package io.custodian.masking.rewrite;

import io.custodian.catalog.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The database a gateway's queries run on: H2 in its own mode, as the H2 dialect's masking SQL is
 * written for (its PostgreSQL compatibility mode, the catalog's, reads REGEXP_REPLACE differently),
 * with unquoted names kept lower case as the corpus writes them; or a fresh PostgreSQL schema.
 */
final class DataDatabase implements AutoCloseable {
    private final DataSource dataSource;
    private final AutoCloseable resource;

    private DataDatabase(DataSource dataSource, AutoCloseable resource) {
        this.dataSource = dataSource;
        this.resource = resource;
    }

    static DataDatabase create(String kind) throws SQLException {
        if (kind.equals("h2")) {
            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL("jdbc:h2:mem:corpus-" + UUID.randomUUID() + ";DATABASE_TO_LOWER=TRUE");
            // the in-memory database lives while this connection is open
            return new DataDatabase(dataSource, dataSource.getConnection());
        }
        TestDatabase database = TestDatabase.create(kind);
        return new DataDatabase(database.dataSource(), database);
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
}
