package io.custodian.masking.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.masking.MaskingDialect;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SQL text for the engines this build cannot run (Trino, Spark, Snowflake), on representative
 * cases; H2 and PostgreSQL run theirs in {@link StrategySqlTest}.
 */
class DialectSqlTest {
    private final MaskingStrategies strategies = new MaskingStrategies(new FixedKeys(),
            Map.of(MaskingDialect.TRINO, "custodian.tokenize"));
    private static final ColumnType VARCHAR15 = ColumnType.parse("varchar(15)");

    private String sql(MaskingSpec spec, String column, String type, MaskingDialect dialect) {
        return strategies.of(spec).sql(dialect.sql().quote(column), ColumnType.parse(type), dialect);
    }

    @Test
    void columnNamesAreQuotedPerDialectAndTypesKeptAsDeclared() {
        assertThat(sql(MaskingSpec.NULLIFY, "Phone No", "varchar(15)", MaskingDialect.TRINO))
                .isEqualTo("CAST(NULL AS varchar(15))");
        assertThat(sql(MaskingSpec.of(StrategyKind.REDACT), "x", "STRING", MaskingDialect.SPARK))
                .isEqualTo("CAST('***' AS STRING)");
        assertThat(sql(MaskingSpec.NONE, "we`ird", "STRING", MaskingDialect.SPARK)).isEqualTo("`we``ird`");
        assertThat(sql(MaskingSpec.NONE, "Mixed \"q\"", "VARCHAR", MaskingDialect.SNOWFLAKE))
                .isEqualTo("\"Mixed \"\"q\"\"\"");
    }

    @Test
    void sparkCastsCharAndVarcharColumnsToString() {
        assertThat(sql(MaskingSpec.of(StrategyKind.REDACT), "x", "VARCHAR(2)", MaskingDialect.SPARK))
                .isEqualTo("CAST('**' AS STRING)");
        assertThat(sql(MaskingSpec.NULLIFY, "x", "CHAR(3)", MaskingDialect.SPARK)).isEqualTo("CAST(NULL AS STRING)");
        assertThat(sql(MaskingSpec.of(StrategyKind.HASH), "x", "varchar(8)", MaskingDialect.SPARK))
                .startsWith("CAST(SUBSTR(sha2(").endsWith(", 1, 8) AS STRING)");
    }

    @Test
    void sparkLiteralsEscapeBackslashesAndQuotes() {
        MaskingSpec redact = MaskingSpec.of(StrategyKind.REDACT, Map.of("value", "it's a \\ mess"));
        assertThat(sql(redact, "x", "STRING", MaskingDialect.SPARK)).isEqualTo("CAST('it''s a \\\\ mess' AS STRING)");
        assertThat(sql(redact, "x", "varchar", MaskingDialect.TRINO)).isEqualTo("CAST('it''s a \\ mess' AS varchar)");
    }

    @Test
    void partialUsesCharacterLengthsAndTheSeparatorClass() {
        assertThat(sql(MaskingSpec.of(StrategyKind.PARTIAL), "phone", "varchar(15)", MaskingDialect.TRINO))
                .isEqualTo("CAST(CASE WHEN length(\"phone\") > 8 THEN regexp_replace(SUBSTR(\"phone\", 1,"
                        + " length(\"phone\") - 4), '[^ .()+/@_,:#-]', '*') || SUBSTR(\"phone\", length(\"phone\") - 4"
                        + " + 1) ELSE regexp_replace(\"phone\", '[^ .()+/@_,:#-]', '*') END AS varchar(15))");
        assertThat(sql(MaskingSpec.of(StrategyKind.PARTIAL, Map.of("keep_first", 2)), "p", "VARCHAR",
                MaskingDialect.SNOWFLAKE))
                .isEqualTo("CAST(CASE WHEN LENGTH(\"p\") > 4 THEN SUBSTR(\"p\", 1, 2) || REGEXP_REPLACE(SUBSTR(\"p\", 3),"
                        + " '[^ .()+/@_,:#-]', '*') ELSE REGEXP_REPLACE(\"p\", '[^ .()+/@_,:#-]', '*') END AS VARCHAR)");
        assertThat(sql(MaskingSpec.of(StrategyKind.PARTIAL), "p", "STRING", MaskingDialect.SPARK))
                .startsWith("CAST(CASE WHEN char_length(`p`) > 8 THEN regexp_replace(SUBSTR(`p`, 1, char_length(`p`) - 4)");
    }

    @Test
    void emailMaskSplitsAtTheLastAt() {
        assertThat(sql(MaskingSpec.of(StrategyKind.EMAIL_MASK), "e", "varchar", MaskingDialect.TRINO))
                .isEqualTo("CAST(CASE WHEN \"e\" IS NULL THEN NULL WHEN strpos(\"e\", '@') > 0 THEN '***@' ||"
                        + " element_at(split(\"e\", '@'), -1) ELSE '***' END AS varchar)");
        assertThat(sql(MaskingSpec.of(StrategyKind.EMAIL_MASK), "e", "VARCHAR(20)", MaskingDialect.SNOWFLAKE))
                .isEqualTo("CAST(SUBSTR(CASE WHEN \"e\" IS NULL THEN NULL WHEN POSITION('@', \"e\") > 0 THEN '***@' ||"
                        + " SPLIT_PART(\"e\", '@', -1) ELSE '***' END, 1, 20) AS VARCHAR(20))");
        assertThat(sql(MaskingSpec.of(StrategyKind.EMAIL_MASK), "e", "STRING", MaskingDialect.SPARK))
                .contains("instr(`e`, '@') > 0 THEN regexp_replace(`e`, '(?s)^.*@', '***@')");
    }

    @Test
    void hashCarriesTheSaltAsHexAndCutsToTheLength() {
        String salt = java.util.HexFormat.of().formatHex(new FixedKeys().hashSalt("masking"));
        assertThat(sql(MaskingSpec.of(StrategyKind.HASH), "e", "varchar(15)", MaskingDialect.TRINO))
                .isEqualTo("CAST(SUBSTR(lower(to_hex(sha256(to_utf8('" + salt + "' || \"e\")))), 1, 15) AS varchar(15))");
        assertThat(sql(MaskingSpec.of(StrategyKind.HASH), "e", "STRING", MaskingDialect.SPARK))
                .isEqualTo("CAST(sha2(concat('" + salt + "', `e`), 256) AS STRING)");
        assertThat(sql(MaskingSpec.of(StrategyKind.HASH), "e", "VARCHAR", MaskingDialect.SNOWFLAKE))
                .isEqualTo("CAST(SHA2('" + salt + "' || \"e\", 256) AS VARCHAR)");
    }

    @Test
    void tokenizeCallsTheNamedUdfOrIsUnsupported() {
        MaskingSpec tokenize = MaskingSpec.of(StrategyKind.TOKENIZE, Map.of("purpose", "support"));
        assertThat(sql(tokenize, "e", "varchar", MaskingDialect.TRINO))
                .isEqualTo("CAST(custodian.tokenize('support', \"e\") AS varchar)");
        assertThat(strategies.of(tokenize).unsupported(ColumnType.parse("STRING"), MaskingDialect.SPARK))
                .hasValue("TOKENIZE needs a UDF in spark and the policy names none (masking.udfs.spark.TOKENIZE)");
    }

    @Test
    void generalizeTruncatesDatesAndFloorsNumbers() {
        MaskingSpec generalize = MaskingSpec.of(StrategyKind.GENERALIZE);
        assertThat(sql(generalize, "d", "date", MaskingDialect.TRINO)).isEqualTo("CAST(date_trunc('year', \"d\") AS date)");
        assertThat(sql(generalize, "d", "DATE", MaskingDialect.SPARK)).isEqualTo("CAST(trunc(`d`, 'year') AS DATE)");
        assertThat(sql(generalize, "d", "TIMESTAMP", MaskingDialect.SPARK))
                .isEqualTo("CAST(date_trunc('year', `d`) AS TIMESTAMP)");
        assertThat(sql(generalize, "d", "TIMESTAMP_NTZ", MaskingDialect.SNOWFLAKE))
                .isEqualTo("CAST(DATE_TRUNC('YEAR', \"d\") AS TIMESTAMP_NTZ)");
        assertThat(sql(generalize, "age", "INT", MaskingDialect.SPARK)).isEqualTo("CAST((`age` - pmod(`age`, 10)) AS INT)");
        assertThat(sql(generalize, "age", "NUMBER(38,0)", MaskingDialect.SNOWFLAKE))
                .isEqualTo("CAST((\"age\" - MOD(\"age\", 10) - CASE WHEN MOD(\"age\", 10) < 0 THEN 10 ELSE 0 END)"
                        + " AS NUMBER(38,0))");
        assertThat(sql(generalize, "zip", "varchar(10)", MaskingDialect.TRINO))
                .isEqualTo("CAST(SUBSTR(\"zip\", 1, 3) AS varchar(10))");
    }

    @Test
    void defaultValuesAndComplexTypes() {
        MaskingSpec neutral = MaskingSpec.of(StrategyKind.DEFAULT_VALUE);
        assertThat(sql(neutral, "b", "BINARY", MaskingDialect.SPARK)).isEqualTo("CAST(X'' AS BINARY)");
        assertThat(sql(neutral, "t", "timestamp(3)", MaskingDialect.TRINO))
                .isEqualTo("CAST(TIMESTAMP '1970-01-01 00:00:00' AS timestamp(3))");
        assertThat(strategies.of(neutral).unsupported(ColumnType.parse("array(varchar)"), MaskingDialect.TRINO))
                .hasValueSatisfying(why -> assertThat(why).contains("COMPLEX"));
        assertThat(sql(MaskingSpec.NULLIFY, "a", "array(row(x integer, y varchar))", MaskingDialect.TRINO))
                .isEqualTo("CAST(NULL AS array(row(x integer, y varchar)))");
    }

    @Test
    void hashDoesNotApplyToDates() {
        assertThat(strategies.of(MaskingSpec.of(StrategyKind.HASH)).unsupported(ColumnType.parse("date"),
                MaskingDialect.TRINO)).hasValue("HASH masks text columns, not DATE (date)");
        assertThat(VARCHAR15.isString()).isTrue();
    }
}
