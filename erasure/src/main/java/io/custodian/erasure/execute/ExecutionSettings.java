package io.custodian.erasure.execute;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How execution runs a plan's steps.
 *
 * @param chunkRows at most this many rows a DELETE removes in one statement (one transaction)
 * @param maxAttempts how often a step is tried when a source fails transiently before it FAILS
 * @param initialBackoff the wait before the second attempt, doubled before each later one
 * @param lease how long a claim holds without progress; a step whose lease expired is taken over
 *     by another executor, so it must well exceed the time one chunk takes
 * @param exportMaxRows at most this many rows an access export reads from one dataset (more are
 *     recorded as truncated)
 * @param progressInterval how often a long DELETE records its progress and renews its lease (each a
 *     commit of the store); zero records after every chunk
 */
public record ExecutionSettings(int chunkRows, int maxAttempts, Duration initialBackoff, Duration lease,
        int exportMaxRows, Duration progressInterval) {
    public static final ExecutionSettings DEFAULTS = new ExecutionSettings(1000, 5, Duration.ofMillis(200),
            Duration.ofMinutes(5), 10_000);

    /** Settings that record progress at most once a second. */
    public ExecutionSettings(int chunkRows, int maxAttempts, Duration initialBackoff, Duration lease,
            int exportMaxRows) {
        this(chunkRows, maxAttempts, initialBackoff, lease, exportMaxRows, Duration.ofSeconds(1));
    }

    /** These settings, recording progress every {@code interval} (zero: after every chunk). */
    public ExecutionSettings withProgressInterval(Duration interval) {
        return new ExecutionSettings(chunkRows, maxAttempts, initialBackoff, lease, exportMaxRows, interval);
    }

    public ExecutionSettings {
        requireNonNull(initialBackoff, "initialBackoff is null");
        requireNonNull(lease, "lease is null");
        requireNonNull(progressInterval, "progressInterval is null");
        if (progressInterval.isNegative() || progressInterval.compareTo(lease.dividedBy(2)) > 0) {
            throw new IllegalArgumentException("progressInterval must be from zero to half the lease, so a long step"
                    + " renews its claim before it runs out");
        }
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunkRows must be at least 1");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initialBackoff.isNegative()) {
            throw new IllegalArgumentException("initialBackoff must not be negative");
        }
        if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("lease must be at least a second");
        }
        if (exportMaxRows < 1) {
            throw new IllegalArgumentException("exportMaxRows must be at least 1");
        }
    }
}
