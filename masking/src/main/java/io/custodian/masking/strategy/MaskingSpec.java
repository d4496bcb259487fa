package io.custodian.masking.strategy;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/** A strategy as a policy names it: its kind and checked parameters. */
public record MaskingSpec(StrategyKind kind, StrategyParameters parameters) {
    public static final MaskingSpec NULLIFY = of(StrategyKind.NULLIFY);
    public static final MaskingSpec NONE = of(StrategyKind.NONE);

    public MaskingSpec {
        requireNonNull(kind, "kind is null");
        requireNonNull(parameters, "parameters is null");
        if (parameters.kind() != kind) {
            throw new IllegalArgumentException("parameters of " + parameters.kind() + " given to " + kind);
        }
    }

    /** The kind with its default parameters. */
    public static MaskingSpec of(StrategyKind kind) {
        return new MaskingSpec(kind, StrategyParameters.defaults(kind));
    }

    /** The kind with raw parameters, checked ({@link StrategyParameters#of}). */
    public static MaskingSpec of(StrategyKind kind, Map<String, ?> parameters) {
        return new MaskingSpec(kind, StrategyParameters.of(kind, parameters));
    }

    /** Plain data for the policy API. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("strategy", kind.name());
        Map<String, Object> parameters = this.parameters.describe();
        if (!parameters.isEmpty()) {
            out.put("parameters", parameters);
        }
        return out;
    }
}
