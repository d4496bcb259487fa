package io.custodian.masking.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** PARTIAL never keeps half a value or more, whatever the length of the row's value. */
class PartialStrategyTest {
    private static final ColumnType TEXT = ColumnType.parse("varchar(40)");

    private static Object partial(Map<String, ?> parameters, String value) {
        return new MaskingStrategies(new FixedKeys(), Map.of())
                .of(MaskingSpec.of(StrategyKind.PARTIAL, parameters)).apply(value, TEXT);
    }

    @Test
    void keepsTheLastCharactersOfAValueLongerThanTwiceWhatItKeeps() {
        assertThat(partial(Map.of("keep_last", 4), "+1-202-555-0143")).isEqualTo("+*-***-***-0143");
        assertThat(partial(Map.of("keep_last", 4), "123456789")).isEqualTo("*****6789");
        assertThat(partial(Map.of("keep_first", 2, "mask", "#"), "AB12345")).isEqualTo("AB#####");
    }

    @Test
    void masksAValueOfTwiceWhatItKeepsOrFewerWhole() {
        assertThat(partial(Map.of("keep_last", 4), "12345678")).isEqualTo("********");
        assertThat(partial(Map.of("keep_last", 4), "555-0147")).isEqualTo("***-****");
        assertThat(partial(Map.of("keep_last", 4), "12345")).isEqualTo("*****");
        assertThat(partial(Map.of("keep_first", 2), "AB12")).isEqualTo("****");
        assertThat(partial(Map.of("keep_last", 4), "")).isEqualTo("");
    }
}
