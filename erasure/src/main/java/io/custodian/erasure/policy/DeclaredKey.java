package io.custodian.erasure.policy;

import static java.util.Objects.requireNonNull;

/**
 * A key the data systems do not declare to the catalog: {@code column} of the datasets
 * {@code dataset} matches holds values of {@code referencedColumn} of the datasets
 * {@code referenced} matches ({@code orders.customer_id} references {@code customers.id}). The
 * referencing column identifies the subject the same way the referenced one does.
 */
public record DeclaredKey(DatasetPattern dataset, String column, DatasetPattern referenced, String referencedColumn) {
    public DeclaredKey {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(column, "column is null");
        requireNonNull(referenced, "referenced is null");
        requireNonNull(referencedColumn, "referencedColumn is null");
    }

    @Override
    public String toString() {
        return dataset + "." + column + " -> " + referenced + "." + referencedColumn;
    }
}
