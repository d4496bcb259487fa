package io.custodian.scanner.detect;

import java.time.Clock;
import java.util.List;
import io.custodian.scanner.detect.TypeDetector.InText;
import java.util.Set;

/** The value detectors Custodian ships, one per canonical type. */
public final class Detectors {
    private Detectors() {}

    public static List<TypeDetector> standard(Clock clock) {
        Set<DataKind> text = Set.of();
        Set<DataKind> integers = Set.of(DataKind.NUMERIC, DataKind.DECIMAL);
        PhoneNumbers phones = new PhoneNumbers();
        NhsNumbers nhs = new NhsNumbers();
        Vins vins = new Vins();
        UsSsns ssns = new UsSsns();
        GeoCoordinates geo = new GeoCoordinates();
        return List.of(
                strong("EMAIL_ADDRESS", new EmailAddresses(), InText.CERTAIN, text),
                new TypeDetector("PHONE_NUMBER", phones, PhoneNumbers::isStandalone, InText.CORROBORATED,
                        false, integers, true),
                weak("PERSON_NAME", new PersonNames(), text),
                strong("STREET_ADDRESS", new StreetAddresses(), InText.NO, text),
                weak("POSTAL_CODE", IdentifierShapes.postalCode(), integers),
                weak("DATE_OF_BIRTH", new BirthDates(clock), Set.of(DataKind.TEMPORAL)),
                new TypeDetector("GENDER", new Genders(), new Genders(), InText.NO, true, text),
                new TypeDetector("US_SSN", ssns, value -> UsSsns.isFormatted(value) && ssns.isValid(value), InText.CORROBORATED, false,
                        integers),
                strong("UK_NINO", new UkNinos(), InText.CORROBORATED, text),
                new TypeDetector("UK_NHS_NUMBER", nhs, value -> value.length() == 12 && nhs.isValid(value), InText.NO,
                        false, integers),
                strong("IN_AADHAAR", new AadhaarNumbers(), InText.NO, integers),
                strong("ES_NIF", new SpanishNifs(), InText.NO, text),
                weak("PASSPORT_NUMBER", IdentifierShapes.passport(), text),
                weak("DRIVER_LICENSE", IdentifierShapes.driverLicense(), text),
                strong("CREDIT_CARD", new PaymentCards(), InText.CERTAIN, integers),
                strong("IBAN", new Ibans(), InText.CERTAIN, text),
                strong("SWIFT_BIC", new SwiftBics(), InText.NO, text),
                weak("BANK_ACCOUNT", IdentifierShapes.bankAccount(), integers),
                strong("CRYPTO_WALLET", new CryptoWallets(), InText.CERTAIN, text),
                strong("IP_ADDRESS", new IpAddresses(), InText.CORROBORATED, text),
                strong("MAC_ADDRESS", new MacAddresses(), InText.CORROBORATED, text),
                weak("DEVICE_ID", IdentifierShapes.deviceId(), integers),
                new TypeDetector("GEO_COORDINATE", value -> geo.isValid(value) || GeoCoordinates.isSingleCoordinate(value),
                        geo, InText.NO, false, Set.of(DataKind.DECIMAL)),
                new TypeDetector("VIN", vins, value -> vins.isValid(value) && Vins.hasValidCheckDigit(value), InText.NO,
                        false, text),
                weak("USERNAME", IdentifierShapes.username(), text),
                weak("PERSON_ID", IdentifierShapes.personKey(), integers));
    }

    private static TypeDetector strong(String type, ValueValidator validator, InText inText, Set<DataKind> kinds) {
        return new TypeDetector(type, validator, validator, inText, false, kinds);
    }

    private static TypeDetector weak(String type, ValueValidator validator, Set<DataKind> kinds) {
        return new TypeDetector(type, validator, null, InText.NO, false, kinds);
    }
}
