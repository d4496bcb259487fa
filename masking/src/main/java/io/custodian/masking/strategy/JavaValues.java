package io.custodian.masking.strategy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** How the Java forms read and shape values, so that they match what the SQL forms return. */
final class JavaValues {
    private JavaValues() {}

    /**
     * A string value as the SQL functions see it: a fixed-length string without its padding (as
     * PostgreSQL's text functions see {@code char(n)}).
     */
    static String text(Object value, ColumnType type) {
        String text = value.toString();
        return type.fixedLength() ? text.replaceAll(" +$", "") : text;
    }

    /** A text cut to the type's length in code points, and padded when the type is fixed-length. */
    static String fit(String text, ColumnType type) {
        if (type.length().isEmpty()) {
            return text;
        }
        int length = type.length().getAsInt();
        if (text.codePointCount(0, text.length()) > length) {
            text = text.substring(0, text.offsetByCodePoints(0, length));
        }
        if (type.fixedLength()) {
            StringBuilder padded = new StringBuilder(text);
            for (int n = text.codePointCount(0, text.length()); n < length; n++) {
                padded.append(' ');
            }
            return padded.toString();
        }
        return text;
    }

    static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (value instanceof Number n) {
            return BigDecimal.valueOf(n.longValue());
        }
        return new BigDecimal(value.toString());
    }

    static LocalDate date(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (value instanceof LocalDateTime t) {
            return t.toLocalDate();
        }
        return LocalDate.parse(value.toString());
    }

    static LocalDateTime timestamp(Object value) {
        if (value instanceof LocalDateTime t) {
            return t;
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime();
        }
        if (value instanceof LocalDate d) {
            return d.atStartOfDay();
        }
        return LocalDateTime.parse(value.toString().replace(' ', 'T'));
    }
}
