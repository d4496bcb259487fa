package io.custodian.masking.strategy;

import io.custodian.masking.MaskingDialect;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * GENERALIZE: a coarser value of the same type. Dates and timestamps (without time zone) become the
 * first day of their year or month ({@code granularity}, default year); whole and decimal numbers
 * the lower bound of their range of {@code width} (default 10; ages 37 → 30), rounding down for
 * negatives too; texts their first {@code keep} characters (default 3; postal codes).
 */
final class GeneralizeStrategy extends TypedStrategy {
    GeneralizeStrategy(MaskingSpec spec) {
        super(spec);
    }

    @Override
    Optional<String> unsupportedType(ColumnType type) {
        return switch (type.family()) {
            case STRING, INTEGER, DECIMAL, DATE -> Optional.empty();
            case TIMESTAMP -> type.zoned() ? Optional.of("GENERALIZE of a timestamp with a time zone depends on the"
                    + " session's zone (" + type.sql() + ")") : Optional.empty();
            default -> Optional.of("GENERALIZE applies to dates, timestamps, whole and decimal numbers and texts,"
                    + " not " + type.family() + " (" + type.sql() + ")");
        };
    }

    private boolean byMonth() {
        return parameters().text("granularity").equals("month");
    }

    @Override
    String expression(String c, ColumnType type, MaskingDialect dialect) {
        return switch (type.family()) {
            case STRING -> SqlForms.cast(dialect, SqlForms.prefix(dialect, c, parameters().integer("keep")), type);
            case INTEGER, DECIMAL -> {
                int w = parameters().integer("width");
                String lower;
                if (dialect == MaskingDialect.SPARK) {
                    lower = "(" + c + " - pmod(" + c + ", " + w + "))";
                } else if (dialect == MaskingDialect.H2 && type.family() == ColumnType.Family.DECIMAL) {
                    // H2's MOD drops the fraction of decimals; its decimal division keeps it
                    lower = "(FLOOR(" + c + " / " + w + ") * " + w + ")";
                } else {
                    // MOD takes the sign of the dividend here: negatives step down one more width
                    lower = "(" + c + " - MOD(" + c + ", " + w + ") - CASE WHEN MOD(" + c + ", " + w + ") < 0 THEN "
                            + w + " ELSE 0 END)";
                }
                yield SqlForms.cast(dialect, lower, type);
            }
            default -> {
                String unit = byMonth() ? "month" : "year";
                String truncated = switch (dialect) {
                    case POSTGRESQL, TRINO -> "date_trunc('" + unit + "', " + c + ")";
                    case H2, SNOWFLAKE -> "DATE_TRUNC('" + unit.toUpperCase(java.util.Locale.ROOT) + "', " + c + ")";
                    case SPARK -> type.family() == ColumnType.Family.DATE ? "trunc(" + c + ", '" + unit + "')"
                            : "date_trunc('" + unit + "', " + c + ")";
                };
                yield SqlForms.cast(dialect, truncated, type);
            }
        };
    }

    @Override
    Object javaValue(Object value, ColumnType type) {
        return switch (type.family()) {
            case STRING -> {
                String text = JavaValues.text(value, type);
                int keep = Math.min(parameters().integer("keep"), text.codePointCount(0, text.length()));
                yield JavaValues.fit(text.substring(0, text.offsetByCodePoints(0, keep)), type);
            }
            case INTEGER -> {
                long w = parameters().integer("width");
                long v = ((Number) value).longValue();
                yield v - Math.floorMod(v, w);
            }
            case DECIMAL -> {
                BigDecimal v = JavaValues.decimal(value);
                BigDecimal w = BigDecimal.valueOf(parameters().integer("width"));
                BigDecimal floor = v.divide(w, 0, RoundingMode.FLOOR).multiply(w);
                yield type.scale().isPresent() ? floor.setScale(type.scale().getAsInt(), RoundingMode.UNNECESSARY)
                        : floor;
            }
            case DATE -> {
                LocalDate d = JavaValues.date(value);
                yield byMonth() ? d.withDayOfMonth(1) : d.withDayOfYear(1);
            }
            case TIMESTAMP -> {
                LocalDate d = JavaValues.timestamp(value).toLocalDate();
                yield LocalDateTime.of(byMonth() ? d.withDayOfMonth(1) : d.withDayOfYear(1), java.time.LocalTime.MIDNIGHT);
            }
            default -> throw new IllegalStateException("GENERALIZE does not apply to " + type.family());
        };
    }
}
