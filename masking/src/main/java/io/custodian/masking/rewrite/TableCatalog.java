package io.custodian.masking.rewrite;

import io.custodian.catalog.sql.CatalogTables;
import io.custodian.catalog.sql.CatalogTables.Resolution;
import io.custodian.lineage.sql.TableName;
import java.util.Collection;
import java.util.Map;

/**
 * Where the rewrite finds the tables a query names: {@link CatalogTables#resolve} in the service
 * ({@code catalogTables::resolve}), an in-memory map in benchmarks.
 */
@FunctionalInterface
public interface TableCatalog {
    /** One resolution per distinct name (keyed by {@link TableName#key()}) in {@code namespace}. */
    Map<String, Resolution> resolve(String namespace, Collection<TableName> names);
}
