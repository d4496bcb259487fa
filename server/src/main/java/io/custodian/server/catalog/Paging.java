package io.custodian.server.catalog;

import io.custodian.server.problem.Problem;
import io.custodian.server.problem.ProblemException;
import java.util.List;

/** Validated {@code limit} and {@code offset} query parameters. */
record Paging(int limit, long offset) {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;
    static final long MAX_OFFSET = 10_000_000;

    static Paging of(Integer limit, Long offset) {
        int l = limit == null ? DEFAULT_LIMIT : limit;
        long o = offset == null ? 0 : offset;
        if (l < 1 || l > MAX_LIMIT) {
            throw ProblemException.invalid(400, "invalid-parameter", "limit must be between 1 and " + MAX_LIMIT,
                    List.of(new Problem.InvalidPart("limit", "got " + l)));
        }
        if (o < 0 || o > MAX_OFFSET) {
            throw ProblemException.invalid(400, "invalid-parameter", "offset must be between 0 and " + MAX_OFFSET,
                    List.of(new Problem.InvalidPart("offset", "got " + o)));
        }
        return new Paging(l, o);
    }
}
