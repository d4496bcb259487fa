package io.custodian.scanner.scan;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A table of a source as its metadata describes it: schema (may be null), name and columns. */
public record SourceTable(String schema, String name, List<SourceColumn> columns) {
    public SourceTable {
        requireNonNull(name, "name is null");
        columns = List.copyOf(columns);
    }

    /** One column: its name, declared type name and JDBC type ({@link java.sql.Types}). */
    public record SourceColumn(String name, String typeName, int jdbcType) {
        public SourceColumn {
            requireNonNull(name, "name is null");
        }
    }
}
