package io.custodian.scanner.detect;

/**
 * Shapes of identifiers that carry no check digit of their own: postal codes, passport and licence
 * numbers, bank account numbers, device identifiers, usernames and person keys. A shape confirms
 * what a column's name says; it is never enough alone.
 */
public final class IdentifierShapes {
    private IdentifierShapes() {}

    /** Postal codes of the covered countries: US ZIP(+4), UK, Canada, Netherlands, Portugal, Brazil, and 4-6 digit codes. */
    public static ValueValidator postalCode() {
        return value -> {
            int length = value.length();
            if (length < 4 || length > 10) {
                return false;
            }
            String upper = value.toUpperCase(java.util.Locale.ROOT);
            if (Digits.allDigits(upper, 0, length)) {
                return length <= 6; // US, DE, FR, ES, IT (5), AT, CH, BE, DK, NO (4), IN (6)
            }
            return upper.matches("\\d{5}-\\d{4}|\\d{4} ?[A-Z]{2}|\\d{4}-\\d{3}|\\d{5}-\\d{3}|\\d{3} \\d{2}"
                    + "|[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}|[A-Z]\\d[A-Z] ?\\d[A-Z]\\d");
        };
    }

    /** Passport numbers: six to nine capital letters and digits, at least three of them digits. */
    public static ValueValidator passport() {
        return value -> alnum(value, 6, 9, 3, false);
    }

    /** Driving licence numbers: five to twenty capitals, digits, spaces or dashes, at least three digits. */
    public static ValueValidator driverLicense() {
        return value -> alnum(value, 5, 20, 3, true);
    }

    /** Domestic account numbers: six to twenty digits, grouped or not. */
    public static ValueValidator bankAccount() {
        return value -> Digits.strip(value, " -/", 6, 20) != null;
    }

    /** Device identifiers: UUIDs (IDFA, device UUIDs), 16-hex Android IDs, 15-digit IMEIs, 32/64-hex tokens. */
    public static ValueValidator deviceId() {
        return value -> {
            int length = value.length();
            if (length == 36) {
                return isUuid(value);
            }
            if (length == 15) {
                return Digits.allDigits(value, 0, 15) && PaymentCards.luhn(value);
            }
            return (length == 16 || length == 32 || length == 64) && allHex(value);
        };
    }

    /** Usernames: three to thirty-two letters, digits, dots, underscores or dashes, with a letter. */
    public static ValueValidator username() {
        return value -> {
            int length = value.length();
            if (length < 3 || length > 32) {
                return false;
            }
            boolean letter = false;
            for (int i = 0; i < length; i++) {
                char c = value.charAt(i);
                if (Character.isLetter(c)) {
                    letter = true;
                } else if (!(c >= '0' && c <= '9') && c != '.' && c != '_' && c != '-') {
                    return false;
                }
            }
            return letter;
        };
    }

    /** Keys for a person: integers, UUIDs or codes of up to forty characters without spaces, holding a digit. */
    public static ValueValidator personKey() {
        return value -> {
            int length = value.length();
            if (length > 40) {
                return false;
            }
            boolean digit = false;
            for (int i = 0; i < length; i++) {
                char c = value.charAt(i);
                if (c >= '0' && c <= '9') {
                    digit = true;
                } else if (!Character.isLetter(c) && c != '-' && c != '_' && c != ':' && c != '.') {
                    return false;
                }
            }
            return digit;
        };
    }

    /** A UUID in its canonical 8-4-4-4-12 hex form. */
    public static boolean isUuid(String value) {
        if (value.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = value.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23 ? c != '-' : !Digits.isHex(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allHex(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!Digits.isHex(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean alnum(String value, int min, int max, int minDigits, boolean separators) {
        int length = value.length();
        if (length < min || length > max) {
            return false;
        }
        int digits = 0;
        for (int i = 0; i < length; i++) {
            char c = Character.toUpperCase(value.charAt(i));
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (!(c >= 'A' && c <= 'Z') && !(separators && (c == ' ' || c == '-'))) {
                return false;
            }
        }
        return digits >= minDigits;
    }
}
