package io.custodian.erasure.plan;

import static java.util.Objects.requireNonNull;

import io.custodian.masking.strategy.MaskingSpec;

/**
 * One personal column ANONYMIZE rewrites, with the constant it writes and why the column is
 * personal (its classifications).
 *
 * @param columnType the column's declared type in the catalog, when known
 */
public record ColumnRewrite(String column, String columnType, String classification, MaskingSpec replacement) {
    public ColumnRewrite {
        requireNonNull(column, "column is null");
        requireNonNull(classification, "classification is null");
        requireNonNull(replacement, "replacement is null");
    }
}
