package io.custodian.catalog.field;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;

/**
 * One field of one catalog dataset, by name: the dataset's namespace and name, and the field's
 * (dotted, for nested fields) name. Lineage, classifications and propagation name fields this way.
 */
public record FieldRef(String namespace, String dataset, String field) implements Comparable<FieldRef> {
    private static final Comparator<FieldRef> ORDER = Comparator.comparing(FieldRef::namespace)
            .thenComparing(FieldRef::dataset).thenComparing(FieldRef::field);

    public FieldRef {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(field, "field is null");
    }

    /** Namespace, then dataset, then field name. */
    @Override
    public int compareTo(FieldRef other) {
        return ORDER.compare(this, other);
    }

    /** {@code namespace/dataset/field}, as errors and logs name a field. */
    @Override
    public String toString() {
        return namespace + "/" + dataset + "/" + field;
    }
}
