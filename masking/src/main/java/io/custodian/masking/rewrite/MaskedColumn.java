package io.custodian.masking.rewrite;

import static java.util.Objects.requireNonNull;

/** A column the rewrite read through its mask: the catalog's dataset name and column name. */
public record MaskedColumn(String dataset, String column) {
    public MaskedColumn {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(column, "column is null");
    }
}
