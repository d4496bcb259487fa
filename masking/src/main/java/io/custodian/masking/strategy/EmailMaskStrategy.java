package io.custodian.masking.strategy;

import io.custodian.masking.MaskingDialect;
import java.util.Optional;

/**
 * EMAIL_MASK: keeps the domain of an address and replaces everything before its last {@code @}
 * with {@code mask} (default {@code ***}): {@code jane.doe@example.com} → {@code ***@example.com}.
 * A value without {@code @} is all mask. The result is cut to the column's length.
 */
final class EmailMaskStrategy extends TypedStrategy {
    EmailMaskStrategy(MaskingSpec spec) {
        super(spec);
    }

    @Override
    Optional<String> unsupportedType(ColumnType type) {
        return onlyStrings(StrategyKind.EMAIL_MASK, type);
    }

    @Override
    String expression(String c, ColumnType type, MaskingDialect dialect) {
        String mask = parameters().text("mask");
        String masked = SqlForms.literal(dialect, mask);
        String withAt = SqlForms.literal(dialect, mask + "@");
        String hasAt = switch (dialect) {
            case POSTGRESQL, TRINO -> "strpos(" + c + ", '@') > 0";
            case H2 -> "LOCATE('@', " + c + ") > 0";
            case SPARK -> "instr(" + c + ", '@') > 0";
            case SNOWFLAKE -> "POSITION('@', " + c + ") > 0";
        };
        // everything up to the last '@': a greedy match where the dialect's '.' can match newlines
        String domain = switch (dialect) {
            case POSTGRESQL -> "regexp_replace(" + c + ", '^.*@', " + withAt + ")";
            case H2 -> "REGEXP_REPLACE(" + c + ", '(?s)^.*@', " + withAt + ")";
            case SPARK -> "regexp_replace(" + c + ", '(?s)^.*@', " + withAt + ")";
            case TRINO -> withAt + " || element_at(split(" + c + ", '@'), -1)";
            case SNOWFLAKE -> withAt + " || SPLIT_PART(" + c + ", '@', -1)";
        };
        return SqlForms.fitText(dialect, "CASE WHEN " + c + " IS NULL THEN NULL WHEN " + hasAt + " THEN " + domain
                + " ELSE " + masked + " END", type);
    }

    @Override
    Object javaValue(Object value, ColumnType type) {
        String text = JavaValues.text(value, type);
        String mask = parameters().text("mask");
        int at = text.lastIndexOf('@');
        return JavaValues.fit(at < 0 ? mask : mask + text.substring(at), type);
    }
}
