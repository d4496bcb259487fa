package io.custodian.lineage.sql;

/** What a statement of a script does, as far as lineage is concerned. */
public enum StatementKind {
    QUERY,
    INSERT,
    CREATE_TABLE_AS,
    CREATE_VIEW,
    MERGE,
    UPDATE,
    /** A statement that writes or reads no column values: CREATE TABLE (a, b), DELETE, SET, ... */
    OTHER,
    /** A statement that could not be parsed or analysed; see {@link StatementLineage#error()}. */
    FAILED,
    /**
     * A statement left out because analysing it would exceed the {@link AnalysisBudget}; the
     * reason is in {@link StatementLineage#error()}.
     */
    SKIPPED
}
