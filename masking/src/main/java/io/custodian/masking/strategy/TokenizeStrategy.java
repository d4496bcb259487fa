package io.custodian.masking.strategy;

import static java.util.Objects.requireNonNull;

import io.custodian.masking.MaskingDialect;
import java.util.Map;
import java.util.Optional;

/**
 * TOKENIZE: the token that stands for a text under the purpose's key. Java asks
 * {@link MaskingKeys#tokenize}; SQL calls the UDF the policy names for the dialect, as
 * {@code udf('purpose', column)}, and is unsupported in a dialect without one. The token is cut to
 * the column's length.
 */
final class TokenizeStrategy extends TypedStrategy {
    private final MaskingKeys keys;
    private final Map<MaskingDialect, String> udfs;

    TokenizeStrategy(MaskingSpec spec, MaskingKeys keys, Map<MaskingDialect, String> udfs) {
        super(spec);
        this.keys = requireNonNull(keys, "keys is null");
        this.udfs = Map.copyOf(udfs);
    }

    @Override
    Optional<String> unsupportedType(ColumnType type) {
        return onlyStrings(StrategyKind.TOKENIZE, type);
    }

    @Override
    public Optional<String> unsupported(ColumnType type, MaskingDialect dialect) {
        Optional<String> why = unsupportedType(type);
        if (why.isPresent()) {
            return why;
        }
        return udfs.containsKey(dialect) ? Optional.empty()
                : Optional.of("TOKENIZE needs a UDF in " + dialect.displayName() + " and the policy names none"
                        + " (masking.udfs." + dialect.displayName() + ".TOKENIZE)");
    }

    @Override
    String expression(String c, ColumnType type, MaskingDialect dialect) {
        return SqlForms.fitText(dialect, udfs.get(dialect) + "(" + SqlForms.literal(dialect, parameters().text("purpose"))
                + ", " + c + ")", type);
    }

    @Override
    Object javaValue(Object value, ColumnType type) {
        return JavaValues.fit(keys.tokenize(parameters().text("purpose"), JavaValues.text(value, type)), type);
    }
}
