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

    public static ProblemException invalid(String name, String detail) {
        return ProblemException.invalid(400, "invalid-parameter", detail, List.of(new Problem.InvalidPart(name, detail)));
    }
}
