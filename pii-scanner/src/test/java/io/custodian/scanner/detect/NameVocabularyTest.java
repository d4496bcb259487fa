package io.custodian.scanner.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.scanner.detect.NameVocabulary.NameMatch;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameVocabularyTest {
    private final NameVocabulary vocabulary = NameVocabulary.standard();

    @Test
    void tokenizesEveryNamingStyle() {
        assertThat(NameTokens.of("customerEMailAddress")).containsExactly("customer", "e", "mail", "address");
        assertThat(NameTokens.of("IPAddress")).containsExactly("ip", "address");
        assertThat(NameTokens.of("address_line1")).containsExactly("address", "line", "1");
        assertThat(NameTokens.of("Stra\u00dfe")).containsExactly("strasse");
        assertThat(NameTokens.of("Fecha de Nacimiento")).containsExactly("fecha", "de", "nacimiento");
    }

    @Test
    void matchesNamesInSevenLanguages() {
        assertThat(types("correo_electronico")).containsExactly("EMAIL_ADDRESS");
        assertThat(types("courriel")).containsExactly("EMAIL_ADDRESS");
        assertThat(types("Geburtsdatum")).containsExactly("DATE_OF_BIRTH");
        assertThat(types("fecha_nacimiento")).containsExactly("DATE_OF_BIRTH");
        assertThat(types("telefono")).containsExactly("PHONE_NUMBER");
        assertThat(types("telefoonnummer")).containsExactly("PHONE_NUMBER");
        assertThat(types("data_di_nascita")).containsExactly("DATE_OF_BIRTH");
        assertThat(types("kundenEmail")).containsExactly("EMAIL_ADDRESS");
        assertThat(types("emails")).containsExactly("EMAIL_ADDRESS");
    }

    @Test
    void longestPhraseWinsOverlaps() {
        assertThat(types("email_address")).containsExactly("EMAIL_ADDRESS");
        assertThat(types("ip_address")).containsExactly("IP_ADDRESS");
        assertThat(types("billing_address")).containsExactly("STREET_ADDRESS");
        assertThat(types("postal_code")).containsExactly("POSTAL_CODE");
    }

    @Test
    void tableContextDecidesBareNames() {
        List<String> name = NameTokens.of("name");
        assertThat(vocabulary.matchName(name, true)).extracting(NameMatch::type).containsExactly("PERSON_NAME");
        assertThat(vocabulary.matchName(name, false)).isEmpty();
        assertThat(vocabulary.isPersonTable(NameTokens.of("dim_customers"))).isTrue();
        assertThat(vocabulary.isPersonTable(NameTokens.of("products"))).isFalse();
    }

    @Test
    void negativeWordsAreFound() {
        assertThat(negative("email_verified")).contains("verified");
        assertThat(negative("phone_type")).contains("type");
        assertThat(negative("is_email_confirmed")).isNotEmpty();
        assertThat(negative("n_emails")).contains("n");
        assertThat(negative("postal_code")).isEmpty();
        assertThat(negative("customer_email")).isEmpty();
    }

    private List<String> types(String column) {
        return vocabulary.matchName(NameTokens.of(column), false).stream().map(NameMatch::type).toList();
    }

    private java.util.Optional<String> negative(String column) {
        List<String> tokens = NameTokens.of(column);
        NameMatch match = vocabulary.matchName(tokens, false).get(0);
        return vocabulary.negative(tokens, match);
    }
}
