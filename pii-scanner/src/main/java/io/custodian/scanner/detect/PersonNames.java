package io.custodian.scanner.detect;

/**
 * Values shaped like a person's name: one to six words of letters (any script), each starting with
 * a capital except the particles surnames carry ({@code van der}, {@code de la}, {@code von}), with
 * apostrophes, hyphens and an abbreviating dot allowed ({@code Sra.}, {@code O'Brien},
 * {@code Jean-Luc}). Shape alone cannot tell a name from a city or a product, so the classifier
 * wants the column's name to agree.
 */
public final class PersonNames implements ValueValidator {
    private static final java.util.Set<String> PARTICLES = java.util.Set.of("van", "der", "den", "de", "del",
            "della", "di", "da", "das", "do", "dos", "du", "la", "le", "von", "zu", "ten", "ter", "y", "e", "bin",
            "al", "el", "af", "av");

    @Override
    public boolean isValid(String value) {
        int length = value.length();
        if (length < 2 || length > 60) {
            return false;
        }
        int words = 0;
        boolean capitalised = false;
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
                if (Character.isUpperCase(c) || Character.isTitleCase(c)) {
                    capitalised = true;
                } else if (words == 0 || !PARTICLES.contains(wordAt(value, i))) {
                    return false;
                }
                words++;
                wordStart = false;
            } else if (!Character.isLetter(c) && c != '\'' && c != '-' && c != '.' && c != '\u2019') {
                return false;
            }
        }
        return !wordStart && capitalised && words <= 6;
    }

    private static String wordAt(String value, int start) {
        int end = value.indexOf(' ', start);
        return value.substring(start, end < 0 ? value.length() : end);
    }
}
