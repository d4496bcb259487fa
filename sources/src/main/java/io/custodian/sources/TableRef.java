package io.custodian.sources;

import static java.util.Objects.requireNonNull;

/**
 * A table of a data system, by its exact (case-sensitive, unquoted) names. {@code catalog} and
 * {@code schema} are null when the connection's own database or default schema is meant.
 */
public record TableRef(String catalog, String schema, String table) {
    public TableRef {
        requireNonNull(table, "table is null");
        check("table", table);
        if (schema != null) {
            check("schema", schema);
        }
        if (catalog != null) {
            check("catalog", catalog);
            if (schema == null) {
                throw new IllegalArgumentException("a table with a catalog needs a schema: " + catalog + ".?." + table);
            }
        }
    }

    /** {@code schema.table} in the connection's own database. */
    public static TableRef of(String schema, String table) {
        return new TableRef(null, schema, table);
    }

    private static void check(String part, String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a " + part + " name is empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a " + part + " name holds a NUL character");
        }
    }

    /** The parts joined with dots, unquoted: for messages, never for SQL. */
    @Override
    public String toString() {
        return (catalog == null ? "" : catalog + ".") + (schema == null ? "" : schema + ".") + table;
    }
}
