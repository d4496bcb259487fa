package io.custodian.catalog.lineage;

/**
 * Who described a dataset's column lineage: the producer, in the columnLineage facet of its
 * events, or Custodian, by deriving it from the job's SQL. For one output dataset, the producer's
 * lineage is in force and derived lineage is ignored: the producer knows what it did. The
 * rule is written once, here, as {@link #EDGE_IN_FORCE}, and every query of column edges uses it.
 */
public enum Provenance {
    /** From the producer's columnLineage facet. */
    PRODUCER,
    /** Derived from the job's SQL by Custodian. */
    DERIVED;

    /**
     * The condition that a column edge is in force, on an edge {@code e} of
     * {@code column_lineage_edge} and its origin {@code o} of {@code column_lineage_origin}: a
     * field-to-field edge (dataset-level dependencies have no output field) whose origin is a
     * producer's, or whose output dataset no producer describes. Parenthesized and spaced, so
     * it can follow {@code WHERE} or {@code AND} directly.
     */
    public static final String EDGE_IN_FORCE = " (" + """
        e.output_field IS NOT NULL
          AND (o.provenance = 'PRODUCER' OR NOT EXISTS (
                SELECT 1 FROM column_lineage_origin p
                WHERE p.output_dataset_id = o.output_dataset_id AND p.provenance = 'PRODUCER'))
        """ + ") ";
}
