package io.custodian.scanner.eval;

import java.util.List;
import java.util.Set;

/**
 * One kind of column in the evaluation set: the types a steward would label it with (none for a
 * hard negative), the names real schemas give it in several languages, the tables it lives in, and
 * how its values are made.
 *
 * @param labels the types the column holds; empty for a column holding no personal data
 * @param names column names; the development portion uses the even positions, the held-out portion the odd
 * @param table which tables hold it
 * @param dataType the declared type, or null when the source declares none (files)
 * @param values makes one value
 */
record ColumnKind(Set<String> labels, List<String> names, TableKind table, String dataType, ValueMaker values) {
    ColumnKind {
        labels = Set.copyOf(labels);
        names = List.copyOf(names);
        if (names.size() < 2) {
            throw new IllegalArgumentException("each kind needs names for both portions: " + names);
        }
    }

    /** Which tables a kind of column belongs to. */
    enum TableKind { PEOPLE, THINGS, ANY }

    /** Makes one value for a column from the generators of its portion. */
    @FunctionalInterface
    interface ValueMaker {
        String make(Generators g);
    }
}
