package io.custodian.masking.rewrite;

import io.custodian.catalog.sql.CatalogTables;
import io.custodian.catalog.sql.CatalogTables.CatalogTable;
import io.custodian.catalog.sql.CatalogTables.Resolution;
import io.custodian.lineage.sql.TableMatch;
import io.custodian.lineage.sql.TableName;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the rewrite finds the tables a query names: {@link CatalogTables#resolve} in the service
 * ({@code catalogTables::resolve}), or a fixed list of tables ({@link #of}) in benchmarks and tests.
 */
@FunctionalInterface
public interface TableCatalog {
    /** One resolution per distinct name (keyed by {@link TableName#key()}) in {@code namespace}. */
    Map<String, Resolution> resolve(String namespace, Collection<TableName> names);

    /** A catalog of these tables, matched by the same rule as the catalog's ({@link TableMatch}). */
    static TableCatalog of(Collection<CatalogTable> tables) {
        List<CatalogTable> known = List.copyOf(tables);
        return (namespace, names) -> {
            List<CatalogTable> inNamespace = known.stream().filter(t -> t.namespace().equals(namespace)).toList();
            Map<String, Resolution> out = new LinkedHashMap<>();
            for (TableName name : names) {
                TableMatch.Result<CatalogTable> match = TableMatch.find(name, inNamespace, CatalogTable::tableName);
                out.putIfAbsent(name.key(), new Resolution(name, match.match(),
                        match.ambiguous().stream().map(CatalogTable::tableName).toList()));
            }
            return out;
        };
    }
}
