package io.custodian.server.catalog;

import io.custodian.server.problem.QueryParams;

/** Validated {@code limit} and {@code offset} query parameters. */
record Paging(int limit, long offset) {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;
    static final long MAX_OFFSET = 10_000_000;

    static Paging of(String limit, String offset) {
        return new Paging((int) QueryParams.wholeNumber("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT),
                QueryParams.wholeNumber("offset", offset, 0, 0, MAX_OFFSET));
    }
}
