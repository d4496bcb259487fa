package io.custodian.catalog.sql;

import io.custodian.catalog.sql.CatalogTables.Resolution;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Resolutions by namespace and name key, at most {@code maxEntries} of them (the least recently
 * used goes first), each served for at most {@code maxAge} after the read that produced it began.
 *
 * <p>{@link #invalidateAll()} empties the cache and starts a new generation. A read takes the
 * generation before it starts and hands it back with its result; a result read across an
 * invalidation is dropped, since it may predate the change that caused the invalidation. The
 * generation check and the store happen under the lock {@code invalidateAll} takes, so no
 * invalidation can fall between them.
 */
final class ResolutionCache {
    private record Key(String namespace, String name) {}

    private record Entry(Resolution resolution, long readAtNanos) {}

    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private final Object lock = new Object();
    private final LinkedHashMap<Key, Entry> entries; // guarded by lock
    private volatile long generation; // written under lock

    ResolutionCache(int maxEntries, long maxAgeNanos, LongSupplier nanoTime) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
        }
        if (maxAgeNanos <= 0) {
            throw new IllegalArgumentException("maxAge must be positive");
        }
        this.maxAgeNanos = maxAgeNanos;
        this.nanoTime = nanoTime;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The generation to hand back to {@link #store}; take it before the read begins. */
    long generation() {
        return generation;
    }

    /** Now, on the clock entries' ages are measured with. */
    long now() {
        return nanoTime.getAsLong();
    }

    /** The cached resolution of the name key, or null when there is none or it is too old. */
    Resolution get(String namespace, String nameKey) {
        long now = nanoTime.getAsLong();
        Key key = new Key(namespace, nameKey);
        synchronized (lock) {
            Entry entry = entries.get(key);
            if (entry == null) {
                return null;
            }
            if (now - entry.readAtNanos() >= maxAgeNanos) {
                entries.remove(key);
                return null;
            }
            return entry.resolution();
        }
    }

    /**
     * Stores what a read that began at {@code readAtNanos} in {@code generation} found, by name key;
     * nothing when an invalidation happened since. Returns whether it stored.
     */
    boolean store(long generation, long readAtNanos, String namespace, Map<String, Resolution> read) {
        synchronized (lock) {
            if (generation != this.generation) {
                return false;
            }
            read.forEach((nameKey, resolution) -> entries.put(new Key(namespace, nameKey),
                    new Entry(resolution, readAtNanos)));
            return true;
        }
    }

    void invalidateAll() {
        synchronized (lock) {
            generation++;
            entries.clear();
        }
    }

    int size() {
        synchronized (lock) {
            return entries.size();
        }
    }
}
