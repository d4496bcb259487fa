package io.custodian.scanner.scan;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The SQL that samples a table, per database: the work (picking rows) is pushed to the source,
 * and every statement reads a bounded number of rows.
 *
 * <ul>
 *   <li>PostgreSQL: {@code TABLESAMPLE} (SYSTEM for large tables, BERNOULLI for mid-sized ones) with a
 *       {@code LIMIT}, at a percentage from the planner's row estimate; a plain {@code LIMIT} when the
 *       table is small or never analyzed, or when the sample came back short.
 *   <li>H2: a random order over a bounded prefix ({@code LIMIT} ten times the sample).
 *   <li>Anything else: a plain {@code LIMIT}.
 * </ul>
 */
final class SampleSql {
    /** Tables estimated at up to this many times the sample size are read with a plain LIMIT. */
    static final long SMALL_TABLE_FACTOR = 10;
    /** Above this estimate, page-level SYSTEM sampling (fast, clustered) instead of row-level BERNOULLI. */
    static final long SYSTEM_SAMPLING_ROWS = 1_000_000;

    enum Dialect {
        POSTGRESQL, H2, OTHER;

        static Dialect of(String productName) {
            String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
            if (name.contains("postgres")) {
                return POSTGRESQL;
            }
            return name.contains("h2") ? H2 : OTHER;
        }
    }

    private SampleSql() {}

    static String columnList(SqlIdentifiers ids, List<String> columns) {
        return columns.stream().map(ids::quote).collect(Collectors.joining(", "));
    }

    /** A plain bounded read: the first {@code limit} rows the database finds. */
    static String limit(SqlIdentifiers ids, String schema, String table, List<String> columns, int limit) {
        return "SELECT " + columnList(ids, columns) + " FROM " + ids.qualified(schema, table) + " LIMIT " + limit;
    }

    /** PostgreSQL's TABLESAMPLE at the percentage expected to give about twice {@code limit} rows. */
    static String tableSample(SqlIdentifiers ids, String schema, String table, List<String> columns, int limit,
            long estimatedRows) {
        double percent = Math.min(100.0, Math.max(0.0001, 200.0 * limit / estimatedRows));
        String method = estimatedRows > SYSTEM_SAMPLING_ROWS ? "SYSTEM" : "BERNOULLI";
        return "SELECT " + columnList(ids, columns) + " FROM " + ids.qualified(schema, table) + " TABLESAMPLE "
                + method + " (" + String.format(Locale.ROOT, "%.6f", percent) + ") LIMIT " + limit;
    }

    /** H2: a random {@code limit} rows of the first {@code 10 * limit}. */
    static String h2Random(SqlIdentifiers ids, String schema, String table, List<String> columns, int limit) {
        String cols = columnList(ids, columns);
        long bound = SMALL_TABLE_FACTOR * limit;
        return "SELECT " + cols + " FROM (SELECT " + cols + " FROM " + ids.qualified(schema, table) + " LIMIT "
                + bound + ") s ORDER BY RAND() LIMIT " + limit;
    }

    /** PostgreSQL's row estimate for a table (bound parameters: schema, table); -1 when never analyzed. */
    static final String POSTGRES_ESTIMATE = """
        SELECT c.reltuples FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ? AND c.relname = ?
        """;
}
