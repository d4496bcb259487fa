package io.custodian.catalog.sql;

import static java.util.Objects.requireNonNull;

import io.custodian.lineage.sql.TableMatch;
import io.custodian.lineage.sql.TableName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Tables as a query gateway names them, found among the catalog's datasets of one namespace by the
 * lineage module's rule ({@link TableMatch}), with each column's declared type and the
 * classifications in force on it (a steward's rejection hides a type). One read covers all the
 * names it is given, in one transaction, so what it finds comes from one state of the catalog.
 *
 * <p>{@linkplain #cached Cached}, resolutions are kept by namespace and {@link TableName#key()}
 * and served until {@link #invalidateAll()} or until they reach the maximum age. The service
 * invalidates after every change it applies itself; a change applied by another replica is not
 * announced here, so the maximum age bounds how long such a change can go unseen. A call that finds
 * some names cached and reads the others may combine states of the catalog up to that age apart.
 */
public final class CatalogTables {
    private final TableReader reader;
    private final ResolutionCache cache; // null: every call reads

    /** Uncached: every call reads the catalog. */
    public CatalogTables(Jdbi jdbi) {
        this(new CatalogTableReader(jdbi), null);
    }

    CatalogTables(TableReader reader, ResolutionCache cache) {
        this.reader = requireNonNull(reader, "reader is null");
        this.cache = cache;
    }

    /**
     * Keeps up to {@code maxEntries} resolutions, each for at most {@code maxAge} after the read
     * that produced it began. The max age is how long a change made through another replica (or
     * any change not followed by {@link #invalidateAll()} here) can go unseen.
     */
    public static CatalogTables cached(Jdbi jdbi, int maxEntries, Duration maxAge) {
        return cached(new CatalogTableReader(jdbi), maxEntries, maxAge, System::nanoTime);
    }

    static CatalogTables cached(TableReader reader, int maxEntries, Duration maxAge, LongSupplier nanoTime) {
        requireNonNull(maxAge, "maxAge is null");
        requireNonNull(nanoTime, "nanoTime is null");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive: " + maxAge);
        }
        long maxAgeNanos;
        try {
            maxAgeNanos = maxAge.toNanos();
        } catch (ArithmeticException tooLong) {
            maxAgeNanos = Long.MAX_VALUE;
        }
        return new CatalogTables(reader, new ResolutionCache(maxEntries, maxAgeNanos, nanoTime));
    }

    /** A column of a dataset's current schema. */
    public record CatalogColumn(String name, String type, List<String> classifications) {
        public CatalogColumn {
            requireNonNull(name, "name is null");
            classifications = List.copyOf(classifications);
        }

        public boolean isClassified() {
            return !classifications.isEmpty();
        }
    }

    /** A dataset as a table: its namespace and catalog name, and its current columns in order. */
    public record CatalogTable(String namespace, String name, List<CatalogColumn> columns) {
        public CatalogTable {
            requireNonNull(namespace, "namespace is null");
            requireNonNull(name, "name is null");
            columns = List.copyOf(columns);
        }

        public TableName tableName() {
            return TableName.parse(name);
        }

        /** The column of this name, ignoring case; empty when the schema has none. */
        public Optional<CatalogColumn> column(String column) {
            return columns.stream().filter(c -> c.name().equalsIgnoreCase(column)).findFirst();
        }
    }

    /**
     * What a name found: the dataset (with no columns when it has no schema yet), or nothing, and
     * when several datasets could be meant, their names.
     */
    public record Resolution(TableName name, Optional<CatalogTable> table, List<TableName> ambiguous) {
        public Resolution {
            requireNonNull(name, "name is null");
            requireNonNull(table, "table is null");
            ambiguous = List.copyOf(ambiguous);
        }
    }

    /**
     * Resolves each name in {@code namespace}; the result has one entry per distinct name (by
     * {@link TableName#key()}), in the order given. Callers bound how many names they pass.
     */
    public Map<String, Resolution> resolve(String namespace, Collection<TableName> names) {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(names, "names is null");
        if (cache == null) {
            return reader.read(namespace, names);
        }
        // taken before anything is read: a read that an invalidation overtakes is not stored
        long generation = cache.generation();
        long readAt = cache.now();
        Map<String, Resolution> out = new LinkedHashMap<>();
        List<TableName> missing = new ArrayList<>();
        for (TableName name : names) {
            String key = name.key();
            if (out.containsKey(key)) {
                continue;
            }
            Resolution hit = cache.get(namespace, key);
            if (hit == null) {
                missing.add(name);
                out.put(key, null); // holds the name's place in the order given
            } else {
                // answered under the name as given this time, which may differ from the cached one in case
                out.put(key, hit.name().equals(name) ? hit : new Resolution(name, hit.table(), hit.ambiguous()));
            }
        }
        if (!missing.isEmpty()) {
            Map<String, Resolution> read = reader.read(namespace, missing);
            cache.store(generation, readAt, namespace, read);
            out.putAll(read);
        }
        return out;
    }

    /**
     * Drops every cached resolution: any change to datasets or classifications can change what a
     * name resolves to (a new dataset can make a name ambiguous). A read under way keeps its answer
     * but does not store it. Does nothing when uncached.
     */
    public void invalidateAll() {
        if (cache != null) {
            cache.invalidateAll();
        }
    }

    /** How many resolutions are cached (0 when uncached). */
    int cachedEntries() {
        return cache == null ? 0 : cache.size();
    }
}
