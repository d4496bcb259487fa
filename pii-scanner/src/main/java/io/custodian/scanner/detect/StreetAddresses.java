package io.custodian.scanner.detect;

import java.text.Normalizer;
import java.util.Locale;
import java.util.List;
import java.util.Set;

/**
 * Values shaped like a street address: a house number and a street-type word in one of the covered
 * languages ({@code 12 Main Street}, {@code Calle Mayor 5}, {@code 8 rue de Rivoli},
 * {@code Hauptstrasse 12}, {@code Keizersgracht 123}, {@code Via Roma 1}).
 */
public final class StreetAddresses implements ValueValidator {
    private static final Set<String> STREET_WORDS = Set.copyOf(List.of(
            // English (USPS and Royal Mail street suffixes)
            "street", "st", "avenue", "ave", "av", "road", "rd", "lane", "ln", "drive", "dr", "boulevard", "blvd",
            "way", "court", "ct", "place", "pl", "square", "sq", "terrace", "parkway", "pkwy", "highway", "hwy",
            "circle", "cir", "trail", "crescent", "close", "alley", "row", "plaza", "turnpike", "knoll", "knolls",
            "glen", "glens", "park", "parks", "ways", "heights", "hill", "hills", "mews", "walk", "grove", "gardens",
            "green", "view", "vista", "ridge", "crossing", "meadow", "meadows", "pike", "loop", "path", "point",
            "estates", "field", "fields", "harbor", "harbour", "island", "lake", "lakes", "landing", "manor",
            "mill", "mills", "orchard", "pass", "port", "ranch", "river", "route", "shore", "shores", "spring",
            "springs", "station", "summit", "track", "valley", "village", "villages", "well", "wells", "bridge",
            "ford", "club", "junction", "expressway", "freeway", "mall", "motorway", "bypass", "causeway", "wharf",
            // Spanish
            "calle", "c", "avenida", "avda", "plaza", "paseo", "camino", "carrera", "ronda", "travesia",
            "carretera", "glorieta", "pasaje", "callejon", "urbanizacion", "bloque", "piso", "puerta", "arrabal",
            "barrio", "colonia", "rambla", "bulevar", "cuesta", "poligono", "sector", "esc",
            // French
            "rue", "allee", "chemin", "impasse", "quai", "passage", "voie", "cours", "bd", "faubourg", "rond",
            "square", "etage", "residence", "hameau", "lieu",
            // Portuguese
            "rua", "travessa", "praca", "largo", "estrada", "alameda", "rodovia", "beco", "ladeira", "andar", "viela", "vila",
            // Italian
            "via", "viale", "piazza", "corso", "vicolo", "strada", "contrada", "piazzale", "lungomare", "borgo",
            "incrocio", "rotonda", "salita", "traversa", "vico", "localita", "frazione", "piano",
            // German
            "strasse", "str", "weg", "platz", "allee", "gasse", "ring", "damm", "chaussee", "ufer", "am", "an",
            "im", "zum", "zur", "auf", "hinter", "unter",
            // Dutch
            "straat", "laan", "plein", "gracht", "kade", "singel", "dijk", "steeg", "hof", "markt"));
    /** Suffixes that form street names by compounding, as German and Dutch do. */
    private static final String[] COMPOUND_SUFFIXES = {
        "strasse", "str", "weg", "platz", "allee", "gasse", "ring", "damm", "straat", "laan", "plein", "gracht",
        "kade", "singel", "dijk", "steeg", "park", "dreef", "hof", "markt"};

    @Override
    public boolean isValid(String value) {
        int length = value.length();
        if (length < 5 || length > 120) {
            return false;
        }
        // The house number sits within a few words of the street-type word: "12 Main Street",
        // "Hauptstrasse 12", "Calle Mayor 5". Prose mentioning a number and a road does not.
        int lastNumber = -100;
        int lastStreetWord = -200;
        boolean adjacent = false;
        int words = 0;
        int start = -1;
        for (int i = 0; i <= length; i++) {
            char c = i == length ? ' ' : value.charAt(i);
            boolean separator = c == ' ' || c == ',' || c == '\n';
            if (!separator && start < 0) {
                start = i;
            } else if (separator && start >= 0) {
                String word = value.substring(start, i);
                if (Character.isDigit(word.charAt(0))) {
                    lastNumber = words;
                } else if (isStreetWord(word)) {
                    lastStreetWord = words;
                }
                if (Math.abs(lastNumber - lastStreetWord) <= 3) {
                    adjacent = true;
                }
                words++;
                start = -1;
            }
        }
        return adjacent && words >= 2 && words <= 14;
    }

    private static boolean isStreetWord(String word) {
        String folded = fold(word);
        if (STREET_WORDS.contains(folded)) {
            return true;
        }
        for (String suffix : COMPOUND_SUFFIXES) {
            if (folded.length() >= suffix.length() + 3 && folded.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    private static String fold(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".")) {
            lower = lower.substring(0, lower.length() - 1);
        }
        lower = lower.replace("\u00df", "ss");
        boolean ascii = true;
        for (int i = 0; i < lower.length(); i++) {
            if (lower.charAt(i) > 127) {
                ascii = false;
                break;
            }
        }
        return ascii ? lower : Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }
}
