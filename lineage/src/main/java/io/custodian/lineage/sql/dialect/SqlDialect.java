package io.custodian.lineage.sql.dialect;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.config.CharLiteralStyle;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * The SQL dialects the lineage extractor reads, each with its identifier quoting, the case it
 * folds unquoted identifiers to, and the Calcite conformance its grammar is closest to. Every
 * dialect parses with Calcite's Babel parser, which accepts the union of many dialects' syntax.
 */
public enum SqlDialect {
    ANSI(Quoting.DOUBLE_QUOTE, Casing.TO_UPPER, SqlConformanceEnum.BABEL, List.of("ansi", "sql", "standard")),
    /** SQL of a dialect not known here: the most permissive grammar, names kept as written. */
    GENERIC(Quoting.DOUBLE_QUOTE, Casing.UNCHANGED, SqlConformanceEnum.BABEL, List.of("generic")),
    POSTGRES(Quoting.DOUBLE_QUOTE, Casing.TO_LOWER, SqlConformanceEnum.BABEL,
            List.of("postgres", "postgresql", "pg", "psql", "greenplum", "cockroachdb", "timescaledb", "materialize",
                    "yugabytedb")),
    REDSHIFT(Quoting.DOUBLE_QUOTE, Casing.TO_LOWER, SqlConformanceEnum.BABEL, List.of("redshift")),
    TRINO(Quoting.DOUBLE_QUOTE, Casing.TO_LOWER, SqlConformanceEnum.PRESTO,
            List.of("trino", "presto", "prestodb", "prestosql", "athena", "starburst")),
    SNOWFLAKE(Quoting.DOUBLE_QUOTE, Casing.TO_UPPER, SqlConformanceEnum.BABEL, List.of("snowflake")),
    SPARK(Quoting.BACK_TICK, Casing.UNCHANGED, SqlConformanceEnum.BABEL,
            List.of("spark", "sparksql", "spark-sql", "spark2", "hive", "hiveql", "databricks", "impala", "clickhouse")),
    MYSQL(Quoting.BACK_TICK, Casing.UNCHANGED, SqlConformanceEnum.MYSQL_5,
            List.of("mysql", "mariadb", "singlestore", "tidb", "doris", "starrocks")),
    BIGQUERY(Quoting.BACK_TICK_BACKSLASH, Casing.UNCHANGED, SqlConformanceEnum.BIG_QUERY, List.of("bigquery", "bq")),
    TSQL(Quoting.BRACKET, Casing.UNCHANGED, SqlConformanceEnum.SQL_SERVER_2008,
            List.of("tsql", "t-sql", "mssql", "sqlserver", "sql-server", "azuresql", "synapse", "fabric", "sybase")),
    /** Oracle and the databases that fold unquoted names to upper case as it does. */
    ORACLE(Quoting.DOUBLE_QUOTE, Casing.TO_UPPER, SqlConformanceEnum.BABEL,
            List.of("oracle", "plsql", "pl/sql", "db2", "teradata", "exasol", "hana", "saphana", "netezza", "h2")),
    /** Databases that keep names as written and quote with double quotes. */
    DUCKDB(Quoting.DOUBLE_QUOTE, Casing.UNCHANGED, SqlConformanceEnum.BABEL,
            List.of("duckdb", "sqlite", "sqlite3", "vertica", "dremio", "druid", "questdb"));


    private final Quoting quoting;
    private final Casing unquotedCasing;
    private final SqlConformanceEnum conformance;
    private final List<String> names;
    private final SqlParser.Config parserConfig;

    SqlDialect(Quoting quoting, Casing unquotedCasing, SqlConformanceEnum conformance, List<String> names) {
        this.quoting = quoting;
        this.unquotedCasing = unquotedCasing;
        this.conformance = conformance;
        this.names = names;
        // The parser keeps identifiers as written; the analyser folds case itself, because it must
        // know which parts were quoted (Calcite's own folding forgets that).
        SqlParser.Config config = SqlParser.config()
                .withParserFactory(FastFailingBabelParser.FACTORY)
                .withConformance(conformance)
                .withQuoting(quoting)
                .withUnquotedCasing(Casing.UNCHANGED)
                .withQuotedCasing(Casing.UNCHANGED)
                .withCaseSensitive(false);
        if (conformance == SqlConformanceEnum.BIG_QUERY) {
            // BigQuery strings take single or double quotes, with backslash escapes.
            config = config.withCharLiteralStyles(Set.of(CharLiteralStyle.BQ_SINGLE, CharLiteralStyle.BQ_DOUBLE));
        }
        this.parserConfig = config;
    }

    /** The dialect for a user-facing name such as {@code postgres}, {@code trino} or {@code tsql}. */
    public static Optional<SqlDialect> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(d -> d.names.contains(wanted)).findFirst();
    }

    /**
     * The dialect for {@code name}, or {@link #GENERIC} when the name is unknown or absent: SQL is
     * always read, and callers say when it was read as generic (see {@link #isKnown}).
     */
    public static SqlDialect orGeneric(String name) {
        return named(name).orElse(GENERIC);
    }

    /** Whether {@link #named} knows {@code name}. */
    public static boolean isKnown(String name) {
        return named(name).isPresent();
    }

    /** The names {@link #named} accepts, first the preferred one of each dialect. */
    public static List<String> knownNames() {
        return Arrays.stream(values()).map(d -> d.names.get(0)).toList();
    }

    public Quoting quoting() {
        return quoting;
    }

    /** The character that opens a quoted identifier in this dialect. */
    public char identifierQuote() {
        return switch (quoting) {
            case BACK_TICK, BACK_TICK_BACKSLASH -> '`';
            case BRACKET -> '[';
            default -> '"';
        };
    }

    /** Whether {@code \} escapes the next character inside string literals (MySQL, Spark, BigQuery). */
    public boolean backslashEscapes() {
        return this == MYSQL || this == SPARK || this == BIGQUERY;
    }

    public SqlConformanceEnum conformance() {
        return conformance;
    }

    public SqlParser.Config parserConfig() {
        return parserConfig;
    }

    /** An unquoted identifier as the database stores it: folded to this dialect's case. */
    public String foldUnquoted(String identifier) {
        return switch (unquotedCasing) {
            case TO_LOWER -> identifier.toLowerCase(Locale.ROOT);
            case TO_UPPER -> identifier.toUpperCase(Locale.ROOT);
            default -> identifier;
        };
    }

    /** The preferred user-facing name, e.g. {@code postgres}. */
    public String displayName() {
        return names.get(0);
    }
}
