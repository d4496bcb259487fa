package io.custodian.masking.rewrite;

import io.custodian.catalog.sql.CatalogTables.CatalogTable;
import java.util.Map;

/**
 * What a rewrite reads in place of a table's columns, for one principal: the seam between the
 * rewrite (which finds where tables are read) and the masking decisions (which know who may see
 * what).
 */
@FunctionalInterface
public interface TableMasks {
    /**
     * SQL expressions in the request's dialect to read in place of the table's masked columns, by
     * column name as the catalog spells it; each reads its column by the quoted, unqualified name and
     * returns the column's declared type. Columns absent from the map are read as they are.
     */
    Map<String, String> masks(CatalogTable table);
}
