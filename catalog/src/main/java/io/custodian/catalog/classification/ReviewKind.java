package io.custodian.catalog.classification;

/** What a review item asks a steward to look at. */
public enum ReviewKind {
    /** A classification found at ingest from a field's name and type, before any value was seen. */
    NEW_CLASSIFICATION,
    /** A field added, removed, renamed or retyped on a dataset that holds personal data. */
    SCHEMA_CHANGE
}
