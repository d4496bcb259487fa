package io.custodian.sources.dialect;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The dialects Custodian speaks, by configuration name, JDBC URL or the product a connection reports. */
public final class SqlDialects {
    public static final SqlDialect POSTGRESQL = new PostgreSqlDialect();
    public static final SqlDialect H2 = new H2Dialect(IdentifierCase.UPPER);
    public static final SqlDialect MYSQL = new MySqlDialect();
    public static final SqlDialect TRINO = new TrinoDialect();
    public static final SqlDialect SNOWFLAKE = new SnowflakeDialect();
    public static final SqlDialect SPARK = new SparkSqlDialect();

    private static final List<SqlDialect> ALL = List.of(POSTGRESQL, H2, MYSQL, TRINO, SNOWFLAKE, SPARK);
    private static final SqlDialect H2_LOWER = new H2Dialect(IdentifierCase.LOWER);
    private static final SqlDialect H2_AS_WRITTEN = new H2Dialect(IdentifierCase.AS_WRITTEN);

    private SqlDialects() {}

    /** Every dialect (H2 with its default upper-case folding). */
    public static List<SqlDialect> all() {
        return ALL;
    }

    /** The configuration names: postgresql, h2, mysql, trino, snowflake, spark. */
    public static List<String> names() {
        return ALL.stream().map(SqlDialect::name).toList();
    }

    /**
     * The dialect of a configuration name (case ignored; mariadb, presto and databricks are
     * accepted for their relatives).
     *
     * @throws IllegalArgumentException naming the known dialects when the name is none of them
     */
    public static SqlDialect named(String name) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "postgresql", "postgres" -> POSTGRESQL;
            case "h2" -> H2;
            case "mysql", "mariadb" -> MYSQL;
            case "trino", "presto" -> TRINO;
            case "snowflake" -> SNOWFLAKE;
            case "spark", "sparksql", "databricks" -> SPARK;
            default -> throw new IllegalArgumentException("unknown SQL dialect '" + name + "'; known: " + names());
        };
    }

    /** The dialect a JDBC URL's driver prefix names; empty for a driver Custodian does not know. */
    public static Optional<SqlDialect> forJdbcUrl(String url) {
        if (url == null) {
            return Optional.empty();
        }
        String lower = url.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:") || lower.startsWith("jdbc:pgsql:")) {
            return Optional.of(POSTGRESQL);
        }
        if (lower.startsWith("jdbc:h2:")) {
            return Optional.of(h2(lower));
        }
        if (lower.startsWith("jdbc:mysql:") || lower.startsWith("jdbc:mariadb:")) {
            return Optional.of(MYSQL);
        }
        if (lower.startsWith("jdbc:trino:") || lower.startsWith("jdbc:presto:")) {
            return Optional.of(TRINO);
        }
        if (lower.startsWith("jdbc:snowflake:")) {
            return Optional.of(SNOWFLAKE);
        }
        if (lower.startsWith("jdbc:spark:") || lower.startsWith("jdbc:databricks:") || lower.startsWith("jdbc:hive2:")) {
            return Optional.of(SPARK);
        }
        return Optional.empty();
    }

    /** The dialect of a product name as {@link DatabaseMetaData#getDatabaseProductName()} reports it. */
    public static Optional<SqlDialect> forProductName(String productName) {
        String name = productName == null ? "" : productName.strip().toLowerCase(Locale.ROOT);
        if (name.contains("postgres")) {
            return Optional.of(POSTGRESQL);
        }
        if (name.equals("h2")) {
            return Optional.of(H2);
        }
        if (name.contains("mysql") || name.contains("mariadb")) {
            return Optional.of(MYSQL);
        }
        if (name.contains("trino") || name.contains("presto")) {
            return Optional.of(TRINO);
        }
        if (name.contains("snowflake")) {
            return Optional.of(SNOWFLAKE);
        }
        if (name.contains("spark") || name.contains("databricks") || name.contains("hive")) {
            return Optional.of(SPARK);
        }
        return Optional.empty();
    }

    /**
     * The dialect of a live connection: its URL first (which carries H2's case settings), else its
     * product name.
     */
    public static Optional<SqlDialect> of(DatabaseMetaData metadata) throws SQLException {
        Optional<SqlDialect> byUrl = forJdbcUrl(metadata.getURL());
        return byUrl.isPresent() ? byUrl : forProductName(metadata.getDatabaseProductName());
    }

    /** H2 folds unquoted names to upper case unless the URL's settings say otherwise. */
    private static SqlDialect h2(String lowerUrl) {
        String settings = lowerUrl.replace(" ", "");
        if (settings.contains(";database_to_lower=true")) {
            return H2_LOWER;
        }
        if (settings.contains(";database_to_upper=false")) {
            return H2_AS_WRITTEN;
        }
        return H2;
    }
}
