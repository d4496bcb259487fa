package io.custodian.scanner.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.scanner.policy.ScannerPolicies;
import io.custodian.scanner.ColumnClassification;
import io.custodian.scanner.ColumnSample;
import io.custodian.scanner.testing.PiiValues;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class PiiColumnClassifierTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final PiiColumnClassifier classifier = new PiiColumnClassifier(ScannerPolicies.defaults(), CLOCK);
    private final Random random = new Random(7);

    @Test
    void valuesAloneFlagAnOpaqueColumnOfEmails() {
        List<ColumnClassification> found = classify("t1", "c2", null,
                values(100, i -> "user" + i + "@example" + (i % 7) + ".com"));
        assertThat(found).extracting(ColumnClassification::type).containsExactly("EMAIL_ADDRESS");
        ColumnClassification email = found.get(0);
        assertThat(email.confidence()).isGreaterThanOrEqualTo(0.9);
        assertThat(email.matchedValues()).isEqualTo(100);
        assertThat(email.explanation()).contains("100 of 100").doesNotContain("@");
    }

    @Test
    void ibansAreOnlyIbansNotTheCardsAndPhonesTheirDigitRunsLookLike() {
        // Published example IBANs, printed in groups of four as people write them.
        List<String> ibans = List.of("GB82 WEST 1234 5698 7654 32", "DE89 3704 0044 0532 0130 00",
                "FR14 2004 1010 0505 0001 3M02 606", "NL91 ABNA 0417 1643 00", "ES91 2100 0418 4502 0005 1332",
                "IT60 X054 2811 1010 0000 0123 456", "BE68 5390 0754 7034", "CH93 0076 2011 6238 5295 7",
                "AT61 1904 3002 3457 3201", "DK50 0040 0440 1162 43", "FI21 1234 5600 0007 85",
                "NO93 8601 1117 947", "PL61 1090 1014 0000 0712 1981 2874", "SE45 5000 0000 0583 9825 7466",
                "IE29 AIBK 9311 5212 3456 78", "PT50 0002 0123 1234 5678 9015 4");
        for (String name : List.of("c3", "iban", "account")) {
            assertThat(classify("payments", name, "varchar", values(80, i -> ibans.get(i % ibans.size()))))
                    .as(name).extracting(ColumnClassification::type).containsExactly("IBAN");
        }
        // a card number still counts where the values validate as cards on their own
        assertThat(classify("payments", "c4", null, values(60, i -> luhn("4" + String.format("%014d", 7_000_000L * i + 13)))))
                .extracting(ColumnClassification::type).contains("CREDIT_CARD");
    }

    @Test
    void nameAndValuesTogetherAreMostConfident() {
        ColumnClassification email = classify("customers", "correo_electronico", "varchar",
                values(50, i -> "persona" + i + "@correo.es")).get(0);
        assertThat(email.type()).isEqualTo("EMAIL_ADDRESS");
        assertThat(email.confidence()).isGreaterThan(0.95);
        assertThat(email.explanation()).contains("correo_electronico");
    }

    @Test
    void nameAloneFlagsAColumnWithNoValues() {
        List<ColumnClassification> found = classify("patients", "geburtsdatum", "date", List.of());
        assertThat(found).extracting(ColumnClassification::type).containsExactly("DATE_OF_BIRTH");
        assertThat(found.get(0).explanation()).contains("no values sampled");
    }

    @Test
    void nameAloneDoesNotFlagABooleanOrACategoryOrAYear() {
        assertThat(classify("users", "email_verified", "boolean", List.of())).isEmpty();
        assertThat(classify("users", "email_verified", null, values(50, i -> i % 3 == 0 ? "true" : "false"))).isEmpty();
        assertThat(classify("users", "email", null, values(50, i -> i % 2 == 0 ? "1" : "0"))).isEmpty();
        assertThat(classify("contacts", "phone_type", null, values(60, i -> List.of("mobile", "home", "work").get(i % 3))))
                .isEmpty();
        assertThat(classify("contacts", "phone", null, values(60, i -> List.of("mobile", "home", "work").get(i % 3))))
                .isEmpty();
        assertThat(classify("people", "dob", "integer", values(60, i -> String.valueOf(1950 + i)))).isEmpty();
        assertThat(classify("people", "dob", null, values(60, i -> String.valueOf(1950 + i)))).isEmpty();
    }

    @Test
    void tableContextDecidesWhetherNameIsAPersonsName() {
        IntFunction<String> names = i -> List.of("Ana Garc\u00eda", "John Smith", "Marie Curie", "Jan de Vries").get(i % 4)
                + (i > 3 ? "" : "");
        List<String> people = values(40, i -> List.of("Ana", "John", "Marie", "Jan", "Luca", "Eva").get(i % 6) + " "
                + List.of("Garc\u00eda", "Smith", "Curie", "Vries", "Rossi", "M\u00fcller", "Silva").get(i % 7));
        assertThat(classify("customers", "name", "varchar", people)).extracting(ColumnClassification::type)
                .containsExactly("PERSON_NAME");
        assertThat(classify("products", "name", "varchar", people)).isEmpty();
        assertThat(names.apply(0)).isNotEmpty();
    }

    @Test
    void phoneShapedOrderNumbersAreNotPhones() {
        List<String> orders = values(80, i -> String.format("%03d-%03d-%04d", 200 + random.nextInt(700),
                200 + random.nextInt(700), random.nextInt(10000)));
        assertThat(classify("orders", "order_number", "varchar", orders)).isEmpty();
        assertThat(classify("orders", "c7", "varchar", orders)).isEmpty();
    }

    @Test
    void internationalPhoneNumbersAreFoundByValues() {
        List<String> phones = values(60, i -> "+44 20 7946 " + String.format("%04d", random.nextInt(10000)));
        assertThat(classify("t", "c1", null, phones)).extracting(ColumnClassification::type).containsExactly("PHONE_NUMBER");
    }

    @Test
    void versionStringsShapedLikeIpv4AreNotAddresses() {
        List<String> versions = values(50, i -> "1." + (i % 4) + "." + (i % 9) + "." + i);
        assertThat(classify("deployments", "release_version", "varchar", versions)).isEmpty();
        List<String> ips = values(50, i -> "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256));
        assertThat(classify("events", "client_ip", "varchar", ips)).extracting(ColumnClassification::type)
                .containsExactly("IP_ADDRESS");
    }

    @Test
    void freeTextWithSomeEmailsSaysHowOften() {
        List<String> tickets = values(100, i -> i % 5 == 0
                ? "Please contact me at someone" + i + "@mail.example.org about the refund, thanks."
                : "The parcel arrived late and the box was damaged on one side, please advise.");
        List<ColumnClassification> found = classify("support_tickets", "body", "text", tickets);
        assertThat(found).extracting(ColumnClassification::type).containsExactly("EMAIL_ADDRESS");
        assertThat(found.get(0).explanation()).contains("found in 20 of 100 values");
        assertThat(found.get(0).confidence()).isBetween(0.5, 0.9);
        List<String> clean = values(100, i -> "The parcel arrived late and the box was damaged, ticket " + i + ".");
        assertThat(classify("support_tickets", "body", "text", clean)).isEmpty();
    }

    @Test
    void numbersWrittenInGroupsAreFoundInText() {
        String filler = "The customer called about the delivery and asked us to confirm the details by letter.";
        assertThat(types(classify("t", "notes", "text", values(40, i -> i % 4 == 0
                ? "Card used was 4111 1111 1111 1111, please refund it to the same card." : filler))))
                .containsExactly("CREDIT_CARD");
        assertThat(types(classify("t", "notes", "text", values(40, i -> i % 4 == 0
                ? "Pay the refund into DE89 3704 0044 0532 0130 00 by Friday." : filler)))).containsExactly("IBAN");
        assertThat(types(classify("t", "notes", "text", values(40, i -> i % 4 == 0
                ? "Her NI number is AB 12 34 56 C according to the form." : filler)))).containsExactly("UK_NINO");
        assertThat(types(classify("t", "notes", "text", values(40, i -> i % 4 == 0
                ? "Call back on +44 20 7946 0958 after five." : filler)))).containsExactly("PHONE_NUMBER");
    }

    @Test
    void oneEmailTypedIntoShortNotesIsReported() {
        List<String> notes = List.of("Asked for a refund, reach her at ana.g@example.org", "Delivered on time",
                "No comment", "Left at the door", "Call before noon");
        List<ColumnClassification> found = classify("clientes", "notes", null, notes);
        assertThat(types(found)).containsExactly("EMAIL_ADDRESS");
        assertThat(found.get(0).explanation()).contains("found in 1 of 5 values");
        assertThat(found.get(0).confidence()).isLessThan(0.6);
    }

    @Test
    void checksumTypesAreRecognisedFromValues() {
        PiiValues pii = new PiiValues(random);
        assertThat(types(classify("t", "x", null, values(30, i -> pii.anyIban())))).containsExactly("IBAN");
        assertThat(types(classify("t", "x", null, values(30, i -> pii.anyCard())))).containsExactly("CREDIT_CARD");
        assertThat(types(classify("t", "x", null, values(30, i -> i % 2 == 0 ? pii.nif() : pii.nie()))))
                .containsExactly("ES_NIF");
        assertThat(types(classify("t", "x", null, values(30, i -> pii.bitcoin())))).containsExactly("CRYPTO_WALLET");
        assertThat(types(classify("t", "x", null, values(30, i -> pii.bech32())))).containsExactly("CRYPTO_WALLET");
        assertThat(types(classify("t", "x", null, values(30, i -> pii.vin())))).containsExactly("VIN");
        assertThat(types(classify("t", "x", null, values(30, i -> pii.aadhaar())))).containsExactly("IN_AADHAAR");
    }

    @Test
    void namedIdentifierColumnsWithFittingValuesArePersonIds() {
        assertThat(types(classify("orders", "customer_id", "bigint", values(50, i -> String.valueOf(1000 + i * 7)))))
                .containsExactly("PERSON_ID");
        assertThat(types(classify("users", "id", "bigint", values(50, i -> String.valueOf(1 + i))))).containsExactly("PERSON_ID");
        assertThat(classify("orders", "id", "bigint", values(50, i -> String.valueOf(1 + i)))).isEmpty();
        assertThat(classify("requests", "request_id", "uuid",
                values(50, i -> java.util.UUID.nameUUIDFromBytes(new byte[] {(byte) i}).toString()))).isEmpty();
    }

    @Test
    void descriptionCountsLikeAWeakerName() {
        ColumnSample described = new ColumnSample("patients", "c1", Optional.empty(),
                Optional.of("Date of birth of the patient, as given at admission"), List.of());
        List<ColumnClassification> found = classifier.classify(described);
        assertThat(types(found)).containsExactly("DATE_OF_BIRTH");
        assertThat(found.get(0).explanation()).contains("description mentions 'date_of_birth'");
        assertThat(found.get(0).confidence()).isLessThan(0.65);
    }

    @Test
    void declaredTypeActsAsAName() {
        List<String> ips = values(30, i -> "10.1." + i + ".7");
        ColumnClassification ip = classify("logs", "origin", "inet", ips).get(0);
        assertThat(ip.type()).isEqualTo("IP_ADDRESS");
        assertThat(ip.explanation()).contains("declared type 'inet'");
        assertThat(types(classify("logs", "origin", "macaddr", List.of()))).containsExactly("MAC_ADDRESS");
    }

    @Test
    void columnsSortedWithJunkFirstAreStillRecognised() {
        List<String> sorted = values(200, i -> i < 60 ? "-" : "person" + i + "@example.org");
        assertThat(types(classify("t", "c5", null, sorted))).containsExactly("EMAIL_ADDRESS");
    }

    @Test
    void classifiesTheSameFromManyThreads() {
        PiiValues pii = new PiiValues(random);
        List<ColumnSample> columns = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int kind = i % 4;
            columns.add(new ColumnSample("t" + i, "c" + i, Optional.empty(), Optional.empty(), values(100, v -> switch (kind) {
                case 0 -> pii.anyIban();
                case 1 -> "+44 20 7946 " + String.format("%04d", v);
                case 2 -> "user" + v + "@example.com";
                default -> String.valueOf(v);
            })));
        }
        List<List<ColumnClassification>> sequential = columns.stream().map(classifier::classify).toList();
        List<List<ColumnClassification>> parallel = columns.parallelStream().map(classifier::classify).toList();
        assertThat(parallel).isEqualTo(sequential);
    }

    @Test
    void hostileValuesAreClassifiedWithoutFailing() {
        String huge = "word ".repeat(200_000) + "hidden@example.com";
        assertThat(classify("t", "notes", null, List.of(huge, huge))).isEmpty();
        assertThat(classify("t", "c", null, List.of("\u0000\u0001", "\uD83D\uDE00@\uD83D\uDE00.com", "   ", "", "@", "+",
                "::", "0x", "bc1", "1" + "9".repeat(40), "\u202Eevil"))).isEmpty();
        assertThat(classify("", "", null, List.of())).isEmpty();
        assertThat(classify("t", "email", null, List.of(" ", "\t", ""))).extracting(ColumnClassification::type)
                .containsExactly("EMAIL_ADDRESS"); // no values left: the name alone
    }

    @Test
    void policyThresholdIsApplied() {
        List<String> tickets = values(100, i -> i % 20 == 0
                ? "Reach me at someone" + i + "@mail.example.org if the parcel does not come."
                : "The parcel arrived late and the box was damaged on one side, please advise.");
        assertThat(classify("tickets", "body", "text", tickets)).isNotEmpty();
        PiiColumnClassifier strict = new PiiColumnClassifier(strictPolicy(), CLOCK);
        assertThat(strict.classify(new ColumnSample("tickets", "body", Optional.of("text"), Optional.empty(), tickets)))
                .isEmpty();
        assertThat(strict.assess(new ColumnSample("tickets", "body", Optional.of("text"), Optional.empty(), tickets)))
                .isNotEmpty();
    }

    private static io.custodian.policy.PolicySet strictPolicy() {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("strict", ".yml");
            java.nio.file.Files.writeString(file, "scanner:\n  reporting_threshold: 0.9\n");
            try {
                return ScannerPolicies.withFile(file);
            } finally {
                java.nio.file.Files.delete(file);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The digits with the Luhn check digit appended. */
    private static String luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return digits + (10 - sum % 10) % 10;
    }

    private List<ColumnClassification> classify(String table, String column, String type, List<String> values) {
        return classifier.classify(new ColumnSample(table, column, Optional.ofNullable(type), Optional.empty(), values));
    }

    private static List<String> types(List<ColumnClassification> found) {
        return found.stream().map(ColumnClassification::type).toList();
    }

    private static List<String> values(int n, IntFunction<String> value) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(value.apply(i));
        }
        return list;
    }
}
