package io.custodian.atlas;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * One export or import: who asked, its state, and when done, its report or why it failed.
 *
 * @param report an {@code ExportReport} or {@code ImportReport} once SUCCEEDED
 * @param error what went wrong, once FAILED (the call and Atlas's status, never a response body)
 */
public record AtlasRun(UUID id, Kind kind, String requestedBy, Status status, Instant requestedAt, Instant startedAt,
        Instant finishedAt, Object report, String error) {
    public AtlasRun {
        requireNonNull(id, "id is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(requestedBy, "requestedBy is null");
        requireNonNull(status, "status is null");
        requireNonNull(requestedAt, "requestedAt is null");
    }

    /** Which way data goes. */
    public enum Kind {
        /** Custodian's classifications to Atlas. */
        EXPORT,
        /** Atlas's tables, columns and classifications to the catalog. */
        IMPORT
    }

    /** Where a run is. */
    public enum Status {
        QUEUED, RUNNING, SUCCEEDED, FAILED;

        public boolean finished() {
            return this == SUCCEEDED || this == FAILED;
        }
    }

    AtlasRun running(Instant at) {
        return new AtlasRun(id, kind, requestedBy, Status.RUNNING, requestedAt, at, null, null, null);
    }

    AtlasRun succeeded(Instant at, Object result) {
        return new AtlasRun(id, kind, requestedBy, Status.SUCCEEDED, requestedAt, startedAt, at, result, null);
    }

    AtlasRun failed(Instant at, String why) {
        return new AtlasRun(id, kind, requestedBy, Status.FAILED, requestedAt, startedAt, at, null, why);
    }
}
