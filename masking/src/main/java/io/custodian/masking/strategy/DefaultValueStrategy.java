package io.custodian.masking.strategy;

import io.custodian.masking.MaskingDialect;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * DEFAULT_VALUE: the type's neutral value for every row, NULL included: {@code ''} (spaces for
 * {@code char(n)}), 0, false, 1970-01-01, 1970-01-01 00:00:00, empty bytes. Not for complex types
 * and timestamps with a time zone, whose neutral value depends on the session.
 */
final class DefaultValueStrategy extends TypedStrategy {
    DefaultValueStrategy(MaskingSpec spec) {
        super(spec);
    }

    @Override
    Optional<String> unsupportedType(ColumnType type) {
        return switch (type.family()) {
            case COMPLEX, OTHER -> Optional.of("DEFAULT_VALUE has no neutral value for " + type.family() + " ("
                    + type.sql() + ")");
            case TIMESTAMP -> type.zoned() ? Optional.of("DEFAULT_VALUE has no session-independent value for a"
                    + " timestamp with a time zone (" + type.sql() + ")") : Optional.empty();
            default -> Optional.empty();
        };
    }

    @Override
    boolean masksNull() {
        return true;
    }

    @Override
    String expression(String column, ColumnType type, MaskingDialect dialect) {
        String value = switch (type.family()) {
            case STRING -> "''";
            case INTEGER, DECIMAL, FLOAT -> "0";
            case BOOLEAN -> "FALSE";
            case DATE -> "DATE '1970-01-01'";
            case TIMESTAMP -> "TIMESTAMP '1970-01-01 00:00:00'";
            case BINARY -> dialect == MaskingDialect.POSTGRESQL ? "CAST('' AS bytea)" : "X''";
            default -> throw new IllegalStateException("no neutral value for " + type.family());
        };
        return SqlForms.cast(dialect, value, type);
    }

    @Override
    Object javaValue(Object value, ColumnType type) {
        return switch (type.family()) {
            case STRING -> JavaValues.fit("", type);
            case INTEGER -> 0L;
            case DECIMAL -> BigDecimal.ZERO;
            case FLOAT -> 0.0d;
            case BOOLEAN -> Boolean.FALSE;
            case DATE -> LocalDate.EPOCH;
            case TIMESTAMP -> LocalDateTime.of(1970, 1, 1, 0, 0);
            case BINARY -> new byte[0];
            default -> throw new IllegalStateException("no neutral value for " + type.family());
        };
    }
}
