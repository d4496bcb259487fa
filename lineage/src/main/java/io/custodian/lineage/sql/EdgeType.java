package io.custodian.lineage.sql;

/** OpenLineage's column lineage types: a value flows from the source, or the source only shapes it. */
public enum EdgeType {
    DIRECT,
    INDIRECT
}
