package io.custodian.scanner.detect;

import java.text.Normalizer;
import java.util.Locale;
import java.util.List;
import java.util.Set;

/** Values naming a gender or sex, in the languages the scanner's name vocabulary covers. */
public final class Genders implements ValueValidator {
    private static final Set<String> TERMS = Set.copyOf(List.of(
            "m", "f", "x", "d", "w", "h", "v", "u",
            "male", "female", "man", "woman", "other", "non-binary", "nonbinary", "non binary", "diverse",
            "prefer not to say", "not specified", "unspecified", "intersex", "transgender",
            "hombre", "mujer", "masculino", "femenino", "otro", "otra", "no binario",
            "homme", "femme", "masculin", "feminin", "autre", "non binaire",
            "mannlich", "weiblich", "divers", "maennlich", "mann", "frau",
            "masculina", "feminina", "outro",
            "maschio", "femmina", "uomo", "donna", "altro",
            "mannelijk", "vrouwelijk", "vrouw", "anders"));

    @Override
    public boolean isValid(String value) {
        if (value.length() > 20) {
            return false;
        }
        return TERMS.contains(fold(value));
    }

    /** Whether the value is a whole word rather than a one-letter code. */
    public static boolean isWord(String value) {
        return value.length() > 1;
    }

    static String fold(String value) {
        String lower = value.toLowerCase(Locale.ROOT).trim();
        if (lower.chars().allMatch(c -> c < 128)) {
            return lower;
        }
        return Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }
}
