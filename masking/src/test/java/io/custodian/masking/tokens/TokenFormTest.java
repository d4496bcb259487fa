package io.custodian.masking.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenFormTest {
    @Test
    void tokensAreThePrefixAndUnpaddedBase64UrlForEveryLength() {
        Random random = new Random(1);
        for (int length = 0; length <= 100; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

            assertThat(TokenForm.TOKEN.format(bytes)).isEqualTo("tk1_" + expected);
            assertThat(TokenForm.CIPHERTEXT.format(bytes)).isEqualTo("ec1_" + expected);
            assertThat(TokenForm.TOKEN.parse(TokenForm.TOKEN.format(bytes), 1000)).isEqualTo(bytes);
            assertThat(TokenForm.TOKEN.format(bytes).length()).isLessThanOrEqualTo(TokenForm.TOKEN.maxChars(length));
        }
    }

    @Test
    void pseudonymsAreThePrefixAndLowerCaseHex() {
        byte[] bytes = new byte[32];
        new Random(2).nextBytes(bytes);
        assertThat(TokenForm.PSEUDONYM.format(bytes)).matches("ps1_[0-9a-f]{64}");
        assertThat(TokenForm.PSEUDONYM.parse(TokenForm.PSEUDONYM.format(bytes), 68)).isEqualTo(bytes);
    }

    @Test
    void textOfAnotherFormOrOutsideTheAlphabetDoesNotParse() {
        assertThat(TokenForm.TOKEN.parse("ec1_AAAA", 100)).isNull();
        assertThat(TokenForm.TOKEN.parse("tk1_AA+/", 100)).isNull();
        assertThat(TokenForm.TOKEN.parse("tk1_AAA=", 100)).isNull();
        assertThat(TokenForm.TOKEN.parse("tk1_A", 100)).isNull();
        assertThat(TokenForm.TOKEN.parse("tk1_AAAA", 7)).isNull();
        assertThat(TokenForm.PSEUDONYM.parse("ps1_0g", 100)).isNull();
        assertThat(TokenForm.TOKEN.parse("tk1_", 100)).isEmpty();
    }
}
