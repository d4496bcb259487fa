package io.custodian.policy;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Why the policy folder's current content is not in force: when it was read, the file, line and
 * column, and the problem. Holds no value from any file but what the problem itself quotes.
 *
 * @param line 0 when the problem concerns a whole file
 */
public record ReloadFailure(Instant at, String source, int line, int column, String problem, String message) {
    public ReloadFailure {
        requireNonNull(at, "at is null");
        requireNonNull(source, "source is null");
        requireNonNull(problem, "problem is null");
        requireNonNull(message, "message is null");
    }

    static ReloadFailure of(Instant at, PolicyException e) {
        return new ReloadFailure(at, e.source(), e.line(), e.column(), e.problem(), e.getMessage());
    }
}
