package io.custodian.lineage.sql;

import static java.util.Objects.requireNonNull;

/** A column of a table that a statement reads. */
public record SourceColumn(TableName table, String column) {
    public SourceColumn {
        requireNonNull(table, "table is null");
        requireNonNull(column, "column is null");
    }

    @Override
    public String toString() {
        return table + "." + column;
    }
}
