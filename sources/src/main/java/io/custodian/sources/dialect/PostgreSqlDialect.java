package io.custodian.sources.dialect;

import io.custodian.sources.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * PostgreSQL: double quotes, unquoted names folded to lower case. Samples with {@code TABLESAMPLE}
 * at a percentage from the planner's row estimate (page-level SYSTEM for large tables, row-level
 * BERNOULLI for mid-sized ones) and a {@code LIMIT}; a plain {@code LIMIT} for small tables, tables
 * never analyzed, or when no estimate is given (callers retry that way when a sample comes back short).
 * PostgreSQL's DELETE has no LIMIT: a chunk deletes the rows whose {@code ctid} a bounded SELECT
 * found, in the same statement (so the ctids cannot move in between).
 */
public final class PostgreSqlDialect extends AbstractSqlDialect {
    /** Above this estimate, SYSTEM sampling (fast, page-clustered) instead of BERNOULLI. */
    public static final long SYSTEM_SAMPLING_ROWS = 1_000_000;

    PostgreSqlDialect() {
        super("postgresql", '"', IdentifierCase.LOWER, true, "random()");
    }

    @Override
    public SqlStatement sample(TableRef table, List<String> columns, int limit, OptionalLong estimatedRows) {
        checkLimit(limit);
        if (estimatedRows.isEmpty() || estimatedRows.getAsLong() <= SAMPLE_SCAN_FACTOR * limit) {
            return firstRows(table, columns, limit);
        }
        long estimate = estimatedRows.getAsLong();
        // About twice the rows asked for, so that the LIMIT rather than chance decides the size.
        double percent = Math.min(100.0, Math.max(0.0001, 200.0 * limit / estimate));
        String method = estimate > SYSTEM_SAMPLING_ROWS ? "SYSTEM" : "BERNOULLI";
        return SqlStatement.of("SELECT " + columnList(columns) + " FROM " + qualified(table) + " TABLESAMPLE " + method
                + " (" + String.format(Locale.ROOT, "%.6f", percent) + ") LIMIT " + limit);
    }

    @Override
    public Optional<SqlStatement> deleteChunk(TableRef table, Predicate where, int limit) {
        checkChunk(limit);
        refuseEverything(where, "DELETE", "deleteAll");
        List<Object> parameters = new ArrayList<>();
        String t = qualified(table);
        return Optional.of(new SqlStatement("DELETE FROM " + t + " WHERE ctid = ANY(ARRAY(SELECT ctid FROM " + t
                + whereClause(where, parameters) + " LIMIT " + limit + "))", parameters));
    }

    /** The planner's estimate from {@code pg_class.reltuples}: -1 when never analyzed, no row when no such table. */
    @Override
    public Optional<SqlStatement> rowEstimate(TableRef table) {
        String sql = """
                SELECT c.reltuples FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relname = ? AND n.nspname = """;
        return Optional.of(table.schema() == null
                ? new SqlStatement(sql + "current_schema()", List.of(table.table()))
                : new SqlStatement(sql + "?", List.of(table.table(), table.schema())));
    }
}
