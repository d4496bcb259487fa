package io.custodian.scanner.detect;

/**
 * Indian Aadhaar numbers: twelve digits (often grouped 4-4-4), never starting with 0 or 1, the last a
 * Verhoeff check digit.
 */
public final class AadhaarNumbers implements ValueValidator {
    private static final int[][] MULTIPLY = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
        {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
        {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
        {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
    private static final int[][] PERMUTE = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
        {8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
        {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};

    @Override
    public boolean isValid(String value) {
        char first = value.charAt(0);
        if (first < '2' || first > '9') {
            return false;
        }
        String digits = Digits.strip(value, " -", 12, 12);
        return digits != null && verhoeff(digits);
    }

    /** The Verhoeff dihedral-group check over all digits, the last being the check digit. */
    public static boolean verhoeff(CharSequence digits) {
        int c = 0;
        int n = digits.length();
        for (int i = 0; i < n; i++) {
            c = MULTIPLY[c][PERMUTE[i % 8][digits.charAt(n - 1 - i) - '0']];
        }
        return c == 0;
    }
}
