package io.custodian.scanner.detect;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * How the scanner recognises one type of personal data in values.
 *
 * @param type the canonical type name
 * @param validator accepts values of the type (a checksum, a numbering plan, or a shape)
 * @param standalone the values that prove the type without the column's name agreeing, or null if
 *     values never suffice alone (shapes such as names and postal codes)
 * @param inText whether and how to look for the type inside free text, with {@code standalone}
 * @param categorical whether a column of the type naturally holds few distinct values (gender)
 * @param kinds the declared column kinds that can hold the type
 * @param costly whether validating a value is expensive enough that a column's share of valid values
 *     should be estimated from a subsample
 */
public record TypeDetector(String type, ValueValidator validator, ValueValidator standalone, InText inText,
        boolean categorical, Set<DataKind> kinds, boolean costly) {
    public TypeDetector {
        requireNonNull(type, "type is null");
        requireNonNull(validator, "validator is null");
        requireNonNull(inText, "inText is null");
        if (inText != InText.NO && standalone == null) {
            throw new IllegalArgumentException(type + ": searching free text needs a standalone validator");
        }
        kinds = Set.copyOf(kinds);
    }

    public TypeDetector(String type, ValueValidator validator, ValueValidator standalone, InText inText,
            boolean categorical, Set<DataKind> kinds) {
        this(type, validator, standalone, inText, categorical, kinds, false);
    }

    /** Whether, and on how much evidence, the type is reported when found inside free text. */
    public enum InText {
        /** Not searched for in text. */
        NO,
        /** Reported from two or more rows: one match in prose can be a coincidence (a version, a serial). */
        CORROBORATED,
        /** Reported from one row: the validator (a checksum, an address syntax with a TLD) rarely passes by chance. */
        CERTAIN
    }

    public boolean accepts(DataKind kind) {
        return kind == DataKind.UNKNOWN || kind == DataKind.TEXT || kinds.contains(kind);
    }
}
