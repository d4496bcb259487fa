package io.custodian.catalog.classification;

/** Where a classification of a field comes from. */
public enum ClassificationSource {
    /** Detected by a scan of the field's values and name. */
    SCANNER,
    /** Decided by a data steward: confirmed, added or rejected. */
    STEWARD,
    /** Carried from an upstream field along column lineage. */
    PROPAGATED,
    /**
     * Found from the field's name and type when ingestion brought it, before any value was seen;
     * awaiting review, and confirmed or withdrawn by the next scan of the field.
     */
    INGEST,
    /** Read from Apache Atlas, where a person or an Atlas hook attached it to the column. */
    ATLAS
}
