package io.custodian.erasure.plan;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;

/** A catalog dataset by namespace and name; both may hold slashes, so the pair is never parsed from text. */
public record DatasetKey(String namespace, String name) implements Comparable<DatasetKey> {
    private static final Comparator<DatasetKey> ORDER = Comparator.comparing(DatasetKey::namespace)
            .thenComparing(DatasetKey::name);

    public DatasetKey {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(name, "name is null");
    }

    @Override
    public int compareTo(DatasetKey other) {
        return ORDER.compare(this, other);
    }

    /** {@code namespace/name}, for people. */
    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
