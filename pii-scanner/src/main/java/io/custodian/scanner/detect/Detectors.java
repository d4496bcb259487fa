package io.custodian.scanner.detect;

import java.time.Clock;
import java.util.List;
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
                strong("EMAIL_ADDRESS", new EmailAddresses(), true, text),
                new TypeDetector("PHONE_NUMBER", phones, PhoneNumbers::isInternational, true, false, integers),
                weak("PERSON_NAME", new PersonNames(), text),
                strong("STREET_ADDRESS", new StreetAddresses(), false, text),
                weak("POSTAL_CODE", IdentifierShapes.postalCode(), integers),
                weak("DATE_OF_BIRTH", new BirthDates(clock), Set.of(DataKind.TEMPORAL)),
                new TypeDetector("GENDER", new Genders(), new Genders(), false, true, text),
                new TypeDetector("US_SSN", ssns, UsSsns::isFormatted, true, false, integers),
                strong("UK_NINO", new UkNinos(), true, text),
                new TypeDetector("UK_NHS_NUMBER", nhs, value -> value.length() == 12 && nhs.isValid(value), false,
                        false, integers),
                strong("IN_AADHAAR", new AadhaarNumbers(), false, integers),
                strong("ES_NIF", new SpanishNifs(), false, text),
                weak("PASSPORT_NUMBER", IdentifierShapes.passport(), text),
                weak("DRIVER_LICENSE", IdentifierShapes.driverLicense(), text),
                strong("CREDIT_CARD", new PaymentCards(), true, integers),
                strong("IBAN", new Ibans(), true, text),
                strong("SWIFT_BIC", new SwiftBics(), false, text),
                weak("BANK_ACCOUNT", IdentifierShapes.bankAccount(), integers),
                strong("CRYPTO_WALLET", new CryptoWallets(), true, text),
                strong("IP_ADDRESS", new IpAddresses(), true, text),
                strong("MAC_ADDRESS", new MacAddresses(), true, text),
                weak("DEVICE_ID", IdentifierShapes.deviceId(), integers),
                new TypeDetector("GEO_COORDINATE", value -> geo.isValid(value) || GeoCoordinates.isSingleCoordinate(value),
                        geo, false, false, Set.of(DataKind.DECIMAL)),
                new TypeDetector("VIN", vins, value -> vins.isValid(value) && Vins.hasValidCheckDigit(value), false,
                        false, text),
                weak("USERNAME", IdentifierShapes.username(), text),
                weak("PERSON_ID", IdentifierShapes.personKey(), integers));
    }

    private static TypeDetector strong(String type, ValueValidator validator, boolean inText, Set<DataKind> kinds) {
        return new TypeDetector(type, validator, validator, inText, false, kinds);
    }

    private static TypeDetector weak(String type, ValueValidator validator, Set<DataKind> kinds) {
        return new TypeDetector(type, validator, null, false, false, kinds);
    }
}
