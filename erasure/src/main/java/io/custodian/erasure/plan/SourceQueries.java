package io.custodian.erasure.plan;

import io.custodian.sources.dialect.SqlStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reads from a source for planning: a count, or a bounded set of rows. Every query has a time
 * limit. A failure's message is never kept (a database may quote values in it): {@link #describe}
 * gives the SQLState and the exception's class.
 */
public final class SourceQueries {
    public static final int QUERY_SECONDS = 30;

    private SourceQueries() {}

    public static long count(DataSource source, SqlStatement statement) throws SQLException {
        try (Connection connection = source.getConnection();
                PreparedStatement prepared = statement.prepare(connection)) {
            prepared.setQueryTimeout(QUERY_SECONDS);
            try (ResultSet rs = prepared.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** At most {@code maxRows} rows, each column by its label. */
    static List<Map<String, Object>> rows(DataSource source, SqlStatement statement, int maxRows) throws SQLException {
        try (Connection connection = source.getConnection();
                PreparedStatement prepared = statement.prepare(connection)) {
            prepared.setQueryTimeout(QUERY_SECONDS);
            prepared.setMaxRows(maxRows);
            try (ResultSet rs = prepared.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Map<String, Object>> out = new ArrayList<>();
                while (rs.next() && out.size() < maxRows) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnLabel(i), rs.getObject(i));
                    }
                    out.add(row);
                }
                return out;
            }
        }
    }

    /** What failed, without the database's message. */
    public static String describe(Exception e) {
        if (e instanceof SQLException sql && sql.getSQLState() != null) {
            return "SQLState " + sql.getSQLState() + " (" + e.getClass().getSimpleName() + ")";
        }
        return e.getClass().getSimpleName();
    }
}
