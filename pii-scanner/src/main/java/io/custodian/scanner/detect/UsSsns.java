package io.custodian.scanner.detect;

/**
 * United States Social Security numbers: area 001-899 except 666, group 01-99, serial 0001-9999,
 * written {@code AAA-GG-SSSS}, with spaces, or as nine bare digits. Bare digits are ambiguous with
 * other nine-digit numbers; {@link #isFormatted} tells the two apart.
 */
public final class UsSsns implements ValueValidator {
    @Override
    public boolean isValid(String value) {
        int length = value.length();
        String digits;
        if (length == 11) {
            char s1 = value.charAt(3);
            char s2 = value.charAt(6);
            if (s1 != s2 || (s1 != '-' && s1 != ' ')) {
                return false;
            }
            digits = value.substring(0, 3) + value.substring(4, 6) + value.substring(7);
        } else if (length == 9) {
            digits = value;
        } else {
            return false;
        }
        if (!Digits.allDigits(digits, 0, 9)) {
            return false;
        }
        int area = Integer.parseInt(digits.substring(0, 3));
        int group = Integer.parseInt(digits.substring(3, 5));
        int serial = Integer.parseInt(digits.substring(5));
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
    }

    /** Whether the value is written with the SSN's separators (not nine bare digits). */
    public static boolean isFormatted(String value) {
        return value.length() == 11;
    }
}
