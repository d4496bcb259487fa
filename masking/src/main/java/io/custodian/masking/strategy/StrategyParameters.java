package io.custodian.masking.strategy;

import static java.util.Objects.requireNonNull;

import io.custodian.masking.MaskingDialect;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A strategy's parameters, checked against what its kind takes: every parameter known, of its type,
 * within its bounds; missing ones take their defaults. Values are integers, texts, or (for CUSTOM's
 * {@code sql}) SQL text by dialect.
 */
public final class StrategyParameters {
    /** The longest REDACT value. */
    public static final int MAX_TEXT = 256;
    private static final Pattern PURPOSE = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    private static final Pattern MASK_TEXT = Pattern.compile("[*#xX.\\- ]{1,16}");
    private static final Pattern MASK_CHAR = Pattern.compile("[*#xX]");

    private final StrategyKind kind;
    private final Map<String, Object> values;

    private StrategyParameters(StrategyKind kind, Map<String, Object> values) {
        this.kind = kind;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The parameters each kind takes. */
    public static List<String> names(StrategyKind kind) {
        return switch (kind) {
            case NONE, NULLIFY, DEFAULT_VALUE -> List.of();
            case REDACT -> List.of("value");
            case PARTIAL -> List.of("keep_first", "keep_last", "mask");
            case EMAIL_MASK -> List.of("mask");
            case HASH, TOKENIZE -> List.of("purpose");
            case GENERALIZE -> List.of("granularity", "width", "keep");
            case CUSTOM -> List.of("sql");
        };
    }

    /** The kind's defaults. */
    public static StrategyParameters defaults(StrategyKind kind) {
        return of(kind, Map.of());
    }

    /**
     * Checks raw parameters (integers as {@link Number}, texts as {@link String}, CUSTOM's
     * {@code sql} as a map of dialect name to text).
     *
     * @throws IllegalArgumentException naming the parameter that is wrong
     */
    public static StrategyParameters of(StrategyKind kind, Map<String, ?> raw) {
        requireNonNull(kind, "kind is null");
        requireNonNull(raw, "raw is null");
        List<String> known = names(kind);
        for (String name : raw.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown parameter '" + name + "' for " + kind
                        + (known.isEmpty() ? ", which takes none" : "; it takes " + new TreeSet<>(known)));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        switch (kind) {
            case NONE, NULLIFY, DEFAULT_VALUE -> { }
            case REDACT -> values.put("value", text(raw, "value", "***"));
            case PARTIAL -> {
                if (raw.containsKey("keep_first") && raw.containsKey("keep_last")) {
                    throw new IllegalArgumentException("parameters keep_first and keep_last exclude each other");
                }
                if (raw.containsKey("keep_first")) {
                    values.put("keep_first", integer(raw, "keep_first", 0, 0, 64));
                } else {
                    values.put("keep_last", integer(raw, "keep_last", 4, 0, 64));
                }
                values.put("mask", matching(raw, "mask", "*", MASK_CHAR, "one of * # x X"));
            }
            case EMAIL_MASK -> values.put("mask", matching(raw, "mask", "***", MASK_TEXT,
                    "1 to 16 of the characters * # x X . - and space"));
            case HASH, TOKENIZE -> values.put("purpose", matching(raw, "purpose", "masking", PURPOSE,
                    "lower-case letters, digits, '.', '_' and '-', at most 64, starting with a letter or digit"));
            case GENERALIZE -> {
                String granularity = text(raw, "granularity", "year");
                if (!granularity.equals("year") && !granularity.equals("month")) {
                    throw new IllegalArgumentException("parameter granularity is '" + granularity
                            + "'; expected year or month");
                }
                values.put("granularity", granularity);
                values.put("width", integer(raw, "width", 10, 1, 1_000_000_000));
                values.put("keep", integer(raw, "keep", 3, 0, 64));
            }
            case CUSTOM -> values.put("sql", custom(raw.get("sql")));
        }
        return new StrategyParameters(kind, values);
    }

    private static Map<MaskingDialect, CustomExpression> custom(Object raw) {
        if (!(raw instanceof Map<?, ?> byDialect) || byDialect.isEmpty()) {
            throw new IllegalArgumentException("parameter sql must map dialect names (" + MaskingDialect.knownNames()
                    + ") to SQL expressions holding {col}");
        }
        Map<MaskingDialect, CustomExpression> out = new EnumMap<>(MaskingDialect.class);
        byDialect.forEach((name, expression) -> {
            MaskingDialect dialect = MaskingDialect.named(String.valueOf(name)).orElseThrow(() ->
                    new IllegalArgumentException("parameter sql names unknown dialect '" + name + "'; expected one of "
                            + MaskingDialect.knownNames()));
            if (!(expression instanceof String text)) {
                throw new IllegalArgumentException("parameter sql." + name + " must be text");
            }
            if (out.put(dialect, CustomExpression.parse(dialect, text)) != null) {
                throw new IllegalArgumentException("parameter sql names dialect " + dialect.displayName() + " twice");
            }
        });
        return out;
    }

    private static String text(Map<String, ?> raw, String name, String fallback) {
        Object value = raw.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException("parameter " + name + " must be text");
        }
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("parameter " + name + " is longer than " + MAX_TEXT + " characters");
        }
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("parameter " + name + " holds a NUL character");
        }
        return text;
    }

    private static String matching(Map<String, ?> raw, String name, String fallback, Pattern pattern, String rule) {
        String text = text(raw, name, fallback);
        if (!pattern.matcher(text).matches()) {
            throw new IllegalArgumentException("parameter " + name + " must be " + rule);
        }
        return text;
    }

    private static int integer(Map<String, ?> raw, String name, int fallback, int min, int max) {
        Object value = raw.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Integer || value instanceof Long || value instanceof Short)) {
            throw new IllegalArgumentException("parameter " + name + " must be a whole number");
        }
        long number = ((Number) value).longValue();
        if (number < min || number > max) {
            throw new IllegalArgumentException("parameter " + name + " is " + number + ", outside [" + min + ", "
                    + max + "]");
        }
        return (int) number;
    }

    public StrategyKind kind() {
        return kind;
    }

    public int integer(String name) {
        return (Integer) require(name);
    }

    public String text(String name) {
        return (String) require(name);
    }

    public Optional<Integer> optionalInteger(String name) {
        return Optional.ofNullable((Integer) values.get(name));
    }

    /** CUSTOM's expressions by dialect. */
    @SuppressWarnings("unchecked")
    public Map<MaskingDialect, CustomExpression> customSql() {
        return (Map<MaskingDialect, CustomExpression>) require("sql");
    }

    private Object require(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException(kind + " has no parameter " + name);
        }
        return value;
    }

    /** The parameters as plain data (CUSTOM's SQL as text by dialect name). */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (value instanceof Map<?, ?> byDialect) {
                Map<String, Object> sql = new LinkedHashMap<>();
                byDialect.forEach((d, e) -> sql.put(((MaskingDialect) d).displayName(), ((CustomExpression) e).text()));
                out.put(name, sql);
            } else {
                out.put(name, value);
            }
        });
        return out;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StrategyParameters p && p.kind == kind && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + values.hashCode();
    }

    @Override
    public String toString() {
        return describe().toString();
    }
}
