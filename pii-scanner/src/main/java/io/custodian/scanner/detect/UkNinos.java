package io.custodian.scanner.detect;

/**
 * United Kingdom National Insurance numbers: a two-letter prefix, six digits and a suffix A-D,
 * spaces allowed between pairs. The prefix rules are HMRC's: D, F, I, Q, U and V never appear, O
 * never second, and BG, GB, NK, KN, TN, NT and ZZ are not allocated.
 */
public final class UkNinos implements ValueValidator {
    @Override
    public boolean isValid(String value) {
        int length = value.length();
        if (length < 9 || length > 13) {
            return false;
        }
        char[] compact = new char[9];
        int count = 0;
        for (int i = 0; i < length; i++) {
            char c = Character.toUpperCase(value.charAt(i));
            if (c == ' ') {
                continue;
            }
            if (count == 9) {
                return false;
            }
            compact[count++] = c;
        }
        if (count != 9) {
            return false;
        }
        char a = compact[0];
        char b = compact[1];
        if (!Digits.isUpperLetter(a) || !Digits.isUpperLetter(b) || "DFIQUV".indexOf(a) >= 0 || "DFIQUVO".indexOf(b) >= 0) {
            return false;
        }
        String prefix = "" + a + b;
        if (prefix.equals("BG") || prefix.equals("GB") || prefix.equals("NK") || prefix.equals("KN")
                || prefix.equals("TN") || prefix.equals("NT") || prefix.equals("ZZ")) {
            return false;
        }
        for (int i = 2; i < 8; i++) {
            if (compact[i] < '0' || compact[i] > '9') {
                return false;
            }
        }
        return compact[8] >= 'A' && compact[8] <= 'D';
    }
}
