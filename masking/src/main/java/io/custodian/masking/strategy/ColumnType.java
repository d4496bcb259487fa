package io.custodian.masking.strategy;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column's declared type as a gateway (or the catalog) spells it, e.g. {@code varchar(15)},
 * {@code numeric(10, 2)}, {@code timestamp with time zone} or {@code array(varchar)}: the text kept
 * to be written back into SQL casts, and what masking needs to know of it. The text is hostile
 * input written into SQL, so {@link #parse} accepts only a strict grammar: a letter first, then
 * letters, digits, underscores, spaces, commas and balanced {@code ()}, {@code []} and {@code <>},
 * at most {@value #MAX_LENGTH} characters. Quotes, semicolons, dashes, slashes and every other
 * character are refused, so a type can never end a cast or start another expression.
 *
 * @param sql the type as written into SQL: the declared text with runs of spaces collapsed
 * @param length a string type's length ({@code varchar(15)}), when declared
 * @param scale a decimal type's scale ({@code numeric(10, 2)} has 2), when declared
 * @param fixedLength whether strings are padded to the length ({@code char(n)})
 * @param zoned whether a timestamp carries a time zone
 */
public record ColumnType(String sql, Family family, OptionalInt length, OptionalInt scale, boolean fixedLength,
        boolean zoned) {
    /** The longest type text accepted. */
    public static final int MAX_LENGTH = 128;
    // Compiled once: a gateway's request parses a type per column.
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern FIRST_WORD_END = Pattern.compile("[ (\\[<]");
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z][A-Za-z0-9_ ,()\\[\\]<>]*");
    private static final Pattern ARGUMENTS = Pattern.compile("^[a-z_ ]*\\(\\s*(\\d{1,9})\\s*(?:,\\s*(\\d{1,9})\\s*)?\\)");

    /** What a type is, as far as masking strategies care. */
    public enum Family {
        STRING, INTEGER, DECIMAL, FLOAT, BOOLEAN, DATE, TIMESTAMP, BINARY, COMPLEX, OTHER
    }

    private static final Set<String> STRINGS = Set.of("varchar", "char", "character", "nvarchar", "nchar", "text",
            "string", "varchar2", "nvarchar2", "clob", "nclob", "citext", "bpchar", "tinytext", "mediumtext",
            "longtext", "ntext");
    private static final Set<String> FIXED_STRINGS = Set.of("char", "character", "nchar", "bpchar");
    private static final Set<String> INTEGERS = Set.of("int", "integer", "bigint", "smallint", "tinyint", "int2",
            "int4", "int8", "byte", "short", "long", "mediumint", "serial", "bigserial", "smallserial", "byteint");
    private static final Set<String> DECIMALS = Set.of("decimal", "numeric", "number", "dec");
    private static final Set<String> FLOATS = Set.of("real", "float", "float4", "float8", "double");
    private static final Set<String> BOOLEANS = Set.of("boolean", "bool");
    private static final Set<String> TIMESTAMPS = Set.of("timestamp", "datetime", "timestamp_ntz");
    private static final Set<String> ZONED_TIMESTAMPS = Set.of("timestamptz", "timestamp_ltz", "timestamp_tz");
    private static final Set<String> BINARIES = Set.of("bytea", "binary", "varbinary", "blob", "bytes", "longblob");
    private static final Set<String> COMPLEX = Set.of("array", "map", "struct", "row", "json", "jsonb", "variant",
            "object");

    public ColumnType {
        requireNonNull(sql, "sql is null");
        requireNonNull(family, "family is null");
        requireNonNull(length, "length is null");
        requireNonNull(scale, "scale is null");
    }

    /**
     * Parses a declared type.
     *
     * @throws IllegalArgumentException saying what is wrong, without repeating more of the text than
     *     its length (it may be anything)
     */
    public static ColumnType parse(String declared) {
        if (declared == null) {
            throw new IllegalArgumentException("the type is missing");
        }
        String text = SPACES.matcher(declared.strip()).replaceAll(" ");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("the type is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the type is " + text.length() + " characters long; at most "
                    + MAX_LENGTH);
        }
        if (!ALLOWED.matcher(text).matches()) {
            throw new IllegalArgumentException("the type may hold only letters, digits, underscores, spaces,"
                    + " commas and brackets, starting with a letter");
        }
        checkBalanced(text);
        String lower = text.toLowerCase(Locale.ROOT);
        String first = FIRST_WORD_END.split(lower, 2)[0];
        OptionalInt firstArgument = OptionalInt.empty();
        OptionalInt second = OptionalInt.empty();
        Matcher args = ARGUMENTS.matcher(lower);
        if (args.find()) {
            firstArgument = OptionalInt.of(Integer.parseInt(args.group(1)));
            if (args.group(2) != null) {
                second = OptionalInt.of(Integer.parseInt(args.group(2)));
            }
        }
        boolean complex = lower.endsWith("]") || COMPLEX.contains(first);
        if (complex) {
            return new ColumnType(text, Family.COMPLEX, OptionalInt.empty(), OptionalInt.empty(), false, false);
        }
        boolean varying = lower.contains("varying");
        if (STRINGS.contains(first)) {
            boolean fixed = FIXED_STRINGS.contains(first) && !varying;
            // char without a length is char(1) in SQL; we keep it as declared and treat it as fixed
            return new ColumnType(text, Family.STRING, firstArgument, OptionalInt.empty(), fixed && firstArgument.isPresent(),
                    false);
        }
        if (INTEGERS.contains(first)) {
            return simple(text, Family.INTEGER);
        }
        if (DECIMALS.contains(first)) {
            return new ColumnType(text, Family.DECIMAL, OptionalInt.empty(), second, false, false);
        }
        if (FLOATS.contains(first)) {
            return simple(text, Family.FLOAT);
        }
        if (BOOLEANS.contains(first)) {
            return simple(text, Family.BOOLEAN);
        }
        if (first.equals("date")) {
            return simple(text, Family.DATE);
        }
        if (TIMESTAMPS.contains(first) || ZONED_TIMESTAMPS.contains(first)) {
            boolean zoned = ZONED_TIMESTAMPS.contains(first)
                    || (lower.contains("with time zone") && !lower.contains("without time zone"))
                    || lower.contains("with local time zone");
            return new ColumnType(text, Family.TIMESTAMP, OptionalInt.empty(), OptionalInt.empty(), false, zoned);
        }
        if (BINARIES.contains(first)) {
            return simple(text, Family.BINARY);
        }
        return simple(text, Family.OTHER);
    }

    private static ColumnType simple(String text, Family family) {
        return new ColumnType(text, family, OptionalInt.empty(), OptionalInt.empty(), false, false);
    }

    private static void checkBalanced(String text) {
        StringBuilder open = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '(', '[', '<' -> open.append(c);
                case ')', ']', '>' -> {
                    char want = c == ')' ? '(' : c == ']' ? '[' : '<';
                    if (open.isEmpty() || open.charAt(open.length() - 1) != want) {
                        throw new IllegalArgumentException("the type's brackets do not match");
                    }
                    open.setLength(open.length() - 1);
                }
                default -> { }
            }
        }
        if (!open.isEmpty()) {
            throw new IllegalArgumentException("the type's brackets do not match");
        }
    }

    /** Whether values of this type are text. */
    public boolean isString() {
        return family == Family.STRING;
    }

    @Override
    public String toString() {
        return sql;
    }
}
