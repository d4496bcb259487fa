package io.custodian.catalog.ingest;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Comparator;

/**
 * When a value was true (the producer's event time) and a hash of the value, which orders two
 * values with the same event time. The greatest stamp wins.
 */
record Stamp(Instant time, String hash) implements Comparable<Stamp> {
    private static final Comparator<Stamp> ORDER =
            Comparator.comparing(Stamp::time).thenComparing(Stamp::hash);

    Stamp {
        requireNonNull(time, "time is null");
        requireNonNull(hash, "hash is null");
    }

    @Override
    public int compareTo(Stamp other) {
        return ORDER.compare(this, other);
    }

    boolean isAfter(Stamp other) {
        return other == null || compareTo(other) > 0;
    }
}
