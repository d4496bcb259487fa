package io.custodian.scanner.classify;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the classifier needs to know of a column's sampled values as a whole: the trimmed non-empty
 * values, how many are distinct, and whether they read as booleans or as free text.
 */
final class ValueProfile {
    private static final Set<String> BOOLEAN_LITERALS = Set.of(
            "true", "false", "t", "f", "yes", "no", "y", "n", "0", "1", "si", "oui", "non", "ja", "nein", "sim",
            "nao", "vero", "falso", "verdadero", "waar", "onwaar", "nee");

    final List<String> values;
    final int distinct;
    final boolean booleanLike;
    final boolean freeText;

    private ValueProfile(List<String> values, int distinct, boolean booleanLike, boolean freeText) {
        this.values = values;
        this.distinct = distinct;
        this.booleanLike = booleanLike;
        this.freeText = freeText;
    }

    static ValueProfile of(List<String> raw) {
        List<String> values = new ArrayList<>(raw.size());
        Set<String> seen = new HashSet<>();
        boolean booleans = true;
        int withSpaces = 0;
        long totalLength = 0;
        long totalWords = 0;
        for (String value : raw) {
            if (value == null) {
                continue;
            }
            String trimmed = value.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            values.add(trimmed);
            seen.add(trimmed);
            totalLength += trimmed.length();
            if (trimmed.indexOf(' ') > 0) {
                withSpaces++;
                totalWords += countWords(trimmed);
            } else {
                totalWords++;
            }
            if (booleans && (trimmed.length() > 9 || !BOOLEAN_LITERALS.contains(trimmed.toLowerCase(Locale.ROOT)))) {
                booleans = false;
            }
        }
        int n = values.size();
        boolean booleanLike = n > 0 && booleans && seen.size() <= 2;
        // Text worth searching inside: most values have several words and run long enough to be
        // notes or messages. Short multi-word values (names, phone numbers with spaces) are not.
        boolean freeText = n > 0 && withSpaces * 2 >= n && totalLength / n >= 20 && totalWords >= 3L * n;
        return new ValueProfile(List.copyOf(values), seen.size(), booleanLike, freeText);
    }

    private String[][] words;

    /** The words of each value, split once for every type searched for in text. */
    String[] words(int index) {
        if (words == null) {
            words = new String[values.size()][];
        }
        String[] split = words[index];
        if (split == null) {
            split = TextSearch.words(values.get(index));
            words[index] = split;
        }
        return split;
    }

    private static int countWords(String text) {
        int words = 0;
        boolean inWord = false;
        int length = Math.min(text.length(), 4096);
        for (int i = 0; i < length; i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }

    int size() {
        return values.size();
    }

    /** Few distinct values among many: a category (status, type, country), not identifiers. */
    boolean categorical() {
        int n = values.size();
        return (n >= 20 && distinct <= 5) || (n >= 8 && distinct <= 2);
    }
}
