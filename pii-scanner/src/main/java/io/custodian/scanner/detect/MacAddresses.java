package io.custodian.scanner.detect;

/**
 * MAC-48 addresses: six hex pairs separated consistently by colons or dashes, or three groups of
 * four separated by dots (Cisco style). Bare twelve-hex strings are not accepted: hashes and keys
 * look the same.
 */
public final class MacAddresses implements ValueValidator {
    @Override
    public boolean isValid(String value) {
        int length = value.length();
        if (length == 17) {
            char separator = value.charAt(2);
            if (separator != ':' && separator != '-') {
                return false;
            }
            for (int i = 0; i < 17; i++) {
                char c = value.charAt(i);
                if (i % 3 == 2 ? c != separator : !Digits.isHex(c)) {
                    return false;
                }
            }
            return true;
        }
        if (length == 14) {
            for (int i = 0; i < 14; i++) {
                char c = value.charAt(i);
                if (i % 5 == 4 ? c != '.' : !Digits.isHex(c)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
