package io.custodian.scanner.detect;

/** Extracting the digits of a formatted number (spaces, dashes, dots) without regular expressions. */
final class Digits {
    private Digits() {}

    /**
     * The digits of the value if it holds only digits and the given separators, with between
     * {@code min} and {@code max} digits; otherwise null.
     */
    static String strip(String value, String separators, int min, int max) {
        int length = value.length();
        if (length < min || length > max * 2) {
            return null;
        }
        char[] digits = new char[Math.min(length, max)];
        int count = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                if (count == max) {
                    return null;
                }
                digits[count++] = c;
            } else if (separators.indexOf(c) < 0) {
                return null;
            }
        }
        return count < min ? null : new String(digits, 0, count);
    }

    static boolean allDigits(CharSequence value, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static boolean isUpperLetter(char c) {
        return c >= 'A' && c <= 'Z';
    }

    static boolean isUpperAlnum(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
