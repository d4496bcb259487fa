package io.custodian.masking.strategy;

import io.custodian.masking.MaskingDialect;
import java.util.Optional;

/**
 * REDACT: a constant text ({@code value}, default {@code ***}) in place of every value of a text
 * column, NULL included; cut to the column's length.
 */
final class RedactStrategy extends TypedStrategy {
    RedactStrategy(MaskingSpec spec) {
        super(spec);
    }

    @Override
    Optional<String> unsupportedType(ColumnType type) {
        return onlyStrings(StrategyKind.REDACT, type);
    }

    @Override
    boolean masksNull() {
        return true;
    }

    @Override
    String expression(String column, ColumnType type, MaskingDialect dialect) {
        // cut here rather than in SQL, so every dialect counts characters the same way
        return SqlForms.cast(dialect, SqlForms.literal(dialect, JavaValues.fit(value(), unpadded(type))), type);
    }

    @Override
    Object javaValue(Object value, ColumnType type) {
        return JavaValues.fit(value(), type);
    }

    private String value() {
        return parameters().text("value");
    }

    private static ColumnType unpadded(ColumnType type) {
        return new ColumnType(type.sql(), type.family(), type.length(), type.scale(), false, type.zoned());
    }
}
