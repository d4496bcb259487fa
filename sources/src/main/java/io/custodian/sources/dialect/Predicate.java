package io.custodian.sources.dialect;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Which rows a statement touches: {@code column = ?}, {@code column IN (?, ...)},
 * {@code column < ?} for a point in time, {@code column <> ?} (or {@code IS NOT NULL}) for a column
 * still holding something other than a value, and ANDs and ORs of those. Values are bound as parameters when rendered. {@link #all()} (an AND of nothing) matches
 * every row; DELETE and UPDATE refuse it and have separate methods for a whole table.
 */
public sealed interface Predicate permits Predicate.Equals, Predicate.In, Predicate.Before, Predicate.Differs,
        Predicate.And, Predicate.Or {
    /** {@code column = value}; with {@code ignoreCase}, {@code LOWER(column) = LOWER(value)}. */
    record Equals(String column, Object value, boolean ignoreCase) implements Predicate {
        public Equals {
            requireNonNull(column, "column is null");
            if (value == null) {
                throw new IllegalArgumentException("column " + column + " compared with NULL never matches; "
                        + "give a value");
            }
            if (ignoreCase && !(value instanceof CharSequence)) {
                throw new IllegalArgumentException("column " + column + " compared case-insensitively with a "
                        + value.getClass().getSimpleName() + "; give text");
            }
        }
    }

    /** {@code column IN (values...)}: at least one value, none null. */
    record In(String column, List<Object> values) implements Predicate {
        public In {
            requireNonNull(column, "column is null");
            requireNonNull(values, "values is null");
            if (values.isEmpty()) {
                throw new IllegalArgumentException("column " + column + " IN an empty list matches nothing; give "
                        + "at least one value");
            }
            if (values.stream().anyMatch(v -> v == null)) {
                throw new IllegalArgumentException("column " + column + " IN a list holding NULL; NULL never matches");
            }
            values = List.copyOf(values);
        }
    }

    /**
     * {@code column < value}: rows older than a point in time (a NULL in the column is not older).
     * The value is bound as given, so its type should be the column's: an {@link OffsetDateTime} for
     * {@code timestamp with time zone}, a {@link LocalDateTime} for {@code timestamp} (PostgreSQL and
     * H2 would otherwise convert between the two in the session's time zone, which is the JVM's), a
     * {@link LocalDate} for {@code date}. An {@link Instant} is bound as an {@link OffsetDateTime} in
     * UTC, as the JDBC drivers do not all take an Instant.
     */
    record Before(String column, Object value) implements Predicate {
        public Before {
            requireNonNull(column, "column is null");
            if (value == null) {
                throw new IllegalArgumentException("column " + column + " compared with NULL never matches; "
                        + "give a point in time");
            }
            if (value instanceof Instant instant) {
                value = instant.atOffset(ZoneOffset.UTC);
            }
            if (!(value instanceof OffsetDateTime || value instanceof LocalDateTime || value instanceof LocalDate)) {
                throw new IllegalArgumentException("column " + column + " compared with a "
                        + value.getClass().getSimpleName() + "; give an Instant, OffsetDateTime, LocalDateTime "
                        + "or LocalDate");
            }
        }
    }

    /**
     * The column holds a value, and not {@code value}: {@code column <> ?}, or
     * {@code column IS NOT NULL} when {@code value} is null. A NULL in the column never differs:
     * it holds nothing. To find rows an UPDATE has not yet given a constant.
     */
    record Differs(String column, Object value) implements Predicate {
        public Differs {
            requireNonNull(column, "column is null");
        }
    }

    /** Every term holds; no terms: every row. */
    record And(List<Predicate> terms) implements Predicate {
        public And {
            requireNonNull(terms, "terms is null");
            List<Predicate> flat = new ArrayList<>();
            for (Predicate term : terms) {
                requireNonNull(term, "a term is null");
                if (term instanceof And and) {
                    flat.addAll(and.terms());
                } else {
                    flat.add(term);
                }
            }
            terms = List.copyOf(flat);
        }
    }

    /** Any term holds: at least one term (an OR of nothing would match no row, which no caller means). */
    record Or(List<Predicate> terms) implements Predicate {
        public Or {
            requireNonNull(terms, "terms is null");
            List<Predicate> flat = new ArrayList<>();
            for (Predicate term : terms) {
                requireNonNull(term, "a term is null");
                if (term.matchesEverything()) {
                    throw new IllegalArgumentException("an OR with a term that matches every row matches every row; "
                            + "use Predicate.all() if that is meant");
                }
                if (term instanceof Or or) {
                    flat.addAll(or.terms());
                } else {
                    flat.add(term);
                }
            }
            if (flat.isEmpty()) {
                throw new IllegalArgumentException("an OR of no terms matches no row; give at least one term");
            }
            terms = List.copyOf(flat);
        }
    }

    static Predicate eq(String column, Object value) {
        return new Equals(column, value, false);
    }

    /** Text compared without regard to case, where an identifier's case is not reliable (emails). */
    static Predicate eqIgnoreCase(String column, String value) {
        return new Equals(column, value, true);
    }

    static Predicate in(String column, List<?> values) {
        return new In(column, new ArrayList<>(values));
    }

    /** Rows whose {@code column} is before {@code value} ({@link Before}). */
    static Predicate before(String column, Object value) {
        return new Before(column, value);
    }

    /** Rows whose {@code column} holds a value other than {@code value} (any value, when null) ({@link Differs}). */
    static Predicate differs(String column, Object value) {
        return new Differs(column, value);
    }

    static Predicate and(Predicate... terms) {
        return new And(List.of(terms));
    }

    /** A single term as it is; several as their OR. */
    static Predicate or(List<Predicate> terms) {
        return terms.size() == 1 ? terms.get(0) : new Or(terms);
    }

    /** Every row: for SELECT and COUNT only. */
    static Predicate all() {
        return new And(List.of());
    }

    /** True for {@link #all()} and anything else that restricts nothing. */
    default boolean matchesEverything() {
        return this instanceof And and && and.terms().isEmpty();
    }
}
