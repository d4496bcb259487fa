package io.custodian.policy;

/** How much harm a leak of one type of data does, lowest first; masking and access rules key on it. */
public enum Sensitivity {
    /** Safe to publish. */
    PUBLIC,
    /** For people inside the organisation; little harm if leaked. */
    INTERNAL,
    /** Personal data: identifies or contacts a person. */
    CONFIDENTIAL,
    /** Data whose leak enables fraud or identity theft, or reveals special categories. */
    RESTRICTED
}
