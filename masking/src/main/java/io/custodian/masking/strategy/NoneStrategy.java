package io.custodian.masking.strategy;

import io.custodian.masking.MaskingDialect;
import java.util.Optional;

/** NONE: the column as it is. */
final class NoneStrategy extends TypedStrategy {
    NoneStrategy(MaskingSpec spec) {
        super(spec);
    }

    @Override
    Optional<String> unsupportedType(ColumnType type) {
        return Optional.empty();
    }

    @Override
    String expression(String column, ColumnType type, MaskingDialect dialect) {
        return column;
    }

    @Override
    Object javaValue(Object value, ColumnType type) {
        return value;
    }
}
