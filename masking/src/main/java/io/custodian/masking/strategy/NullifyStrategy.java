package io.custodian.masking.strategy;

import io.custodian.masking.MaskingDialect;
import java.util.Optional;

/** NULLIFY: NULL of the column's type, for every type and dialect; the last fallback. */
final class NullifyStrategy extends TypedStrategy {
    NullifyStrategy(MaskingSpec spec) {
        super(spec);
    }

    @Override
    Optional<String> unsupportedType(ColumnType type) {
        return Optional.empty();
    }

    @Override
    boolean masksNull() {
        return true;
    }

    @Override
    String expression(String column, ColumnType type, MaskingDialect dialect) {
        return SqlForms.cast(dialect, "NULL", type);
    }

    @Override
    Object javaValue(Object value, ColumnType type) {
        return null;
    }
}
