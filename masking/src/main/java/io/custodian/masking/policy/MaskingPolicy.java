package io.custodian.masking.policy;

import static java.util.Objects.requireNonNull;

import io.custodian.masking.MaskingDialect;
import io.custodian.masking.strategy.MaskingSpec;
import io.custodian.masking.strategy.StrategyKind;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code masking} section's value: what classified columns look like to whom. See
 * {@link MaskingSection} for the YAML and the order in which its parts decide.
 *
 * @param defaultSpec for classified columns no rule gives a principal, and unknown columns when
 *     {@code unknownTables} is {@link UnknownTables#MASK}
 * @param fallback for when the chosen strategy cannot be computed for a column's type or dialect
 * @param udfs functions per dialect that compute a strategy in SQL (TOKENIZE)
 */
public record MaskingPolicy(MaskingSpec defaultSpec, MaskingSpec fallback, UnknownTables unknownTables,
        Map<MaskingDialect, Map<StrategyKind, String>> udfs, List<MaskingRule> rules, List<MaskingOverride> overrides) {
    /** What columns the catalog does not know look like. */
    public enum UnknownTables {
        /** Masked by the default strategy (fail closed). */
        MASK,
        /** Read as they are. */
        ALLOW
    }

    public static final MaskingPolicy EMPTY = new MaskingPolicy(MaskingSpec.of(StrategyKind.REDACT), MaskingSpec.NULLIFY,
            UnknownTables.MASK, Map.of(), List.of(), List.of());

    public MaskingPolicy {
        requireNonNull(defaultSpec, "defaultSpec is null");
        requireNonNull(fallback, "fallback is null");
        requireNonNull(unknownTables, "unknownTables is null");
        Map<MaskingDialect, Map<StrategyKind, String>> copy = new EnumMap<>(MaskingDialect.class);
        udfs.forEach((d, byKind) -> copy.put(d, Map.copyOf(byKind)));
        udfs = java.util.Collections.unmodifiableMap(copy);
        rules = List.copyOf(rules);
        overrides = List.copyOf(overrides);
    }

    /** The UDF computing TOKENIZE, by dialect. */
    public Map<MaskingDialect, String> tokenizeUdfs() {
        Map<MaskingDialect, String> out = new EnumMap<>(MaskingDialect.class);
        udfs.forEach((d, byKind) -> {
            String udf = byKind.get(StrategyKind.TOKENIZE);
            if (udf != null) {
                out.put(d, udf);
            }
        });
        return out;
    }

    /** Plain data for the policy API. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("default", defaultSpec.describe());
        out.put("fallback", fallback.describe());
        out.put("unknown_tables", unknownTables.name().toLowerCase(java.util.Locale.ROOT));
        Map<String, Object> udfOut = new LinkedHashMap<>();
        udfs.forEach((d, byKind) -> {
            Map<String, Object> names = new LinkedHashMap<>();
            byKind.forEach((k, n) -> names.put(k.name(), n));
            udfOut.put(d.displayName(), names);
        });
        out.put("udfs", udfOut);
        out.put("rules", rules.stream().map(MaskingRule::describe).toList());
        out.put("overrides", overrides.stream().map(MaskingOverride::describe).toList());
        return out;
    }
}
