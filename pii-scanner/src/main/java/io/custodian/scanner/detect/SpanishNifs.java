package io.custodian.scanner.detect;

/**
 * Spanish identity numbers for people: the DNI-based NIF (eight digits and a check letter) and the
 * NIE for foreigners (X, Y or Z, seven digits, a check letter), the letter being the number mod 23
 * looked up in the Ministry of the Interior's table. A dash or space before the letter is accepted.
 */
public final class SpanishNifs implements ValueValidator {
    private static final String LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

    @Override
    public boolean isValid(String value) {
        int length = value.length();
        if (length < 9 || length > 10) {
            return false;
        }
        char first = Character.toUpperCase(value.charAt(0));
        int prefix;
        if (first >= '0' && first <= '9') {
            prefix = -1;
        } else if (first == 'X' || first == 'Y' || first == 'Z') {
            prefix = first - 'X';
        } else {
            return false;
        }
        char letter = Character.toUpperCase(value.charAt(length - 1));
        String body = value.substring(0, length - 1);
        if (length == 10) {
            char separator = body.charAt(8);
            if (separator != '-' && separator != ' ') {
                return false;
            }
            body = body.substring(0, 8);
        }
        String digits = prefix < 0 ? body : prefix + body.substring(1);
        if (!Digits.allDigits(digits, 0, digits.length()) || digits.length() != 8) {
            return false;
        }
        return LETTERS.charAt(Integer.parseInt(digits) % 23) == letter;
    }
}
