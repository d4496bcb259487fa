package io.custodian.masking.decision;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.sql.CatalogTables.CatalogTable;
import java.util.List;
import java.util.Optional;

/**
 * What the catalog knows of a table a gateway reads: the dataset, or nothing, and when the name
 * could mean several datasets, their names.
 */
public record ResolvedTable(Optional<CatalogTable> table, List<String> ambiguous) {
    public ResolvedTable {
        requireNonNull(table, "table is null");
        ambiguous = List.copyOf(ambiguous);
    }

    public static ResolvedTable known(CatalogTable table) {
        return new ResolvedTable(Optional.of(table), List.of());
    }

    public static ResolvedTable unknown() {
        return new ResolvedTable(Optional.empty(), List.of());
    }

    public boolean isAmbiguous() {
        return !ambiguous.isEmpty();
    }
}
