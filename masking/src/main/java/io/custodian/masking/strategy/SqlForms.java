package io.custodian.masking.strategy;

import io.custodian.masking.MaskingDialect;

/**
 * The few SQL spellings masking strategies need that differ between dialects: string literals,
 * lengths, regular-expression replacement. Everything else the strategies write is common to all
 * five dialects ({@code CAST}, {@code SUBSTR}, {@code ||}, {@code CASE}).
 */
final class SqlForms {
    private SqlForms() {}

    /**
     * A string literal: single quotes doubled, and backslashes doubled where the dialect reads them as
     * escapes (Spark). NUL is refused.
     */
    static String literal(MaskingDialect dialect, String text) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a literal holds a NUL character");
        }
        String escaped = text.replace("'", "''");
        if (dialect.parser().backslashEscapes()) {
            escaped = escaped.replace("\\", "\\\\");
        }
        return "'" + escaped + "'";
    }

    /**
     * {@code CAST(expression AS type)}. Spark reads {@code char(n)} and {@code varchar(n)} columns as
     * STRING and refuses them as cast targets, so there the target is STRING (lengths are cut before).
     */
    static String cast(MaskingDialect dialect, String expression, ColumnType type) {
        String target = type.sql();
        if (dialect == MaskingDialect.SPARK && type.isString() && type.length().isPresent()) {
            target = "STRING";
        }
        return "CAST(" + expression + " AS " + target + ")";
    }

    /** A text expression cut to a string type's length (in characters) and cast to the type. */
    static String fitText(MaskingDialect dialect, String expression, ColumnType type) {
        if (type.length().isPresent()) {
            expression = prefix(dialect, expression, type.length().getAsInt());
        }
        return cast(dialect, expression, type);
    }

    /**
     * The first {@code n} characters (code points) of a text. H2's SUBSTR counts UTF-16 units, so
     * there a regular expression (Java's, which counts code points) finds them; as a match, not a
     * replacement, whose back-references H2 spells differently in its PostgreSQL mode.
     */
    static String prefix(MaskingDialect dialect, String text, int n) {
        if (dialect == MaskingDialect.H2) {
            return "REGEXP_SUBSTR(" + text + ", '^(?s:.){0," + n + "}')";
        }
        return "SUBSTR(" + text + ", 1, " + n + ")";
    }

    /** The number of characters (code points) of a text. */
    static String length(MaskingDialect dialect, String text) {
        return switch (dialect) {
            case POSTGRESQL, SPARK, H2 -> "char_length(" + text + ")";
            case TRINO -> "length(" + text + ")";
            case SNOWFLAKE -> "LENGTH(" + text + ")";
        };
    }

    /**
     * H2's REGEXP_REPLACE replaces every match, except in its PostgreSQL mode (the one Custodian's
     * own store uses), where it replaces the first unless the flags hold {@code g}, a flag its other
     * modes refuse. The expression asks the database which it does and passes the flags that mean
     * "every match" there.
     */
    private static final String H2_EVERY_MATCH_FLAGS =
            "CASE WHEN REGEXP_REPLACE('aa', 'a', 'b') = 'bb' THEN 'c' ELSE 'gc' END";

    /** Every match of {@code pattern} (a pattern with no quote or backslash) replaced. */
    static String replaceAll(MaskingDialect dialect, String text, String pattern, String replacement) {
        String args = text + ", " + literal(dialect, pattern) + ", " + literal(dialect, replacement);
        return switch (dialect) {
            case POSTGRESQL -> "regexp_replace(" + args + ", 'g')";
            case TRINO, SPARK -> "regexp_replace(" + args + ")";
            case H2 -> "REGEXP_REPLACE(" + args + ", " + H2_EVERY_MATCH_FLAGS + ")";
            case SNOWFLAKE -> "REGEXP_REPLACE(" + args + ")";
        };
    }
}
