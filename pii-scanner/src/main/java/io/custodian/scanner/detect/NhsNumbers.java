package io.custodian.scanner.detect;

/**
 * NHS numbers: ten digits (often grouped 3-3-4), the last a modulus 11 check digit over the first
 * nine weighted 10 down to 2; a remainder giving check 10 is never issued.
 */
public final class NhsNumbers implements ValueValidator {
    @Override
    public boolean isValid(String value) {
        char first = value.charAt(0);
        if (first < '0' || first > '9') {
            return false;
        }
        String digits = Digits.strip(value, " -", 10, 10);
        if (digits == null) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - sum % 11;
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == digits.charAt(9) - '0' && !allSame(digits);
    }

    private static boolean allSame(String digits) {
        for (int i = 1; i < digits.length(); i++) {
            if (digits.charAt(i) != digits.charAt(0)) {
                return false;
            }
        }
        return true;
    }
}
