package io.custodian.catalog.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TextRulesTest {
    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void wellFormedUtf8PassesWhateverItsLength() {
        assertThat(TextRules.invalidUtf8("plain, café, 日本語, \uD83D\uDE00".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(TextRules.invalidUtf8(new byte[0])).isEmpty();
        assertThat(TextRules.invalidUtf8(bytes(0xF4, 0x8F, 0xBF, 0xBF))).isEmpty(); // U+10FFFF
    }

    @Test
    void everyMalformedFormIsFoundAtItsFirstByte() {
        assertThat(TextRules.invalidUtf8(bytes('a', 0xC0, 0xAF))).isEqualTo(OptionalInt.of(1)); // overlong "/"
        assertThat(TextRules.invalidUtf8(bytes(0xE0, 0x80, 0xAF))).isEqualTo(OptionalInt.of(0)); // overlong 3 bytes
        assertThat(TextRules.invalidUtf8(bytes(0xF0, 0x80, 0x80, 0xAF))).isEqualTo(OptionalInt.of(0)); // overlong 4
        assertThat(TextRules.invalidUtf8(bytes('x', 'y', 0xED, 0xA0, 0x80))).isEqualTo(OptionalInt.of(2)); // U+D800
        assertThat(TextRules.invalidUtf8(bytes(0xF4, 0x90, 0x80, 0x80))).isEqualTo(OptionalInt.of(0)); // > U+10FFFF
        assertThat(TextRules.invalidUtf8(bytes('a', 0x80))).isEqualTo(OptionalInt.of(1)); // lone continuation
        assertThat(TextRules.invalidUtf8(bytes('a', 0xE6, 0x97))).isEqualTo(OptionalInt.of(1)); // cut short
        assertThat(TextRules.invalidUtf8(bytes(0xC3, 'a'))).isEqualTo(OptionalInt.of(0)); // not a continuation
        assertThat(TextRules.invalidUtf8(bytes(0xFF))).isEqualTo(OptionalInt.of(0));
    }

    @Test
    void textMustBeStorableAndNamesMustBeNames() {
        assertThat(TextRules.unstorable("line one\nline two\ttab")).isEmpty();
        assertThat(TextRules.unstorable("a\u0000b")).hasValueSatisfying(p -> assertThat(p).contains("NUL"));
        assertThat(TextRules.unstorable("a\uD800b")).hasValueSatisfying(p -> assertThat(p).contains("unpaired"));
        assertThat(TextRules.unstorable("\uDC00")).hasValueSatisfying(p -> assertThat(p).contains("unpaired"));
        assertThat(TextRules.unstorable("\uD83D\uDE00")).isEmpty();
        assertThat(TextRules.badName("shop.public.customers")).isEmpty();
        assertThat(TextRules.badName("a\tb")).hasValueSatisfying(p -> assertThat(p).contains("U+0009"));
        assertThat(TextRules.badName("bell\u0007")).hasValueSatisfying(p -> assertThat(p).contains("control"));
        assertThat(TextRules.badName("c1\u0085")).hasValueSatisfying(p -> assertThat(p).contains("control"));
        assertThat(TextRules.badName(" \u2003 ")).hasValueSatisfying(p -> assertThat(p).contains("white space"));
        assertThat(TextRules.badName("x\u0000")).hasValueSatisfying(p -> assertThat(p).contains("NUL"));
    }

    @Test
    void namesAreCappedInUtf8BytesAsPostgresIndexesThem() {
        String ascii = "a".repeat(TextRules.MAX_NAME_BYTES);
        String accents = "\u00e9".repeat(TextRules.MAX_NAME_BYTES / 2);
        String emoji = "\ud83d\ude00".repeat(TextRules.MAX_NAME_BYTES / 4 + 1);

        assertThat(TextRules.badName(ascii)).isEmpty();
        assertThat(TextRules.badName(accents)).isEmpty();
        assertThat(TextRules.badName(accents + "x")).hasValue("is 2049 bytes in UTF-8, more than the 2048 a name may have");
        assertThat(TextRules.badName(emoji)).hasValue("is 2052 bytes in UTF-8, more than the 2048 a name may have");
        for (String text : java.util.List.of(ascii, accents, emoji, "a\u00e9\u4e2d\ud83d\ude00", "")) {
            assertThat(TextRules.utf8Length(text)).as(text).isEqualTo(
                    text.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
