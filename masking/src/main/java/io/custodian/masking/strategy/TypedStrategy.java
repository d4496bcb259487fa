package io.custodian.masking.strategy;

import static java.util.Objects.requireNonNull;

import io.custodian.masking.MaskingDialect;
import java.util.Optional;

/**
 * A strategy whose SQL and Java forms apply to the same types, in every dialect: subclasses say
 * which types ({@link #unsupportedType}) and write both forms for those.
 */
abstract class TypedStrategy implements MaskingStrategy {
    private final MaskingSpec spec;

    TypedStrategy(MaskingSpec spec) {
        this.spec = requireNonNull(spec, "spec is null");
    }

    @Override
    public final MaskingSpec spec() {
        return spec;
    }

    final StrategyParameters parameters() {
        return spec.parameters();
    }

    /** Why the strategy does not apply to the type, or empty. */
    abstract Optional<String> unsupportedType(ColumnType type);

    abstract String expression(String column, ColumnType type, MaskingDialect dialect);

    abstract Object javaValue(Object value, ColumnType type);

    /** Whether a NULL value is masked like any other (the constants) or stays NULL. */
    boolean masksNull() {
        return false;
    }

    @Override
    public Optional<String> unsupported(ColumnType type, MaskingDialect dialect) {
        return unsupportedType(type);
    }

    @Override
    public final String sql(String column, ColumnType type, MaskingDialect dialect) {
        unsupported(type, dialect).ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        return expression(column, type, dialect);
    }

    @Override
    public Optional<String> javaUnsupported(ColumnType type) {
        return unsupportedType(type);
    }

    @Override
    public final Object apply(Object value, ColumnType type) {
        javaUnsupported(type).ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        if (value == null && !masksNull()) {
            return null;
        }
        return javaValue(value, type);
    }

    static Optional<String> onlyStrings(StrategyKind kind, ColumnType type) {
        return type.isString() ? Optional.empty()
                : Optional.of(kind + " masks text columns, not " + type.family() + " (" + type.sql() + ")");
    }
}
