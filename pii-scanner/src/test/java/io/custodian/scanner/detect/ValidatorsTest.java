package io.custodian.scanner.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ValidatorsTest {
    @Test
    void cardsNeedLuhnAndAnIssuerRange() {
        PaymentCards cards = new PaymentCards();
        assertThat(cards.isValid("4111111111111111")).isTrue();
        assertThat(cards.isValid("4111 1111 1111 1111")).isTrue();
        assertThat(cards.isValid("378282246310005")).isTrue();
        assertThat(cards.isValid("5555-5555-5555-4444")).isTrue();
        assertThat(cards.isValid("6011111111111117")).isTrue();
        assertThat(cards.isValid("4111111111111112")).as("Luhn fails").isFalse();
        assertThat(cards.isValid("1234567812345670")).as("Luhn passes, no issuer").isFalse();
        assertThat(cards.isValid("37828224631000")).as("Amex is 15 digits").isFalse();
        assertThat(cards.isValid("4111x1111")).isFalse();
    }

    @Test
    void ibansNeedTheirCountryLengthAndMod97() {
        Ibans ibans = new Ibans();
        assertThat(ibans.isValid("GB82WEST12345698765432")).isTrue();
        assertThat(ibans.isValid("DE89 3704 0044 0532 0130 00")).isTrue();
        assertThat(ibans.isValid("de89370400440532013000")).isTrue();
        assertThat(ibans.isValid("GB82WEST12345698765431")).as("check fails").isFalse();
        assertThat(ibans.isValid("DE8937040044053201300")).as("German IBANs are 22 long").isFalse();
        assertThat(ibans.isValid("QQ82WEST12345698765432")).as("no such country").isFalse();
    }

    @Test
    void ssnsFollowAreaGroupAndSerialRules() {
        UsSsns ssns = new UsSsns();
        assertThat(ssns.isValid("123-45-6789")).isTrue();
        assertThat(ssns.isValid("123456789")).isTrue();
        assertThat(UsSsns.isFormatted("123456789")).isFalse();
        assertThat(ssns.isValid("666-12-3456")).isFalse();
        assertThat(ssns.isValid("000-12-3456")).isFalse();
        assertThat(ssns.isValid("912-12-3456")).isFalse();
        assertThat(ssns.isValid("123-00-4567")).isFalse();
        assertThat(ssns.isValid("123-45-0000")).isFalse();
        assertThat(ssns.isValid("123-45 6789")).as("mixed separators").isFalse();
    }

    @Test
    void ninosFollowHmrcPrefixRules() {
        UkNinos ninos = new UkNinos();
        assertThat(ninos.isValid("AB123456C")).isTrue();
        assertThat(ninos.isValid("AB 12 34 56 C")).isTrue();
        assertThat(ninos.isValid("QQ123456C")).isFalse();
        assertThat(ninos.isValid("BG123456A")).isFalse();
        assertThat(ninos.isValid("AO123456A")).as("O never second").isFalse();
        assertThat(ninos.isValid("AB123456E")).isFalse();
    }

    @Test
    void nhsNumbersPassModulus11() {
        NhsNumbers nhs = new NhsNumbers();
        assertThat(nhs.isValid("9434765919")).isTrue();
        assertThat(nhs.isValid("943 476 5919")).isTrue();
        assertThat(nhs.isValid("9434765918")).isFalse();
        assertThat(nhs.isValid("1111111111")).as("repeated digits are not issued").isFalse();
    }

    @Test
    void aadhaarNumbersPassVerhoeff() {
        AadhaarNumbers aadhaar = new AadhaarNumbers();
        assertThat(aadhaar.isValid("234123412346")).isTrue();
        assertThat(aadhaar.isValid("4987 6543 2102")).isTrue();
        assertThat(aadhaar.isValid("234123412345")).isFalse();
        assertThat(aadhaar.isValid("134123412346")).as("never starts with 1").isFalse();
    }

    @Test
    void nifsAndNiesCarryTheirCheckLetter() {
        SpanishNifs nifs = new SpanishNifs();
        assertThat(nifs.isValid("12345678Z")).isTrue();
        assertThat(nifs.isValid("12345678-z")).isTrue();
        assertThat(nifs.isValid("X1234567L")).isTrue();
        assertThat(nifs.isValid("Y7654321G")).isTrue();
        assertThat(nifs.isValid("12345678A")).isFalse();
        assertThat(nifs.isValid("W1234567L")).isFalse();
    }

    @Test
    void vinsHaveAShapeAndANorthAmericanCheckDigit() {
        Vins vins = new Vins();
        assertThat(vins.isValid("1HGCM82633A004352")).isTrue();
        assertThat(Vins.hasValidCheckDigit("1HGCM82633A004352")).isTrue();
        assertThat(Vins.hasValidCheckDigit("1M8GDM9AXKP042788")).as("check X").isTrue();
        assertThat(Vins.hasValidCheckDigit("1HGCM82643A004352")).isFalse();
        assertThat(vins.isValid("1HGCM82633A00435O")).as("no O").isFalse();
        assertThat(vins.isValid("12345678901234567")).as("all digits").isFalse();
    }

    @Test
    void walletsAreCheckedByTheirChecksums() {
        CryptoWallets wallets = new CryptoWallets();
        assertThat(wallets.isValid("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")).isTrue();
        assertThat(wallets.isValid("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy")).isTrue();
        assertThat(wallets.isValid("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb")).as("checksum fails").isFalse();
        assertThat(wallets.isValid("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq")).isTrue();
        assertThat(wallets.isValid("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdr")).isFalse();
        assertThat(wallets.isValid("0x52908400098527886E0F7030069857D2E4169EE7")).isTrue();
        assertThat(wallets.isValid("0x52908400098527886E0F7030069857D2E4169EE")).isFalse();
        for (String eip55 : new String[] {"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
                "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"}) {
            assertThat(wallets.isValid(eip55)).as(eip55).isTrue();
            assertThat(wallets.isValid(eip55.toLowerCase(java.util.Locale.ROOT))).as("no checksum").isTrue();
        }
        assertThat(wallets.isValid("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD")).as("checksum case broken").isFalse();
    }

    @Test
    void keccakMatchesKnownDigests() {
        assertThat(java.util.HexFormat.of().formatHex(Keccak256.hash(new byte[0])))
                .isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
        assertThat(java.util.HexFormat.of().formatHex(Keccak256.hash("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
    }

    @Test
    void ipAddressesParseWithoutLookups() {
        IpAddresses ips = new IpAddresses();
        for (String ok : new String[] {"192.168.0.1", "8.8.8.8", "0.0.0.0", "::1", "::", "2001:db8::1",
                "fe80::1:2:3:4", "::ffff:192.0.2.1", "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "1::"}) {
            assertThat(ips.isValid(ok)).as(ok).isTrue();
        }
        for (String bad : new String[] {"256.1.1.1", "01.2.3.4", "1.2.3", "1.2.3.4.5", "2001:db8:::1",
                "1:2:3:4:5:6:7:8:9", "2001:db8::g", "example.com", "localhost", "12:30", "1:2:3:4:5:6:7"}) {
            assertThat(ips.isValid(bad)).as(bad).isFalse();
        }
    }

    @Test
    void macAddressesNeedConsistentSeparators() {
        MacAddresses macs = new MacAddresses();
        assertThat(macs.isValid("00:1A:2B:3C:4D:5E")).isTrue();
        assertThat(macs.isValid("00-1a-2b-3c-4d-5e")).isTrue();
        assertThat(macs.isValid("001a.2b3c.4d5e")).isTrue();
        assertThat(macs.isValid("00:1A-2B:3C:4D:5E")).isFalse();
        assertThat(macs.isValid("001A2B3C4D5E")).isFalse();
    }

    @Test
    void coordinatesArePairsInRangeWithDecimals() {
        GeoCoordinates geo = new GeoCoordinates();
        assertThat(geo.isValid("48.8566, 2.3522")).isTrue();
        assertThat(geo.isValid("(40.7128, -74.0060)")).isTrue();
        assertThat(geo.isValid("POINT(-74.0060 40.7128)")).isTrue();
        assertThat(geo.isValid("91.0000, 10.000")).isFalse();
        assertThat(geo.isValid("1.5, 2.5")).as("too few decimals").isFalse();
        assertThat(GeoCoordinates.isSingleCoordinate("-46.35389985")).isTrue();
        assertThat(GeoCoordinates.isSingleCoordinate("181.000")).isFalse();
    }

    @Test
    void emailsFollowRfcRulesAndATldCheck() {
        EmailAddresses emails = new EmailAddresses();
        assertThat(emails.isValid("john.doe@example.com")).isTrue();
        assertThat(emails.isValid("o'brien+tag@mail.example.co.uk")).isTrue();
        assertThat(emails.isValid("jos\u00e9@ex\u00e4mple.de")).isTrue();
        assertThat(emails.isValid("logo@2x.png")).as("a file name").isFalse();
        assertThat(emails.isValid("a..b@example.com")).isFalse();
        assertThat(emails.isValid(".a@example.com")).isFalse();
        assertThat(emails.isValid("a@localhost")).isFalse();
        assertThat(emails.isValid("user@domain.c0m")).isFalse();
        assertThat(emails.isValid("a@b@example.com")).isFalse();
        assertThat(emails.isValid("user@-example.com")).isFalse();
    }

    @Test
    void phonesAreCheckedAgainstNumberingPlans() {
        PhoneNumbers phones = new PhoneNumbers();
        assertThat(PhoneNumbers.isInternational("+44 20 7946 0958")).isTrue();
        assertThat(PhoneNumbers.isInternational("+49 30 901820")).isTrue();
        assertThat(PhoneNumbers.isInternational("0033 1 42 68 53 00")).isTrue();
        assertThat(phones.isValid("(415) 555-2671")).isTrue();
        assertThat(PhoneNumbers.isInternational("(415) 555-2671")).isFalse();
        assertThat(phones.isValid("12345")).isFalse();
        assertThat(phones.isValid("+999 1234567")).isFalse();
        assertThat(phones.isValid("2024-01-15")).isFalse();
    }

    @Test
    void birthDatesAreRealPastDatesWithoutATime() {
        BirthDates dates = new BirthDates(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        assertThat(dates.isValid("1985-03-12")).isTrue();
        assertThat(dates.isValid("12/03/1985")).isTrue();
        assertThat(dates.isValid("12.03.1985")).isTrue();
        assertThat(dates.isValid("1985-03-12 00:00:00")).isTrue();
        assertThat(dates.isValid("1985-02-30")).isFalse();
        assertThat(dates.isValid("2027-01-01")).as("future").isFalse();
        assertThat(dates.isValid("1850-01-01")).as("too old").isFalse();
        assertThat(dates.isValid("2024-03-01T10:15:00Z")).as("an event").isFalse();
        assertThat(dates.isValid("1985")).isFalse();
    }

    @Test
    void namesAndAddressesHaveRecognisableShapes() {
        PersonNames names = new PersonNames();
        assertThat(names.isValid("Mar\u00eda Jos\u00e9 O'Brien")).isTrue();
        assertThat(names.isValid("Jean-Luc")).isTrue();
        assertThat(names.isValid("Jan van der Berg")).isTrue();
        assertThat(names.isValid("Mar\u00eda de la Cruz")).isTrue();
        assertThat(names.isValid("van der Berg")).as("starts with a particle").isFalse();
        assertThat(names.isValid("john")).isFalse();
        assertThat(names.isValid("Room 101")).isFalse();
        StreetAddresses streets = new StreetAddresses();
        assertThat(streets.isValid("12 Main Street")).isTrue();
        assertThat(streets.isValid("Calle Mayor 5, 3\u00ba")).isTrue();
        assertThat(streets.isValid("Hauptstra\u00dfe 12")).isTrue();
        assertThat(streets.isValid("Keizersgracht 123")).isTrue();
        assertThat(streets.isValid("8 rue de Rivoli")).isTrue();
        assertThat(streets.isValid("Main Street")).as("no number").isFalse();
        assertThat(streets.isValid("Order 12 shipped")).isFalse();
    }

    @Test
    void identifierShapesAcceptTheirFormsOnly() {
        assertThat(IdentifierShapes.postalCode().isValid("SW1A 1AA")).isTrue();
        assertThat(IdentifierShapes.postalCode().isValid("94103-1234")).isTrue();
        assertThat(IdentifierShapes.postalCode().isValid("1012 AB")).isTrue();
        assertThat(IdentifierShapes.postalCode().isValid("hello")).isFalse();
        assertThat(IdentifierShapes.deviceId().isValid("6f1c2a3e-0b7d-4c9a-9d2e-1f2a3b4c5d6e")).isTrue();
        assertThat(IdentifierShapes.deviceId().isValid("490154203237518")).as("IMEI with Luhn").isTrue();
        assertThat(IdentifierShapes.username().isValid("jane.doe_42")).isTrue();
        assertThat(IdentifierShapes.username().isValid("jane doe")).isFalse();
        assertThat(new Genders().isValid("Weiblich")).isTrue();
        assertThat(new Genders().isValid("S")).isFalse();
        assertThat(new SwiftBics().isValid("DEUTDEFF500")).isTrue();
        assertThat(new SwiftBics().isValid("DEUTQQFF")).isFalse();
    }
}
