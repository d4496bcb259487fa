package io.custodian.catalog.lineage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Splits a frontier into bounded IN lists: PostgreSQL takes at most 32,767 bind parameters a
 * statement, and very long IN lists plan badly on both databases.
 */
final class Chunks {
    static final int SIZE = 1_000;

    private Chunks() {}

    static <T, R> List<R> query(Collection<T> values, Function<List<T>, List<R>> query) {
        List<T> all = List.copyOf(values);
        if (all.isEmpty()) {
            return List.of();
        }
        if (all.size() <= SIZE) {
            return query.apply(all);
        }
        List<R> rows = new ArrayList<>();
        for (int from = 0; from < all.size(); from += SIZE) {
            rows.addAll(query.apply(all.subList(from, Math.min(all.size(), from + SIZE))));
        }
        return rows;
    }
}
