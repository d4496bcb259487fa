package io.custodian.scanner.detect;

/**
 * Payment card numbers (PANs): 12 to 19 digits, optionally grouped by spaces or dashes, whose
 * prefix and length belong to an issuer network (ISO/IEC 7812 ranges as the networks publish them)
 * and whose last digit passes the Luhn check.
 */
public final class PaymentCards implements ValueValidator {
    @Override
    public boolean isValid(String value) {
        char first = value.charAt(0);
        if (first < '2' || first > '6') {
            return false;
        }
        String digits = Digits.strip(value, " -", 12, 19);
        return digits != null && issuerAccepts(digits) && luhn(digits);
    }

    /** Whether the number's prefix and length belong to a card network. */
    static boolean issuerAccepts(String digits) {
        int length = digits.length();
        int two = Integer.parseInt(digits.substring(0, 2));
        int four = Integer.parseInt(digits.substring(0, 4));
        switch (digits.charAt(0)) {
            case '4': // Visa
                return length == 13 || length == 16 || length == 19;
            case '3':
                if (two == 34 || two == 37) { // American Express
                    return length == 15;
                }
                if (four >= 3528 && four <= 3589) { // JCB
                    return length >= 16 && length <= 19;
                }
                if ((four >= 3000 && four <= 3059) || four == 3095 || two == 36 || two == 38 || two == 39) { // Diners
                    return length >= 14 && length <= 19;
                }
                return false;
            case '5':
                if (two >= 51 && two <= 55) { // Mastercard
                    return length == 16;
                }
                // Maestro
                return (two == 50 || (two >= 56 && two <= 58)) && length >= 12 && length <= 19;
            case '2':
                if (four >= 2221 && four <= 2720) { // Mastercard 2-series
                    return length == 16;
                }
                return four >= 2200 && four <= 2204 && length >= 16 && length <= 19; // Mir
            case '6':
                // Discover, UnionPay, Maestro, RuPay: the 6-series is crowded; all use 16 to 19 digits,
                // Maestro down to 12.
                return length >= 12 && length <= 19;
            default:
                return false;
        }
    }

    /** The Luhn (mod 10) check over all digits, the last being the check digit. */
    public static boolean luhn(CharSequence digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
