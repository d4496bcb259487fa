package io.custodian.scanner.detect;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits identifiers and prose into lower-case, accent-free words: {@code customerEMailAddress},
 * {@code customer_e_mail_address} and {@code Customer E-Mail Address} all become
 * {@code customer e mail address}; {@code address1} becomes {@code address 1}; {@code Straße}
 * becomes {@code strasse}.
 */
public final class NameTokens {
    private NameTokens() {}

    public static List<String> of(String text) {
        List<String> tokens = new ArrayList<>();
        if (text == null) {
            return tokens;
        }
        String folded = fold(text);
        int length = folded.length();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < length; i++) {
            char c = folded.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                flush(current, tokens);
                continue;
            }
            if (current.length() > 0) {
                char previous = folded.charAt(i - 1);
                boolean lowerToUpper = Character.isLowerCase(previous) && Character.isUpperCase(c);
                boolean acronymEnd = Character.isUpperCase(previous) && Character.isUpperCase(c)
                        && i + 1 < length && Character.isLowerCase(folded.charAt(i + 1));
                boolean digitBoundary = Character.isDigit(previous) != Character.isDigit(c);
                if (lowerToUpper || acronymEnd || digitBoundary) {
                    flush(current, tokens);
                }
            }
            current.append(c);
        }
        flush(current, tokens);
        return tokens;
    }

    private static void flush(StringBuilder current, List<String> tokens) {
        if (current.length() > 0) {
            tokens.add(current.toString().toLowerCase(Locale.ROOT));
            current.setLength(0);
        }
    }

    /** Drops accents and spells out letters that fold to two ({@code ß}, {@code æ}, {@code ø}). */
    static String fold(String text) {
        boolean ascii = true;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 127) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return text;
        }
        String spelled = text.replace("\u00df", "ss").replace("\u00e6", "ae").replace("\u00f8", "o")
                .replace("\u0153", "oe");
        return Normalizer.normalize(spelled, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }
}
