package io.custodian.masking.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodian.masking.strategy.ColumnType.Family;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Declared types: what they are, and the hostile ones refused. */
class ColumnTypeTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "varchar(15)|STRING", "character varying(40)|STRING", "text|STRING", "STRING|STRING", "nvarchar(10)|STRING",
            "integer|INTEGER", "BIGINT|INTEGER", "int8|INTEGER", "numeric(10, 2)|DECIMAL", "NUMBER(38,0)|DECIMAL",
            "double precision|FLOAT", "real|FLOAT", "boolean|BOOLEAN", "date|DATE", "timestamp(3)|TIMESTAMP",
            "timestamp with time zone|TIMESTAMP", "TIMESTAMP_NTZ|TIMESTAMP", "bytea|BINARY", "varbinary|BINARY",
            "array(varchar)|COMPLEX", "array<string>|COMPLEX", "row(a integer, b varchar)|COMPLEX", "integer[]|COMPLEX",
            "map<string, int>|COMPLEX", "uuid|OTHER", "interval day to second|OTHER", "jsonb|COMPLEX"})
    void familiesOfCommonTypes(String declared, Family family) {
        assertThat(ColumnType.parse(declared).family()).isEqualTo(family);
    }

    @Test
    void lengthsScalesPaddingAndZonesAreRead() {
        assertThat(ColumnType.parse("varchar(15)").length()).hasValue(15);
        assertThat(ColumnType.parse("character varying ( 40 )").length()).hasValue(40);
        assertThat(ColumnType.parse("text").length()).isEmpty();
        assertThat(ColumnType.parse("char(5)").fixedLength()).isTrue();
        assertThat(ColumnType.parse("character varying(5)").fixedLength()).isFalse();
        assertThat(ColumnType.parse("numeric(10,2)").scale()).hasValue(2);
        assertThat(ColumnType.parse("timestamp with time zone").zoned()).isTrue();
        assertThat(ColumnType.parse("timestamp without time zone").zoned()).isFalse();
        assertThat(ColumnType.parse("timestamptz").zoned()).isTrue();
    }

    @Test
    void spacesAreCollapsedInTheSqlText() {
        assertThat(ColumnType.parse("  double \t precision ").sql()).isEqualTo("double precision");
    }

    @ParameterizedTest
    @ValueSource(strings = {"varchar(15)) || (SELECT 1", "int; DROP TABLE x", "text -- comment", "text /* x */",
            "varchar('a')", "\"quoted\"", "int)", "array(varchar", "row(a int>", "1int", "", "   ",
            "varchar(15)\u0000", "text\u00a0", "тип", "int$", "int.x"})
    void hostileOrMalformedTypesAreRefused(String declared) {
        assertThatThrownBy(() -> ColumnType.parse(declared)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOversizedTypeIsRefusedWithoutEchoingIt() {
        String huge = "varchar" + " ".repeat(10) + "x".repeat(200);
        assertThatThrownBy(() -> ColumnType.parse(huge))
                .hasMessage("the type is 208 characters long; at most 128");
        assertThatThrownBy(() -> ColumnType.parse(null)).hasMessage("the type is missing");
    }
}
