package io.custodian.masking.tokens;

/** UTF-8 lengths without encoding. */
final class Utf8 {
    private Utf8() {}

    /**
     * The UTF-8 length of {@code text}, or -1 when it holds an unpaired surrogate (which UTF-8
     * cannot carry: it would come back as {@code ?}), or {@code limit + 1} as soon as it is over {@code limit}.
     */
    static int length(String text, int limit) {
        int bytes = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 >= n || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return -1;
                }
                i++;
                bytes += 4;
            } else if (Character.isLowSurrogate(c)) {
                return -1;
            } else {
                bytes += 3;
            }
            if (bytes > limit) {
                return limit + 1;
            }
        }
        return bytes;
    }
}
