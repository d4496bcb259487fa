package io.custodian.scanner.detect;

/**
 * Vehicle identification numbers (ISO 3779): seventeen characters from digits and capital letters
 * other than I, O and Q. North American VINs carry a check digit in position 9 (49 CFR 565); VINs
 * from elsewhere need not, so {@link #hasValidCheckDigit} is reported apart from the shape.
 */
public final class Vins implements ValueValidator {
    private static final int[] WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};

    @Override
    public boolean isValid(String value) {
        if (value.length() != 17) {
            return false;
        }
        int letters = 0;
        int digits = 0;
        for (int i = 0; i < 17; i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c >= 'A' && c <= 'Z' && c != 'I' && c != 'O' && c != 'Q') {
                letters++;
            } else {
                return false;
            }
        }
        // A VIN mixes a manufacturer code (letters mostly) with a serial (digits); a 17-digit number
        // or a 17-letter word is something else. The last four characters are digits for every
        // manufacturer (ISO 3779 serial section).
        return letters >= 2 && digits >= 4 && Digits.allDigits(value, 13, 17);
    }

    /** Whether position 9 holds the check digit over the other sixteen characters. */
    public static boolean hasValidCheckDigit(String vin) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += transliterate(vin.charAt(i)) * WEIGHTS[i];
        }
        int check = sum % 11;
        char expected = check == 10 ? 'X' : (char) ('0' + check);
        return vin.charAt(8) == expected;
    }

    private static int transliterate(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        // A-H -> 1-8, J-N -> 1-5, P -> 7, R -> 9, S-Z -> 2-9.
        return switch (c) {
            case 'A', 'J' -> 1;
            case 'B', 'K', 'S' -> 2;
            case 'C', 'L', 'T' -> 3;
            case 'D', 'M', 'U' -> 4;
            case 'E', 'N', 'V' -> 5;
            case 'F', 'W' -> 6;
            case 'G', 'P', 'X' -> 7;
            case 'H', 'Y' -> 8;
            case 'R', 'Z' -> 9;
            default -> 0;
        };
    }
}
