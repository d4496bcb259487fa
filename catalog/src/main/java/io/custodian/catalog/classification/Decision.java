package io.custodian.catalog.classification;

/** A steward's decision on one classification of one field; it wins over scans and propagation. */
public enum Decision {
    /** The field holds this type (confirmed, or added by hand). */
    CONFIRMED,
    /** The field does not hold this type, whatever the scanner or lineage say. */
    REJECTED
}
