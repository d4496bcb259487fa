package io.custodian.masking.rewrite;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Struct;
import java.util.ArrayList;
import java.util.List;

/** Every cell of a result as text, whatever its type: arrays, JSON, records, large objects. */
final class CellText {
    private CellText() {
    }

    /** The rows of {@code rs}, each cell rendered to text. */
    static List<List<String>> rows(ResultSet rs) throws SQLException {
        int columns = rs.getMetaData().getColumnCount();
        List<List<String>> rows = new ArrayList<>();
        while (rs.next()) {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= columns; i++) {
                row.add(render(rs.getObject(i)));
            }
            rows.add(row);
        }
        return rows;
    }

    static String render(Object value) throws SQLException {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Array array) {
            return render(array.getArray());
        }
        if (value instanceof Object[] items) {
            List<String> out = new ArrayList<>();
            for (Object item : items) {
                out.add(render(item));
            }
            return out.toString();
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (value instanceof Clob clob) {
            return clob.getSubString(1, (int) Math.min(clob.length(), Integer.MAX_VALUE));
        }
        if (value instanceof Struct struct) {
            return render(struct.getAttributes());
        }
        if (value instanceof org.postgresql.util.PGobject object) {
            return String.valueOf(object.getValue());
        }
        return value.toString();
    }
}
