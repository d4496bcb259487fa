package io.custodian.erasure.plan;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A column that finds the rows a step acts on. For a subject request it holds values of
 * {@code identifierType}, compared as {@code match} says; for a retention purge
 * ({@link Match#BEFORE}) it holds a point in time and the rows are those older than {@code before}.
 * {@code why} says how the planner knows (a classification, a declared key, a retention rule).
 *
 * @param columnType the column's declared type in the catalog, when known: values are bound as
 *     numbers for an integer column, the cutoff as the column's kind of time
 * @param before for {@link Match#BEFORE}: the cutoff; empty for every other match
 */
public record Locator(String column, String columnType, String identifierType, Match match, String why,
        Optional<Instant> before) {
    /** The identifier type of a retention purge's locator: it finds rows by age, not by a subject. */
    public static final String RETENTION_CUTOFF = "RETENTION_CUTOFF";

    /** How the rows are found by the column. */
    public enum Match {
        /** {@code column = ?}. */
        EXACT,
        /** {@code LOWER(column) = LOWER(?)}: an email address's case is not reliable. */
        IGNORE_CASE,
        /** {@code column < ?}: the rows older than the locator's cutoff, for a retention purge. */
        BEFORE
    }

    public Locator {
        requireNonNull(column, "column is null");
        requireNonNull(identifierType, "identifierType is null");
        requireNonNull(match, "match is null");
        requireNonNull(why, "why is null");
        // A plan stored before retention existed has no cutoff at all.
        before = before == null ? Optional.empty() : before;
        if ((match == Match.BEFORE) != before.isPresent()) {
            throw new IllegalArgumentException("column " + column + ": a cutoff goes with BEFORE, and only with it");
        }
    }

    /** A locator that finds a subject's rows by their values of {@code identifierType}. */
    public Locator(String column, String columnType, String identifierType, Match match, String why) {
        this(column, columnType, identifierType, match, why, Optional.empty());
    }

    /** A locator that finds the rows whose {@code column} is before {@code cutoff}. */
    public static Locator before(String column, String columnType, Instant cutoff, String why) {
        return new Locator(column, columnType, RETENTION_CUTOFF, Match.BEFORE, why,
                Optional.of(requireNonNull(cutoff, "cutoff is null")));
    }
}
