package io.custodian.scanner.detect;

/**
 * Values shaped like a person's name: one to five words of letters (any script), each starting with
 * a capital, with apostrophes, hyphens and an abbreviating dot allowed ({@code Sra.},
 * {@code O'Brien}, {@code Jean-Luc}). Shape alone cannot tell a name from a city or a product, so
 * the classifier wants the column's name to agree.
 */
public final class PersonNames implements ValueValidator {
    @Override
    public boolean isValid(String value) {
        int length = value.length();
        if (length < 2 || length > 60) {
            return false;
        }
        int words = 0;
        boolean wordStart = true;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c == ' ') {
                if (wordStart) {
                    return false; // two spaces, or a leading space
                }
                wordStart = true;
                continue;
            }
            if (wordStart) {
                if (!Character.isUpperCase(c) && !Character.isTitleCase(c)) {
                    return false;
                }
                words++;
                wordStart = false;
            } else if (!Character.isLetter(c) && c != '\'' && c != '-' && c != '.' && c != '\u2019') {
                return false;
            }
        }
        return !wordStart && words <= 5;
    }
}
