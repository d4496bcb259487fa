package io.custodian.scanner.scan;

import io.custodian.scanner.scan.SourceTable.SourceColumn;
import io.custodian.sources.TableRef;
import io.custodian.sources.dialect.SqlDialect;
import io.custodian.sources.dialect.SqlStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads a bounded sample of a table's values through JDBC, within a deadline, with the SQL its
 * source's dialect renders (the picking of rows is pushed to the source). Values stay in
 * memory for the caller to classify; they are never logged. Columns of binary, large-object or
 * structured types are not read (their names still go to the classifier).
 */
final class TableSampler {
    /** Longer values are cut: detectors need the start of a value, not a document. */
    static final int MAX_VALUE_LENGTH = 1024;

    /** The sampled values per column (nulls dropped), and how many rows were read. */
    record TableSample(int rows, Map<String, List<String>> values) {}

    /** Thrown when the table's deadline passed. */
    static final class DeadlineExceeded extends Exception {
        private static final long serialVersionUID = 1L;

        DeadlineExceeded() {
            super("the table's time limit passed");
        }
    }

    private TableSampler() {}

    static TableSample sample(Connection connection, SqlDialect dialect, SourceTable table, int sampleSize,
            long deadlineNanos) throws SQLException, DeadlineExceeded {
        List<String> columns = table.columns().stream().filter(TableSampler::samplable).map(SourceColumn::name).toList();
        Map<String, List<String>> values = new LinkedHashMap<>();
        table.columns().forEach(c -> values.put(c.name(), new ArrayList<>()));
        if (columns.isEmpty()) {
            return new TableSample(0, values);
        }
        TableRef ref = TableRef.of(table.schema() == null || table.schema().isEmpty() ? null : table.schema(),
                table.name());
        OptionalLong estimate = OptionalLong.empty();
        Optional<SqlStatement> estimateQuery = dialect.rowEstimate(ref);
        if (estimateQuery.isPresent()) {
            estimate = estimate(connection, estimateQuery.get(), deadlineNanos);
        }
        SqlStatement sampled = dialect.sample(ref, columns, sampleSize, estimate);
        int rows = read(connection, sampled, columns, values, deadlineNanos);
        SqlStatement plain = dialect.sample(ref, columns, sampleSize, OptionalLong.empty());
        if (rows < sampleSize / 2 && !plain.equals(sampled)) {
            // The estimate was stale (a table emptied since the last ANALYZE): read without it.
            values.values().forEach(List::clear);
            rows = read(connection, plain, columns, values, deadlineNanos);
        }
        return new TableSample(rows, values);
    }

    private static OptionalLong estimate(Connection connection, SqlStatement query, long deadlineNanos)
            throws SQLException, DeadlineExceeded {
        try (PreparedStatement statement = query.prepare(connection)) {
            statement.setQueryTimeout(secondsLeft(deadlineNanos));
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? OptionalLong.of((long) rs.getDouble(1)) : OptionalLong.empty();
            }
        }
    }

    private static int read(Connection connection, SqlStatement sql, List<String> columns,
            Map<String, List<String>> values, long deadlineNanos) throws SQLException, DeadlineExceeded {
        try (PreparedStatement statement = sql.prepare(connection)) {
            statement.setQueryTimeout(secondsLeft(deadlineNanos));
            statement.setFetchSize(500);
            int rows = 0;
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows++;
                    for (int i = 0; i < columns.size(); i++) {
                        String value = rs.getString(i + 1);
                        if (value != null) {
                            values.get(columns.get(i)).add(value.length() > MAX_VALUE_LENGTH
                                    ? value.substring(0, MAX_VALUE_LENGTH) : value);
                        }
                    }
                    if ((rows & 63) == 0 && System.nanoTime() > deadlineNanos) {
                        throw new DeadlineExceeded();
                    }
                }
            } catch (SQLTimeoutException e) {
                throw new DeadlineExceeded();
            } catch (SQLException e) {
                // PostgreSQL reports a statement timeout as a plain error with SQLState 57014.
                if ("57014".equals(e.getSQLState())) {
                    throw new DeadlineExceeded();
                }
                throw e;
            }
            return rows;
        }
    }

    static int secondsLeft(long deadlineNanos) throws DeadlineExceeded {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new DeadlineExceeded();
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (left + 999_999_999L) / 1_000_000_000L));
    }

    static boolean samplable(SourceColumn column) {
        return switch (column.jdbcType()) {
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB, Types.CLOB, Types.NCLOB,
                    Types.ARRAY, Types.STRUCT, Types.REF, Types.DATALINK, Types.JAVA_OBJECT, Types.SQLXML,
                    Types.ROWID, Types.NULL -> false;
            default -> true;
        };
    }
}
