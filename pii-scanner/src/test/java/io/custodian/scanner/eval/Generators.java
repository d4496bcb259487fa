package io.custodian.scanner.eval;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.custodian.scanner.testing.PiiValues;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.datafaker.Faker;

/** The seeded random sources one portion of the evaluation set draws from. */
final class Generators {
    static final LocalDate TODAY = LocalDate.of(2026, 1, 1);
    private static final List<Locale> LOCALES = List.of(Locale.US, Locale.forLanguageTag("es"), Locale.FRANCE,
            Locale.GERMANY, Locale.forLanguageTag("pt-BR"), Locale.ITALY, Locale.forLanguageTag("nl"), Locale.UK,
            Locale.forLanguageTag("en-IN"));
    private static final List<String> PHONE_REGIONS = List.of("US", "GB", "DE", "FR", "ES", "IT", "NL", "BR", "PT", "IN");

    final Random random;
    final PiiValues pii;
    private final List<Faker> fakers;
    private Faker current;

    Generators(long seed) {
        this.random = new Random(seed);
        this.pii = new PiiValues(random);
        this.fakers = LOCALES.stream().map(l -> new Faker(l, new Random(random.nextLong()))).toList();
        this.current = fakers.get(0);
    }

    /** Picks the locale the next column's values come from. */
    void nextLocale() {
        current = fakers.get(random.nextInt(fakers.size()));
    }

    Faker faker() {
        return current;
    }

    Faker english() {
        return fakers.get(0);
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** A valid mobile or fixed number of a random region, written in international form. */
    String internationalPhone() {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        for (int attempt = 0; attempt < 50; attempt++) {
            String region = pick(PHONE_REGIONS);
            PhoneNumber example = util.getExampleNumberForType(region,
                    random.nextBoolean() ? PhoneNumberUtil.PhoneNumberType.MOBILE : PhoneNumberUtil.PhoneNumberType.FIXED_LINE);
            String national = String.valueOf(example.getNationalNumber());
            int keep = Math.max(2, national.length() - 4);
            String candidate = national.substring(0, keep) + pii.digits(national.length() - keep);
            try {
                PhoneNumber number = util.parse(candidate, region);
                if (util.isValidNumber(number)) {
                    return util.format(number, random.nextBoolean() ? PhoneNumberFormat.INTERNATIONAL : PhoneNumberFormat.E164);
                }
            } catch (com.google.i18n.phonenumbers.NumberParseException e) {
                // try another
            }
        }
        throw new IllegalStateException("no valid number generated");
    }

    /** A birth date of someone aged 0 to 95, in one of the forms databases and files use. */
    String birthDate(String format) {
        LocalDate date = TODAY.minusDays(1 + random.nextInt(365 * 95));
        return date.format(DateTimeFormatter.ofPattern(format));
    }

    /** A date within the last three years: orders, shipments, invoices. */
    String recentDate() {
        return TODAY.minusDays(1 + random.nextInt(365 * 3)).toString();
    }

    String timestamp() {
        return TODAY.minusDays(random.nextInt(900)).atTime(random.nextInt(24), random.nextInt(60), random.nextInt(60))
                + "Z";
    }

    String uuid() {
        return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
    }

    String ipv4() {
        return (1 + random.nextInt(223)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
    }

    String ipv6() {
        StringBuilder b = new StringBuilder("2001:db8");
        for (int i = 0; i < 6; i++) {
            b.append(':').append(Integer.toHexString(random.nextInt(65536)));
        }
        return b.toString();
    }

    String sentence() {
        return english().lorem().sentence(8 + random.nextInt(10));
    }
}
