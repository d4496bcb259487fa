package io.custodian.server.catalog;

import io.custodian.server.problem.Problem;
import io.custodian.server.problem.ProblemException;
import java.util.List;

/** Validated {@code limit} and {@code offset} query parameters. */
record Paging(int limit, long offset) {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;
    static final long MAX_OFFSET = 10_000_000;

    /** From the raw query parameters, so that "abc" is a 400 that names the parameter, not JAX-RS's 404. */
    static Paging of(String limit, String offset) {
        long l = number("limit", limit, DEFAULT_LIMIT);
        long o = number("offset", offset, 0);
        if (l < 1 || l > MAX_LIMIT) {
            throw ProblemException.invalid(400, "invalid-parameter", "limit must be between 1 and " + MAX_LIMIT,
                    List.of(new Problem.InvalidPart("limit", "got " + l)));
        }
        if (o < 0 || o > MAX_OFFSET) {
            throw ProblemException.invalid(400, "invalid-parameter", "offset must be between 0 and " + MAX_OFFSET,
                    List.of(new Problem.InvalidPart("offset", "got " + o)));
        }
        return new Paging((int) l, o);
    }

    private static long number(String name, String value, long fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(400, "invalid-parameter", name + " must be a whole number",
                    List.of(new Problem.InvalidPart(name, "not a whole number")));
        }
    }
}
