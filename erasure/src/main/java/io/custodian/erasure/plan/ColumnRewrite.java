package io.custodian.erasure.plan;

import static java.util.Objects.requireNonNull;

import io.custodian.masking.strategy.MaskingSpec;
import io.custodian.masking.strategy.StrategyKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One personal column ANONYMIZE rewrites, with the constant strategy that gives its new value and
 * why the column is personal (its classification, or the identifier type it finds the subject by).
 *
 * @param columnType the column's declared type in the catalog, when known
 * @param strategy a constant masking strategy: NULLIFY, REDACT or DEFAULT_VALUE
 * @param parameters the strategy's parameters, as the policy gave them
 */
public record ColumnRewrite(String column, String columnType, String classification, String strategy,
        Map<String, Object> parameters) {
    public ColumnRewrite {
        requireNonNull(column, "column is null");
        requireNonNull(classification, "classification is null");
        requireNonNull(strategy, "strategy is null");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public static ColumnRewrite of(String column, String columnType, String classification, MaskingSpec spec) {
        return new ColumnRewrite(column, columnType, classification, spec.kind().name(), spec.parameters().describe());
    }

    /** The strategy, checked again: a plan read back from the store is input like any other. */
    public MaskingSpec replacement() {
        return MaskingSpec.of(StrategyKind.valueOf(strategy), parameters);
    }
}
