package io.custodian.sources;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * How a source's tables are named as catalog datasets: {@code [prefix.]schema.table}, as OpenLineage
 * names them ({@code database.schema.table} where the prefix is the database name). The schema ends
 * at the first dot after the prefix, so a table name may hold dots; a schema name may not.
 *
 * @param prefix the database name the source connects to, when dataset names carry it; the table is
 *     then addressed within the connection's own database (its {@link TableRef#catalog()} is null)
 */
public record DatasetNaming(Optional<String> prefix) {
    public DatasetNaming {
        requireNonNull(prefix, "prefix is null");
        prefix = prefix.filter(p -> !p.isBlank());
    }

    /** The table a dataset name denotes; empty when the name is not {@code [prefix.]schema.table}. */
    public Optional<TableRef> table(String datasetName) {
        requireNonNull(datasetName, "datasetName is null");
        String local = datasetName;
        if (prefix.isPresent()) {
            String start = prefix.get() + ".";
            if (!datasetName.startsWith(start)) {
                return Optional.empty();
            }
            local = datasetName.substring(start.length());
        }
        int dot = local.indexOf('.');
        if (dot <= 0 || dot == local.length() - 1 || local.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        return Optional.of(TableRef.of(local.substring(0, dot), local.substring(dot + 1)));
    }

    /**
     * The dataset name of a table: {@code [prefix.]schema.table}, or {@code [prefix.]table} without a
     * schema. A table's own catalog is not part of the name: the prefix names the database.
     */
    public String datasetName(TableRef table) {
        requireNonNull(table, "table is null");
        String local = table.schema() == null ? table.table() : table.schema() + "." + table.table();
        return prefix.map(p -> p + "." + local).orElse(local);
    }

    /** What a dataset name of this source looks like, for messages. */
    public String shape() {
        return prefix.map(p -> p + ".").orElse("") + "schema.table";
    }
}
