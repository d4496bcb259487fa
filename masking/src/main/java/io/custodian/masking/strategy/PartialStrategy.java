package io.custodian.masking.strategy;

import io.custodian.masking.MaskingDialect;
import java.util.Optional;

/**
 * PARTIAL: keeps the first ({@code keep_first}) or last ({@code keep_last}, default 4) characters of
 * a text and masks every other character that is not a separator with {@code mask} (default
 * {@code *}), so the value keeps its length and shape ({@code +1 (555) 123-4567} →
 * {@code +* (***) ***-4567}).
 *
 * <p>Characters are Unicode code points. The separators are exactly the twelve ASCII characters
 * space {@code . ( ) + / @ _ , : # -}; every other code point (letters and digits of any script,
 * other symbols, control characters) counts as a letter or digit and is masked. A value of 2N or
 * fewer characters keeps nothing: kept characters are always fewer than half the value, so a short
 * value (a 5-digit extension under {@code keep_last: 4}) is not all but revealed. A policy cannot
 * know every row's length; the strategy decides per value.
 */
final class PartialStrategy extends TypedStrategy {
    /** The separators, as Java checks them and as the SQL character class lists them. */
    static final String SEPARATORS = " .()+/@_,:#-";
    /** Matches one code point that is masked; '-' last so that it is literal in every dialect. */
    private static final String MASKED = "[^" + SEPARATORS + "]";

    PartialStrategy(MaskingSpec spec) {
        super(spec);
    }

    @Override
    Optional<String> unsupportedType(ColumnType type) {
        return onlyStrings(StrategyKind.PARTIAL, type);
    }

    private boolean keepFirst() {
        return parameters().optionalInteger("keep_first").isPresent();
    }

    private int keep() {
        return parameters().optionalInteger("keep_first").orElseGet(() -> parameters().integer("keep_last"));
    }

    private String mask() {
        return parameters().text("mask");
    }

    @Override
    String expression(String c, ColumnType type, MaskingDialect dialect) {
        int n = keep();
        String all = SqlForms.replaceAll(dialect, c, MASKED, mask());
        String masked;
        if (dialect == MaskingDialect.H2) {
            // H2 counts UTF-16 units in SUBSTR and LENGTH; its Java regular expressions count code
            // points, so the kept part is found by look-around instead.
            String any = "(?s:.)";
            String kept = keepFirst()
                    ? SqlForms.prefix(dialect, c, n) + " || " + SqlForms.replaceAll(dialect,
                            "REGEXP_REPLACE(" + c + ", '^" + any + "{" + n + "}', '')", MASKED, mask())
                    : SqlForms.replaceAll(dialect, c, MASKED + "(?=" + any + "{" + n + "})", mask());
            masked = "CASE WHEN REGEXP_LIKE(" + c + ", " + SqlForms.literal(dialect, "^" + any + "{" + (2 * n + 1) + ",}")
                    + ") THEN " + kept + " ELSE " + all + " END";
        } else {
            String length = SqlForms.length(dialect, c);
            String tail = keepFirst()
                    ? "SUBSTR(" + c + ", 1, " + n + ") || "
                            + SqlForms.replaceAll(dialect, "SUBSTR(" + c + ", " + (n + 1) + ")", MASKED, mask())
                    : SqlForms.replaceAll(dialect, "SUBSTR(" + c + ", 1, " + length + " - " + n + ")", MASKED, mask())
                            + " || SUBSTR(" + c + ", " + length + " - " + n + " + 1)";
            masked = "CASE WHEN " + length + " > " + 2 * n + " THEN " + tail + " ELSE " + all + " END";
        }
        return SqlForms.cast(dialect, masked, type);
    }

    @Override
    Object javaValue(Object value, ColumnType type) {
        String text = JavaValues.text(value, type);
        int[] points = text.codePoints().toArray();
        int n = keep();
        int from = 0;
        int to = points.length;
        if (points.length > 2 * n) {
            if (keepFirst()) {
                from = n;
            } else {
                to = points.length - n;
            }
        }
        int mask = mask().codePointAt(0);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < points.length; i++) {
            boolean masked = i >= from && i < to && SEPARATORS.indexOf(points[i]) < 0;
            out.appendCodePoint(masked ? mask : points[i]);
        }
        return JavaValues.fit(out.toString(), type);
    }
}
