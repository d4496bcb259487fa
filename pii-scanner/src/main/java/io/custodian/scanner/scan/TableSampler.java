package io.custodian.scanner.scan;

import io.custodian.scanner.scan.SampleSql.Dialect;
import io.custodian.scanner.scan.SourceTable.SourceColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a bounded sample of a table's values through JDBC, within a deadline. Values stay in
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

    static TableSample sample(Connection connection, SqlIdentifiers ids, SourceTable table, int sampleSize,
            long deadlineNanos) throws SQLException, DeadlineExceeded {
        List<String> columns = table.columns().stream().filter(TableSampler::samplable).map(SourceColumn::name).toList();
        Map<String, List<String>> values = new LinkedHashMap<>();
        table.columns().forEach(c -> values.put(c.name(), new ArrayList<>()));
        if (columns.isEmpty()) {
            return new TableSample(0, values);
        }
        Dialect dialect = Dialect.of(connection.getMetaData().getDatabaseProductName());
        int rows;
        switch (dialect) {
            case POSTGRESQL -> {
                long estimate = postgresEstimate(connection, table, deadlineNanos);
                if (estimate > SampleSql.SMALL_TABLE_FACTOR * sampleSize) {
                    rows = read(connection, SampleSql.tableSample(ids, table.schema(), table.name(), columns,
                            sampleSize, estimate), columns, values, deadlineNanos);
                    if (rows < sampleSize / 2) {
                        // The estimate was stale (a table emptied since the last ANALYZE): read plainly.
                        values.values().forEach(List::clear);
                        rows = read(connection, SampleSql.limit(ids, table.schema(), table.name(), columns, sampleSize),
                                columns, values, deadlineNanos);
                    }
                } else {
                    rows = read(connection, SampleSql.limit(ids, table.schema(), table.name(), columns, sampleSize),
                            columns, values, deadlineNanos);
                }
            }
            case H2 -> rows = read(connection, SampleSql.h2Random(ids, table.schema(), table.name(), columns, sampleSize),
                    columns, values, deadlineNanos);
            default -> rows = read(connection, SampleSql.limit(ids, table.schema(), table.name(), columns, sampleSize),
                    columns, values, deadlineNanos);
        }
        return new TableSample(rows, values);
    }

    private static long postgresEstimate(Connection connection, SourceTable table, long deadlineNanos)
            throws SQLException, DeadlineExceeded {
        try (PreparedStatement statement = connection.prepareStatement(SampleSql.POSTGRES_ESTIMATE)) {
            statement.setQueryTimeout(secondsLeft(deadlineNanos));
            statement.setString(1, table.schema() == null ? "public" : table.schema());
            statement.setString(2, table.name());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? (long) rs.getDouble(1) : -1;
            }
        }
    }

    private static int read(Connection connection, String sql, List<String> columns, Map<String, List<String>> values,
            long deadlineNanos) throws SQLException, DeadlineExceeded {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(secondsLeft(deadlineNanos));
            statement.setFetchSize(500);
            int rows = 0;
            try (ResultSet rs = statement.executeQuery(sql)) {
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
