package io.custodian.scanner.classify;

import io.custodian.scanner.detect.ValueValidator;
import java.util.ArrayList;
import java.util.List;

/**
 * Looks for one type of personal data inside free text: each word, stripped of surrounding
 * punctuation, and each run of up to nine words (numbers written in groups: card numbers, IBANs,
 * phone numbers, NINOs) is offered to the type's standalone validator. A text is split into words
 * once and searched for every type.
 */
final class TextSearch {
    private static final int MAX_RUN = 9;
    private static final int MAX_RUN_CHARS = 42;
    private static final String EDGE_PUNCTUATION = "()[]{}<>\"'`,;:!?.";
    /** Only the start of a long text is searched, to bound the work a hostile value can cause. */
    static final int MAX_TEXT_CHARS = 8192;

    private TextSearch() {}

    /** The words of a text, without the punctuation around them. */
    static String[] words(String text) {
        List<String> words = new ArrayList<>();
        int length = Math.min(text.length(), MAX_TEXT_CHARS);
        int i = 0;
        while (i < length) {
            while (i < length && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < length && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int s = start;
            int e = i;
            while (s < e && EDGE_PUNCTUATION.indexOf(text.charAt(s)) >= 0) {
                s++;
            }
            while (e > s && EDGE_PUNCTUATION.indexOf(text.charAt(e - 1)) >= 0) {
                e--;
            }
            if (e > s) {
                words.add(text.substring(s, e));
            }
        }
        return words.toArray(String[]::new);
    }

    /** Whether some word or run of words validates. */
    static boolean contains(String[] words, ValueValidator validator) {
        for (String word : words) {
            if (validator.isValid(word)) {
                return true;
            }
        }
        // Runs of words are for numbers written in groups ("4111 1111 1111 1111", "DE89 3704 ...",
        // "+44 20 7946 0958", "AB 12 34 56 C"): each word holds a digit, or is a '+' prefix, a
        // two-letter NINO prefix or a one-letter suffix. A run starts where a group starts, so the
        // tail of an IBAN's groups ("0044 0532 0130 00") is not taken for a phone number.
        StringBuilder run = new StringBuilder();
        for (int w = 0; w < words.length; w++) {
            if (!groupStart(words[w]) || (w > 0 && hasDigit(words[w - 1]))) {
                continue;
            }
            run.setLength(0);
            run.append(words[w]);
            for (int k = 1; k < MAX_RUN && w + k < words.length; k++) {
                String next = words[w + k];
                if (!hasDigit(next) && next.length() > 1) {
                    break;
                }
                run.append(' ').append(next);
                if (run.length() > MAX_RUN_CHARS) {
                    break;
                }
                if (validator.isValid(run.toString())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean groupStart(String word) {
        char first = word.charAt(0);
        return first == '+' || hasDigit(word)
                || (word.length() == 2 && Character.isUpperCase(first) && Character.isUpperCase(word.charAt(1)));
    }

    private static boolean hasDigit(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }
}
