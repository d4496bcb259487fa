package io.custodian.erasure.plan;

import static java.util.Objects.requireNonNull;

/**
 * A column that finds the subject's rows in a dataset: it holds values of {@code identifierType},
 * compared as {@code match} says, and {@code why} says how the planner knows (a classification,
 * a declared key).
 *
 * @param columnType the column's declared type in the catalog, when known: values are bound as
 *     numbers for an integer column
 */
public record Locator(String column, String columnType, String identifierType, Match match, String why) {
    /** How the subject's values are compared with the column's. */
    public enum Match {
        /** {@code column = ?}. */
        EXACT,
        /** {@code LOWER(column) = LOWER(?)}: an email address's case is not reliable. */
        IGNORE_CASE
    }

    public Locator {
        requireNonNull(column, "column is null");
        requireNonNull(identifierType, "identifierType is null");
        requireNonNull(match, "match is null");
        requireNonNull(why, "why is null");
    }
}
