package io.custodian.scanner.scan;

import static java.util.Objects.requireNonNull;

import io.custodian.sources.SourceSettings;
import java.time.Duration;

/**
 * A source the scanner may sample, with how hard to work on it. How to reach the source, its
 * namespace and dataset names are the source's own ({@link SourceSettings}); {@link #toString()}
 * shows no secret.
 *
 * @param sampleSize values sampled per column (rows per table)
 * @param concurrency tables sampled at once (at most the source's {@code maxConnections})
 * @param tableTimeout how long one table may take, from asking for a connection to the last row
 */
public record ScanSource(SourceSettings source, int sampleSize, int concurrency, Duration tableTimeout) {
    public static final int DEFAULT_SAMPLE_SIZE = 1000;
    public static final int DEFAULT_CONCURRENCY = 4;
    public static final Duration DEFAULT_TABLE_TIMEOUT = Duration.ofSeconds(60);
    public static final int MAX_SAMPLE_SIZE = 100_000;
    public static final int MAX_CONCURRENCY = 64;

    public ScanSource {
        requireNonNull(source, "source is null");
        requireNonNull(tableTimeout, "tableTimeout is null");
        String name = source.name();
        if (sampleSize < 1 || sampleSize > MAX_SAMPLE_SIZE) {
            throw new IllegalArgumentException("source " + name + ": sampleSize must be 1.." + MAX_SAMPLE_SIZE);
        }
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("source " + name + ": concurrency must be 1.." + MAX_CONCURRENCY);
        }
        if (tableTimeout.isNegative() || tableTimeout.isZero()) {
            throw new IllegalArgumentException("source " + name + ": tableTimeout must be positive");
        }
    }

    /** A source sampled with the default settings. */
    public static ScanSource withDefaults(SourceSettings source) {
        return new ScanSource(source, DEFAULT_SAMPLE_SIZE, DEFAULT_CONCURRENCY, DEFAULT_TABLE_TIMEOUT);
    }

    public String name() {
        return source.name();
    }

    public String namespace() {
        return source.namespace();
    }

    /** Tables sampled at once: the concurrency asked for, within the source's connection pool. */
    public int parallelTables() {
        return Math.min(concurrency, source.maxConnections());
    }
}
