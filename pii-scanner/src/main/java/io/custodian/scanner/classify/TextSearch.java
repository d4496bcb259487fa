package io.custodian.scanner.classify;

import io.custodian.scanner.detect.ValueValidator;

/**
 * Looks for one type of personal data inside free text: each word, stripped of surrounding
 * punctuation, and each run of up to five words (numbers written in groups: card numbers, IBANs,
 * phone numbers, NINOs) is offered to the type's standalone validator.
 */
final class TextSearch {
    private static final int MAX_RUN = 5;
    private static final int MAX_RUN_CHARS = 42;

    private TextSearch() {}

    /** Whether some word or run of words in the text validates. */
    static boolean contains(String text, ValueValidator validator) {
        int length = text.length();
        int[] starts = new int[64];
        int[] ends = new int[64];
        int words = 0;
        int i = 0;
        while (i < length) {
            while (i < length && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < length && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                int s = start;
                int e = i;
                while (s < e && isEdgePunctuation(text.charAt(s))) {
                    s++;
                }
                while (e > s && isEdgePunctuation(text.charAt(e - 1))) {
                    e--;
                }
                if (e > s) {
                    if (validator.isValid(text.substring(s, e))) {
                        return true;
                    }
                    if (words == starts.length) {
                        starts = java.util.Arrays.copyOf(starts, words * 2);
                        ends = java.util.Arrays.copyOf(ends, words * 2);
                    }
                    starts[words] = s;
                    ends[words] = e;
                    words++;
                }
            }
        }
        for (int w = 0; w < words; w++) {
            char first = text.charAt(starts[w]);
            if (!Character.isDigit(first) && first != '+' && !Character.isUpperCase(first)) {
                continue;
            }
            StringBuilder run = new StringBuilder(text.substring(starts[w], ends[w]));
            for (int k = 1; k < MAX_RUN && w + k < words; k++) {
                run.append(' ').append(text, starts[w + k], ends[w + k]);
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

    private static boolean isEdgePunctuation(char c) {
        return "()[]{}<>\"'`,;:!?.".indexOf(c) >= 0;
    }
}
