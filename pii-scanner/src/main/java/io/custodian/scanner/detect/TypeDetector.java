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
 * @param inText whether to look for the type inside free text, with {@code standalone}
 * @param categorical whether a column of the type naturally holds few distinct values (gender)
 * @param kinds the declared column kinds that can hold the type
 */
public record TypeDetector(String type, ValueValidator validator, ValueValidator standalone, boolean inText,
        boolean categorical, Set<DataKind> kinds) {
    public TypeDetector {
        requireNonNull(type, "type is null");
        requireNonNull(validator, "validator is null");
        if (inText && standalone == null) {
            throw new IllegalArgumentException(type + ": searching free text needs a standalone validator");
        }
        kinds = Set.copyOf(kinds);
    }

    public boolean accepts(DataKind kind) {
        return kind == DataKind.UNKNOWN || kind == DataKind.TEXT || kinds.contains(kind);
    }
}
