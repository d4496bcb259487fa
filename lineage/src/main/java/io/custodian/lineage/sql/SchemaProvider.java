package io.custodian.lineage.sql;

import java.util.List;
import java.util.Optional;

/**
 * Where the extractor learns a table's columns: the catalog in the service, a map in tests and the
 * CLI.
 */
public interface SchemaProvider {
    /** A provider that knows no table: every {@code *} stays unresolved. */
    SchemaProvider EMPTY = name -> Optional.empty();

    /**
     * The table's canonical name and its columns in order, or empty when the table is unknown.
     *
     * @param name the name as written in SQL with the defaults filled in
     */
    Optional<TableSchema> table(TableName name);

    /**
     * When {@code name} is ambiguous ({@link TableMatch}: several known tables end with it), their
     * names, so the analysis can say so; else empty.
     */
    default List<TableName> ambiguous(TableName name) {
        return List.of();
    }

    /** A known table: its canonical name and ordered columns. */
    record TableSchema(TableName name, List<String> columns) {
        public TableSchema {
            java.util.Objects.requireNonNull(name, "name is null");
            columns = List.copyOf(columns);
        }
    }
}
