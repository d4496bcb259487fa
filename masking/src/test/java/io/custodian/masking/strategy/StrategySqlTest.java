package io.custodian.masking.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.catalog.testing.TestDatabase;
import io.custodian.masking.MaskingDialect;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every strategy's SQL form run on H2 and (when configured) PostgreSQL over sample values, compared
 * with its Java form on the same values, and the result's column type compared with the column's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrategySqlTest {
    static final List<String> TEXTS = List.of("", "a", "ab", "abcd", "abcde", "O'Brien", "jane.doe@example.com",
            "+1 (555) 123-4567", "Zoë Ünïcødé", "中文电话号码", "😀 emoji 😀x", "no-at-sign", "a@b@c.example",
            "tab\tand\nnewline", "back\\slash", "@", "x@", "'; DROP TABLE t; --", "SW1A 1AA", "  spaces  ");
    static final String MIXED = "Mixed \"Case\" col";

    private final List<SampleDatabase> databases = new ArrayList<>();
    private final MaskingStrategies strategies = new MaskingStrategies(new FixedKeys(),
            Map.of(MaskingDialect.H2, "custodian_tokenize", MaskingDialect.POSTGRESQL, "custodian_tokenize"));

    @BeforeAll
    void createSamples() throws SQLException {
        databases.add(SampleDatabase.h2());
        databases.add(SampleDatabase.h2InPostgreSqlMode());
        if (TestDatabase.kinds().contains("postgresql")) {
            databases.add(SampleDatabase.postgresql());
        }
        for (SampleDatabase database : databases) {
            boolean pg = database.name().equals("postgresql");
            try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE texts (\"id\" INTEGER PRIMARY KEY, \"v\" VARCHAR, \"v15\" VARCHAR(15), \""
                        + MIXED.replace("\"", "\"\"") + "\" VARCHAR(40))");
                s.execute("CREATE TABLE typed (\"id\" INTEGER PRIMARY KEY, \"i\" INTEGER, \"b\" BIGINT,"
                        + " \"d\" NUMERIC(10, 2), \"f\" DOUBLE PRECISION, \"flag\" BOOLEAN, \"born\" DATE,"
                        + " \"ts\" TIMESTAMP, \"bin\" "
                        + (pg ? "BYTEA" : "VARBINARY") + ")");
                if (pg) {
                    s.execute("CREATE FUNCTION custodian_tokenize(p text, v text) RETURNS text LANGUAGE sql"
                            + " IMMUTABLE AS $$ SELECT 'tok_' || p || '_' || reverse(v) $$");
                } else {
                    s.execute("CREATE ALIAS custodian_tokenize FOR \"" + FixedKeys.class.getName() + ".token\"");
                }
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO texts VALUES (?, ?, ?, ?)")) {
                    insert.setInt(1, 0);
                    insert.setString(2, null);
                    insert.setString(3, null);
                    insert.setString(4, null);
                    insert.execute();
                    for (int i = 0; i < TEXTS.size(); i++) {
                        String text = TEXTS.get(i);
                        insert.setInt(1, i + 1);
                        insert.setString(2, text);
                        insert.setString(3, text.length() <= 15 ? text : null);
                        insert.setString(4, text);
                        insert.execute();
                    }
                }
                s.execute("INSERT INTO typed VALUES (0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
                s.execute("INSERT INTO typed VALUES (1, 37, 9000000000, 123.45, 2.5, TRUE, DATE '1987-06-15',"
                        + " TIMESTAMP '2024-03-17 12:34:56', " + (pg ? "'\\x0102'::bytea" : "X'0102'") + ")");
                s.execute("INSERT INTO typed VALUES (2, -1, -15, -0.01, -7.25, FALSE, DATE '2000-01-01',"
                        + " TIMESTAMP '1999-12-31 23:59:59', " + (pg ? "'\\x'::bytea" : "X''") + ")");
                s.execute("INSERT INTO typed VALUES (3, 0, 10, 99999999.99, 0, TRUE, DATE '1970-12-31',"
                        + " TIMESTAMP '1970-01-01 00:00:00', NULL)");
            }
        }
    }

    @AfterAll
    void dropSamples() {
        databases.forEach(SampleDatabase::close);
    }

    /** A column of the samples: its table, name, and declared type per database. */
    record Column(String table, String name, String h2Type, String pgType) {
        String type(String kind) {
            return kind.equals("postgresql") ? pgType : h2Type;
        }
    }

    static final List<Column> COLUMNS = List.of(
            new Column("texts", "v", "VARCHAR", "varchar"),
            new Column("texts", "v15", "VARCHAR(15)", "varchar(15)"),
            new Column("texts", MIXED, "VARCHAR(40)", "character varying(40)"),
            new Column("typed", "i", "INTEGER", "integer"),
            new Column("typed", "b", "BIGINT", "bigint"),
            new Column("typed", "d", "NUMERIC(10, 2)", "numeric(10,2)"),
            new Column("typed", "f", "DOUBLE PRECISION", "double precision"),
            new Column("typed", "flag", "BOOLEAN", "boolean"),
            new Column("typed", "born", "DATE", "date"),
            new Column("typed", "ts", "TIMESTAMP", "timestamp"),
            new Column("typed", "bin", "VARBINARY", "bytea"));

    static List<MaskingSpec> specs() {
        return List.of(
                MaskingSpec.NONE,
                MaskingSpec.NULLIFY,
                MaskingSpec.of(StrategyKind.REDACT),
                MaskingSpec.of(StrategyKind.REDACT, Map.of("value", "it's «hidden» \\ for good")),
                MaskingSpec.of(StrategyKind.DEFAULT_VALUE),
                MaskingSpec.of(StrategyKind.PARTIAL),
                MaskingSpec.of(StrategyKind.PARTIAL, Map.of("keep_last", 0)),
                MaskingSpec.of(StrategyKind.PARTIAL, Map.of("keep_first", 2, "mask", "#")),
                MaskingSpec.of(StrategyKind.PARTIAL, Map.of("keep_first", 0)),
                MaskingSpec.of(StrategyKind.EMAIL_MASK),
                MaskingSpec.of(StrategyKind.EMAIL_MASK, Map.of("mask", "x")),
                MaskingSpec.of(StrategyKind.HASH),
                MaskingSpec.of(StrategyKind.HASH, Map.of("purpose", "analytics")),
                MaskingSpec.of(StrategyKind.TOKENIZE, Map.of("purpose", "support")),
                MaskingSpec.of(StrategyKind.GENERALIZE),
                MaskingSpec.of(StrategyKind.GENERALIZE, Map.of("granularity", "month", "width", 7, "keep", 2)),
                MaskingSpec.of(StrategyKind.CUSTOM, Map.of("sql", Map.of(
                        "h2", "CASE WHEN {col} IS NULL THEN NULL ELSE {col} END",
                        "postgresql", "CASE WHEN {col} IS NULL THEN NULL ELSE {col} END"))));
    }

    Iterable<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (SampleDatabase database : databases) {
            for (MaskingSpec spec : specs()) {
                out.add(Arguments.of(database.name(), spec));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void sqlAndJavaFormsAgreeOnEverySampleAndKeepTheType(String kind, MaskingSpec spec) throws SQLException {
        SampleDatabase database = databases.stream().filter(d -> d.name().equals(kind)).findFirst().orElseThrow();
        MaskingDialect dialect = database.name().equals("postgresql") ? MaskingDialect.POSTGRESQL : MaskingDialect.H2;
        MaskingStrategy strategy = strategies.of(spec);
        int compared = 0;
        for (Column column : COLUMNS) {
            ColumnType type = ColumnType.parse(column.type(database.name()));
            if (strategy.unsupported(type, dialect).isPresent()) {
                assertThat(spec.kind()).as("%s on %s", spec, type)
                        .isNotIn(StrategyKind.NONE, StrategyKind.NULLIFY, StrategyKind.CUSTOM);
                continue;
            }
            String quoted = dialect.sql().quote(column.name());
            String sql = "SELECT " + quoted + ", " + strategy.sql(quoted, type, dialect) + " FROM " + column.table()
                    + " ORDER BY \"id\"";
            try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(sql)) {
                ResultSetMetaData meta = rs.getMetaData();
                assertThat(meta.getColumnTypeName(2)).as("type of %s", sql).isEqualTo(meta.getColumnTypeName(1));
                if (type.length().isPresent() || type.scale().isPresent()) {
                    assertThat(meta.getPrecision(2)).as("precision of %s", sql).isEqualTo(meta.getPrecision(1));
                    assertThat(meta.getScale(2)).as("scale of %s", sql).isEqualTo(meta.getScale(1));
                }
                while (rs.next()) {
                    Object value = rs.getObject(1);
                    Object masked = rs.getObject(2);
                    Object expected = strategy.javaUnsupported(type).isPresent()
                            ? customExpectation(value) : strategy.apply(value, type);
                    if (dialect == MaskingDialect.H2 && expected instanceof String text && type.length().isPresent()
                            && text.length() > type.length().getAsInt()) {
                        // H2 counts a type's length in UTF-16 units: characters beyond the BMP take two
                        expected = text.substring(0, type.length().getAsInt());
                    }
                    assertThat(normal(masked)).as("%s of %s in %s", spec, printable(value), column.name())
                            .isEqualTo(normal(expected));
                    compared++;
                }
            }
        }
        assertThat(compared).as("values compared").isPositive();
    }

    /** The CUSTOM expression of the cases reads the value as it is. */
    private static Object customExpectation(Object value) {
        return value;
    }

    static Object normal(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n && !(value instanceof BigDecimal)) {
            return value instanceof Double || value instanceof Float
                    ? BigDecimal.valueOf(n.doubleValue()).stripTrailingZeros().toPlainString()
                    : BigDecimal.valueOf(n.longValue()).toPlainString();
        }
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (value instanceof byte[] bytes) {
            return "0x" + HexFormat.of().formatHex(bytes);
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime().toString();
        }
        if (value instanceof LocalDate || value instanceof LocalDateTime) {
            return value.toString();
        }
        return Objects.toString(value);
    }

    private static String printable(Object value) {
        return value == null ? "NULL" : "'" + value.toString().replace("\n", "\\n").replace("\t", "\\t") + "'";
    }
}
