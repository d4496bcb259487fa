package io.custodian.catalog.store;

import static java.util.Objects.requireNonNull;

import io.custodian.sources.dialect.SqlDialect;
import io.custodian.sources.dialect.SqlDialects;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The catalog's database: migrates the schema with Flyway and hands out a configured {@link Jdbi}.
 *
 * <p>One schema serves H2 and PostgreSQL. The only difference, the type of large text columns,
 * is a Flyway placeholder chosen from the connected product.
 *
 * <p>Each module keeps its migrations in {@code db/migration/<module>/}, versioned by the date and
 * time they were written ({@code V2026_12_02_1010__what.sql}); the four first migrations keep
 * their small numbers. Versions from two modules, or two branches, cannot collide, and a migration
 * merged later than a newer one already applied still runs ({@code outOfOrder}): migrations of
 * different modules touch different tables.
 */
public final class CatalogDatabase {
    /** Where every module's migrations live, each module in a folder of its own. */
    public static final String MIGRATIONS = "classpath:db/migration";
    private final Jdbi jdbi;
    private final Product product;

    private CatalogDatabase(Jdbi jdbi, Product product) {
        this.jdbi = jdbi;
        this.product = product;
    }

    /** The database products Custodian's store runs on. */
    public enum Product {
        H2("CHARACTER LARGE OBJECT"),
        POSTGRESQL("TEXT");

        private final String largeTextType;

        Product(String largeTextType) {
            this.largeTextType = largeTextType;
        }

        /** The store's product, recognised as the sources module recognises any database. */
        static Product of(DataSource dataSource) {
            try (Connection connection = dataSource.getConnection()) {
                DatabaseMetaData metadata = connection.getMetaData();
                String name = SqlDialects.of(metadata).map(SqlDialect::name).orElse("");
                return switch (name) {
                    case "h2" -> H2;
                    case "postgresql" -> POSTGRESQL;
                    default -> throw new IllegalStateException("unsupported database for the catalog: "
                            + metadata.getDatabaseProductName() + " (use H2 or PostgreSQL)");
                };
            } catch (SQLException e) {
                throw new IllegalStateException("cannot connect to the catalog database: " + e.getMessage(), e);
            }
        }
    }

    /** Migrates the schema behind {@code dataSource} to the latest version and returns the database. */
    public static CatalogDatabase migrate(DataSource dataSource) {
        requireNonNull(dataSource, "dataSource is null");
        Product product = Product.of(dataSource);
        flyway(dataSource, product).load().migrate();
        Jdbi jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        StoreTypes.register(jdbi);
        return new CatalogDatabase(jdbi, product);
    }

    /**
     * Migrates the schema behind {@code dataSource} up to {@code version} and no further: the store
     * as the release that wrote that migration left it, for a test of what a later one does to it.
     */
    public static void migrateTo(DataSource dataSource, String version) {
        requireNonNull(dataSource, "dataSource is null");
        requireNonNull(version, "version is null");
        flyway(dataSource, Product.of(dataSource)).target(version).load().migrate();
    }

    private static FluentConfiguration flyway(DataSource dataSource, Product product) {
        return Flyway.configure(CatalogDatabase.class.getClassLoader())
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .outOfOrder(true)
                .validateMigrationNaming(true)
                .placeholders(Map.of("large_text", product.largeTextType));
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public Product product() {
        return product;
    }
}
