package io.custodian.scanner.detect;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.List;

/**
 * Telephone numbers, validated against libphonenumber's per-country numbering plans. A number in
 * international form ({@code +44 20 7946 0958}, {@code 0044...}) is checked against its own
 * country; a national one is valid if some region of {@link #DEFAULT_REGIONS} accepts it, which is
 * weaker evidence: {@link #isInternational} tells the two apart.
 */
public final class PhoneNumbers implements ValueValidator {
    /** Regions tried, in order, for numbers written without a country code. */
    public static final List<String> DEFAULT_REGIONS =
            List.of("US", "GB", "DE", "FR", "ES", "IT", "NL", "PT", "BR", "IN", "BE", "CH", "AT", "MX", "CA", "AU");

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private final List<String> regions;

    public PhoneNumbers() {
        this(DEFAULT_REGIONS);
    }

    public PhoneNumbers(List<String> regions) {
        this.regions = List.copyOf(regions);
    }

    @Override
    public boolean isValid(String value) {
        String candidate = prefilter(value);
        if (candidate == null) {
            return false;
        }
        if (candidate.charAt(0) == '+') {
            return valid(candidate, "ZZ");
        }
        for (String region : regions) {
            if (valid(candidate, region)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the value is a valid number written with its country code, which no other data resembles. */
    public static boolean isInternational(String value) {
        String candidate = prefilter(value);
        return candidate != null && candidate.charAt(0) == '+' && valid(candidate, "ZZ");
    }

    /**
     * Whether the value proves itself a phone number without the column's name: written with its
     * country code, or in a national format only phone numbers use (a parenthesised area code, or a
     * trunk prefix 0 followed by digit groups) and valid in a numbering plan. Order numbers and other
     * codes shaped like phone numbers use neither convention.
     */
    public static boolean isStandalone(String value) {
        String candidate = prefilter(value);
        if (candidate == null) {
            return false;
        }
        if (candidate.charAt(0) == '+') {
            return valid(candidate, "ZZ");
        }
        boolean parenthesised = candidate.charAt(0) == '(';
        boolean trunk = candidate.charAt(0) == '0' && candidate.indexOf(' ') > 0;
        if (!parenthesised && !trunk) {
            return false;
        }
        for (String region : DEFAULT_REGIONS) {
            if (valid(candidate, region)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The value ready for libphonenumber if it has a phone number's characters and digit count
     * (7 to 15, E.164's maximum), with a {@code 00} international prefix turned into {@code +} and an
     * extension dropped; otherwise null.
     */
    static String prefilter(String value) {
        int length = value.length();
        if (length < 7 || length > 30) {
            return null;
        }
        char first = value.charAt(0);
        if (first != '+' && first != '(' && (first < '0' || first > '9')) {
            return null;
        }
        if (looksLikeDate(value)) {
            return null;
        }
        int end = length;
        int ext = indexOfExtension(value);
        if (ext > 0) {
            end = ext;
        }
        int digits = 0;
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '+' ? i != 0 : " -().\u00a0/".indexOf(c) < 0) {
                return null;
            }
        }
        if (digits < 7 || digits > 15) {
            return null;
        }
        String number = value.substring(0, end).trim();
        if (number.startsWith("00")) {
            number = "+" + number.substring(2);
        }
        return number;
    }

    /** Dates such as 2024-01-15 or 15.01.2024 fit some numbering plans; they are not numbers to call. */
    private static boolean looksLikeDate(String value) {
        if (value.length() != 10) {
            return false;
        }
        char c4 = value.charAt(4);
        char c2 = value.charAt(2);
        return ((c4 == '-' || c4 == '/' || c4 == '.') && value.charAt(7) == c4)
                || ((c2 == '-' || c2 == '/' || c2 == '.') && value.charAt(5) == c2);
    }

    private static int indexOfExtension(String value) {
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 'x' || c == 'X' || c == 'e' || c == 'E' || c == '#') {
                return i;
            }
        }
        return -1;
    }

    private static boolean valid(String number, String region) {
        try {
            return UTIL.isValidNumber(UTIL.parse(number, region));
        } catch (NumberParseException e) {
            return false;
        }
    }
}
