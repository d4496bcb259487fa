package io.custodian.masking.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodian.masking.MaskingDialect;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parameters are typed and checked; CUSTOM expressions are one scalar expression reading only {col}. */
class StrategyParametersTest {
    @Test
    void anUnknownParameterIsNamed() {
        assertThatThrownBy(() -> StrategyParameters.of(StrategyKind.PARTIAL, Map.of("keep_lats", 4)))
                .hasMessage("unknown parameter 'keep_lats' for PARTIAL; it takes [keep_first, keep_last, mask]");
        assertThatThrownBy(() -> StrategyParameters.of(StrategyKind.NULLIFY, Map.of("value", "x")))
                .hasMessage("unknown parameter 'value' for NULLIFY, which takes none");
    }

    @Test
    void typesAndBoundsAreChecked() {
        assertThatThrownBy(() -> StrategyParameters.of(StrategyKind.PARTIAL, Map.of("keep_last", "4")))
                .hasMessage("parameter keep_last must be a whole number");
        assertThatThrownBy(() -> StrategyParameters.of(StrategyKind.PARTIAL, Map.of("keep_last", 65)))
                .hasMessage("parameter keep_last is 65, outside [0, 64]");
        assertThatThrownBy(() -> StrategyParameters.of(StrategyKind.PARTIAL, Map.of("keep_last", 1, "keep_first", 1)))
                .hasMessageContaining("exclude each other");
        assertThatThrownBy(() -> StrategyParameters.of(StrategyKind.PARTIAL, Map.of("mask", "$1")))
                .hasMessageContaining("parameter mask must be one of");
        assertThatThrownBy(() -> StrategyParameters.of(StrategyKind.GENERALIZE, Map.of("granularity", "day")))
                .hasMessage("parameter granularity is 'day'; expected year or month");
        assertThatThrownBy(() -> StrategyParameters.of(StrategyKind.HASH, Map.of("purpose", "Bad Purpose")))
                .hasMessageStartingWith("parameter purpose must be");
        assertThatThrownBy(() -> StrategyParameters.of(StrategyKind.REDACT, Map.of("value", "x".repeat(257))))
                .hasMessage("parameter value is longer than 256 characters");
    }

    @Test
    void defaultsAreFilledIn() {
        assertThat(StrategyParameters.defaults(StrategyKind.PARTIAL).describe())
                .containsEntry("keep_last", 4).containsEntry("mask", "*");
        assertThat(StrategyParameters.defaults(StrategyKind.REDACT).text("value")).isEqualTo("***");
    }

    @Test
    void aCustomExpressionIsKeptAsWrittenAndReadsTheQuotedColumn() {
        CustomExpression e = CustomExpression.parse(MaskingDialect.TRINO, "substr({col}, 1, 2) || '…'");
        assertThat(e.sql("\"a\"\"b\"")).isEqualTo("substr(\"a\"\"b\", 1, 2) || '…'");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "(SELECT max(x) FROM t)", "{col}; DROP TABLE t", "{col} -- x", "{col} /* x */", "{col} + other_column",
            "'{col}'", "\"{col}\"", "upper(", "1 + 1", "{col} FROM t", "EXISTS (SELECT 1)", "{col} IN (SELECT 1)",
            "custodian_masked_column_ || {col}", ""})
    void unsafeOrMalformedCustomExpressionsAreRefused(String text) {
        assertThatThrownBy(() -> CustomExpression.parse(MaskingDialect.POSTGRESQL, text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("parameter sql.postgresql ");
    }

    @Test
    void backslashesAreRefusedWhereTheDialectEscapesWithThem() {
        assertThatThrownBy(() -> CustomExpression.parse(MaskingDialect.SPARK, "concat({col}, '\\' , {col}, '\\')"))
                .hasMessageContaining("backslash");
        assertThat(CustomExpression.parse(MaskingDialect.POSTGRESQL, "{col} || '\\'").text()).contains("\\");
    }

    @Test
    void customSqlMustNameKnownDialects() {
        assertThatThrownBy(() -> StrategyParameters.of(StrategyKind.CUSTOM, Map.of("sql", Map.of("oracle", "{col}"))))
                .hasMessageStartingWith("parameter sql names unknown dialect 'oracle'");
        assertThatThrownBy(() -> StrategyParameters.of(StrategyKind.CUSTOM, Map.of()))
                .hasMessageStartingWith("parameter sql must map dialect names");
    }
}
