package io.custodian.catalog.sql;

import io.custodian.lineage.sql.TableName;
import java.util.Collection;
import java.util.Map;

/**
 * Where {@link CatalogTables} reads resolutions from when it has none cached: one entry per
 * distinct name (by {@link TableName#key()}), in the order given.
 */
@FunctionalInterface
interface TableReader {
    Map<String, CatalogTables.Resolution> read(String namespace, Collection<TableName> names);
}
