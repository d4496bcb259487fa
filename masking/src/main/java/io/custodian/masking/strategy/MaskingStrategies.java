package io.custodian.masking.strategy;

import static java.util.Objects.requireNonNull;

import io.custodian.masking.MaskingDialect;
import java.util.Map;

/**
 * Makes the strategy a {@link MaskingSpec} names, with the keys HASH and TOKENIZE use and the UDFs
 * the policy names for TOKENIZE per dialect.
 */
public final class MaskingStrategies {
    private final MaskingKeys keys;
    private final Map<MaskingDialect, String> tokenizeUdfs;

    public MaskingStrategies(MaskingKeys keys, Map<MaskingDialect, String> tokenizeUdfs) {
        this.keys = requireNonNull(keys, "keys is null");
        this.tokenizeUdfs = Map.copyOf(tokenizeUdfs);
    }

    public MaskingStrategy of(MaskingSpec spec) {
        requireNonNull(spec, "spec is null");
        return switch (spec.kind()) {
            case NONE -> new NoneStrategy(spec);
            case NULLIFY -> new NullifyStrategy(spec);
            case REDACT -> new RedactStrategy(spec);
            case DEFAULT_VALUE -> new DefaultValueStrategy(spec);
            case PARTIAL -> new PartialStrategy(spec);
            case EMAIL_MASK -> new EmailMaskStrategy(spec);
            case HASH -> new HashStrategy(spec, keys);
            case TOKENIZE -> new TokenizeStrategy(spec, keys, tokenizeUdfs);
            case GENERALIZE -> new GeneralizeStrategy(spec);
            case CUSTOM -> new CustomStrategy(spec);
        };
    }
}
