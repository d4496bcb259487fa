package io.custodian.server.problem;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Query parameters read from their raw text, so that a bad value is a 400 naming the parameter
 * (JAX-RS answers an unconvertible {@code Integer} parameter with a 404).
 */
public final class QueryParams {
    private QueryParams() {}

    /** A whole number from {@code min} to {@code max}; {@code fallback} when absent. */
    public static long wholeNumber(String name, String value, long fallback, long min, long max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw invalid(name, name + " must be a whole number from " + min + " to " + max);
    }

    /** An ISO-8601 date-time with offset between {@code earliest} and {@code latest}; {@code fallback} when absent. */
    public static Instant dateTime(String name, String value, Instant fallback, Instant earliest, Instant latest) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Instant time;
        try {
            time = OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(name, name + " must be an ISO-8601 date-time with offset, such as 2025-01-01T00:00:00Z");
        }
        if (time.isBefore(earliest) || time.isAfter(latest)) {
            throw invalid(name, name + " must be between " + earliest + " and " + latest);
        }
        return time;
    }

    /**
     * A UUID in its canonical form ({@code UUID.fromString} also takes short forms such as
     * {@code 1-1-1-1-1}, which name nothing here).
     */
    public static java.util.UUID uuid(String name, String value) {
        try {
            java.util.UUID id = java.util.UUID.fromString(value == null ? "" : value);
            if (id.toString().equalsIgnoreCase(value)) {
                return id;
            }
        } catch (IllegalArgumentException notAUuid) {
            // reported below
        }
        throw ProblemException.invalid(400, "invalid-parameter", "a " + name + " is a UUID",
                List.of(new Problem.InvalidPart(name, "not a UUID")));
    }

    /** One of {@code allowed}, matched without regard to case and returned as listed; {@code fallback} when absent. */
    public static String oneOf(String name, String value, String fallback, List<String> allowed) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        for (String candidate : allowed) {
            if (candidate.equalsIgnoreCase(value.strip())) {
                return candidate;
            }
        }
        throw invalid(name, name + " is one of " + allowed);
    }

    public static ProblemException invalid(String name, String detail) {
        return ProblemException.invalid(400, "invalid-parameter", detail, List.of(new Problem.InvalidPart(name, detail)));
    }
}
