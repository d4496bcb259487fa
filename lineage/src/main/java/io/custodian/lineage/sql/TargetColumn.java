package io.custodian.lineage.sql;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A column a statement produces: a column of the written table (INSERT, CTAS, CREATE VIEW, MERGE,
 * UPDATE), or a result column of a plain query, which has no table.
 */
public record TargetColumn(Optional<TableName> table, String column) {
    public TargetColumn {
        requireNonNull(table, "table is null");
        requireNonNull(column, "column is null");
    }

    public static TargetColumn of(TableName table, String column) {
        return new TargetColumn(Optional.ofNullable(table), column);
    }

    @Override
    public String toString() {
        return table.map(t -> t + "." + column).orElse(column);
    }
}
