package io.custodian.scanner.scan;

import io.custodian.scanner.scan.SourceTable.SourceColumn;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Reads which tables a source has and their columns, through JDBC metadata with escaped patterns. */
final class SourceMetadata {
    private static final String[] TABLE_TYPES = {"TABLE", "BASE TABLE", "PARTITIONED TABLE", "VIEW", "MATERIALIZED VIEW"};
    private static final Set<String> SYSTEM_SCHEMAS = Set.of("information_schema", "pg_catalog", "pg_toast");

    private SourceMetadata() {}

    /** The tables of one schema, or of every non-system schema when {@code schema} is null, sorted by schema and name. */
    static List<SourceTable> tables(Connection connection, String schema) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        List<String[]> names = new ArrayList<>();
        try (ResultSet rs = metadata.getTables(null, schema == null ? null : exactPattern(metadata, schema), "%",
                TABLE_TYPES)) {
            while (rs.next()) {
                String tableSchema = rs.getString("TABLE_SCHEM");
                if (schema != null ? !schema.equals(tableSchema) : isSystem(tableSchema)) {
                    continue;
                }
                names.add(new String[] {tableSchema, rs.getString("TABLE_NAME")});
            }
        }
        names.sort((a, b) -> {
            int bySchema = String.valueOf(a[0]).compareTo(String.valueOf(b[0]));
            return bySchema != 0 ? bySchema : a[1].compareTo(b[1]);
        });
        List<SourceTable> tables = new ArrayList<>(names.size());
        for (String[] name : names) {
            tables.add(new SourceTable(name[0], name[1], List.of()));
        }
        return tables;
    }

    /** One table with its columns; empty when the source has no such table (exact, case-sensitive names). */
    static Optional<SourceTable> table(Connection connection, String schema, String table) throws SQLException {
        List<SourceColumn> columns = new ArrayList<>();
        boolean found = false;
        DatabaseMetaData metadata = connection.getMetaData();
        try (ResultSet rs = metadata.getColumns(null, exactPattern(metadata, schema), exactPattern(metadata, table),
                "%")) {
            while (rs.next()) {
                if (!table.equals(rs.getString("TABLE_NAME"))
                        || (schema != null && !schema.equals(rs.getString("TABLE_SCHEM")))) {
                    continue;
                }
                found = true;
                columns.add(new SourceColumn(rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME"),
                        rs.getInt("DATA_TYPE")));
            }
        }
        return found ? Optional.of(new SourceTable(schema, table, columns)) : Optional.empty();
    }

    /**
     * A metadata search pattern matching exactly {@code name}: the driver's escape, {@code _} and
     * {@code %} escaped, so a name read from the source is never a wildcard.
     */
    static String exactPattern(DatabaseMetaData metadata, String name) throws SQLException {
        if (name == null) {
            return null;
        }
        String escape = metadata.getSearchStringEscape();
        if (escape == null || escape.isEmpty()) {
            escape = "\\";
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }

    private static boolean isSystem(String schema) {
        if (schema == null) {
            return false;
        }
        String lower = schema.toLowerCase(Locale.ROOT);
        return SYSTEM_SCHEMAS.contains(lower) || lower.startsWith("pg_temp") || lower.startsWith("pg_toast");
    }
}
