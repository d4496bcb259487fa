package io.custodian.scanner.detect;

import java.util.Locale;
import java.util.Set;

/**
 * Business identifier codes (ISO 9362, "SWIFT codes"): four letters for the institution, an ISO 3166
 * country, two characters for the location and an optional three-character branch.
 */
public final class SwiftBics implements ValueValidator {
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    @Override
    public boolean isValid(String value) {
        int length = value.length();
        if (length != 8 && length != 11) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            if (!Digits.isUpperLetter(value.charAt(i))) {
                return false;
            }
        }
        for (int i = 6; i < length; i++) {
            if (!Digits.isUpperAlnum(value.charAt(i))) {
                return false;
            }
        }
        // Country code "XK" (Kosovo) is used by SWIFT though not in ISO 3166.
        String country = value.substring(4, 6);
        return COUNTRIES.contains(country) || country.equals("XK");
    }
}
