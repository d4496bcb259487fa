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
            }
            if (booleans && (trimmed.length() > 9 || !BOOLEAN_LITERALS.contains(trimmed.toLowerCase(Locale.ROOT)))) {
                booleans = false;
            }
        }
        int n = values.size();
        boolean booleanLike = n > 0 && booleans && seen.size() <= 2;
        // Prose: most values have several words and they run long; names and addresses are shorter.
        boolean freeText = n > 0 && withSpaces * 2 >= n && totalLength / n >= 30;
        return new ValueProfile(List.copyOf(values), seen.size(), booleanLike, freeText);
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
