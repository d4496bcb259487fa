package io.custodian.catalog.classification;

/** Where a review item stands. */
public enum ReviewStatus {
    OPEN,
    /** A steward accepted it (a new classification is then confirmed). */
    ACCEPTED,
    /** A steward rejected it (a new classification is then rejected on the field). */
    REJECTED,
    /** A scan of the field's values found the type too. */
    CONFIRMED_BY_SCAN,
    /** A scan of the field's values did not find the type; the ingest classification is gone. */
    WITHDRAWN_BY_SCAN
}
