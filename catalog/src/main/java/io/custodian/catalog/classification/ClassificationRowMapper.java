package io.custodian.catalog.classification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Maps a row of {@link ClassificationDao#COLUMNS} to a {@link ClassificationRow} by position.
 * Written by hand because the reflective constructor mapper cost several times the query itself on
 * the gateway's read path; the positions follow {@code COLUMNS}, which lives next to this mapper's
 * only registration ({@link ClassificationDao}).
 */
public final class ClassificationRowMapper implements RowMapper<ClassificationRow> {
    /** Stateless: one instance serves every query. */
    public static final ClassificationRowMapper INSTANCE = new ClassificationRowMapper();

    @Override
    public ClassificationRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ClassificationRow(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                boxedDouble(rs, 6),
                rs.getString(7),
                rs.getString(8),
                boxedInt(rs, 9),
                boxedInt(rs, 10),
                rs.getObject(11, UUID.class),
                instant(rs, 12),
                rs.getString(13),
                rs.getString(14),
                rs.getString(15),
                instant(rs, 16),
                rs.getString(17),
                rs.getString(18),
                instant(rs, 19));
    }

    private static Double boxedDouble(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static Integer boxedInt(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    // As JDBI's own Instant column mapper reads it, so rows read the same as before.
    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
