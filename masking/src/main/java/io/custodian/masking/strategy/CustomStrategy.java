package io.custodian.masking.strategy;

import io.custodian.masking.MaskingDialect;
import java.util.Map;
import java.util.Optional;

/**
 * CUSTOM: the policy's own SQL expression per dialect ({@link CustomExpression}), cast to the
 * column's type. It has no Java form, and no SQL form in a dialect the policy gives none for.
 */
final class CustomStrategy implements MaskingStrategy {
    private final MaskingSpec spec;
    private final Map<MaskingDialect, CustomExpression> expressions;

    CustomStrategy(MaskingSpec spec) {
        this.spec = spec;
        this.expressions = spec.parameters().customSql();
    }

    @Override
    public MaskingSpec spec() {
        return spec;
    }

    @Override
    public Optional<String> unsupported(ColumnType type, MaskingDialect dialect) {
        return expressions.containsKey(dialect) ? Optional.empty()
                : Optional.of("CUSTOM has no expression for " + dialect.displayName());
    }

    @Override
    public String sql(String column, ColumnType type, MaskingDialect dialect) {
        unsupported(type, dialect).ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        return SqlForms.cast(dialect, "(" + expressions.get(dialect).sql(column) + ")", type);
    }

    @Override
    public Optional<String> javaUnsupported(ColumnType type) {
        return Optional.of("CUSTOM is an SQL expression and has no Java form");
    }

    @Override
    public Object apply(Object value, ColumnType type) {
        throw new IllegalStateException("CUSTOM is an SQL expression and has no Java form");
    }
}
