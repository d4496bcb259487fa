package io.custodian.catalog.text;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What text Custodian accepts at its edges, the same for every store: valid UTF-8 only (no
 * overlong forms, no encoded surrogates), no NUL (PostgreSQL cannot store it in text), no unpaired
 * surrogate (UTF-8 cannot carry it, so it would be stored as something else), and names without
 * control characters that are not only white space. One rule for every entry point, so what is
 * acknowledged can always be stored, and is stored as it was checked.
 */
public final class TextRules {
    private TextRules() {}

    /**
     * The offset of the first byte that is not well-formed UTF-8 (RFC 3629: shortest form only,
     * no surrogates, nothing above U+10FFFF), or empty when every byte is.
     */
    public static OptionalInt invalidUtf8(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int length;
            int min;
            if (b >= 0xC2 && b <= 0xDF) {
                length = 2;
                min = 0x80;
            } else if (b >= 0xE0 && b <= 0xEF) {
                length = 3;
                min = 0x800;
            } else if (b >= 0xF0 && b <= 0xF4) {
                length = 4;
                min = 0x10000;
            } else {
                return OptionalInt.of(i); // a continuation byte first, an overlong C0/C1 lead, or F5..FF
            }
            if (i + length > n) {
                return OptionalInt.of(i);
            }
            int code = b & (0xFF >> (length + 1));
            for (int k = 1; k < length; k++) {
                int c = bytes[i + k] & 0xFF;
                if ((c & 0xC0) != 0x80) {
                    return OptionalInt.of(i);
                }
                code = (code << 6) | (c & 0x3F);
            }
            if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
                return OptionalInt.of(i);
            }
            i += length;
        }
        return OptionalInt.empty();
    }

    /** Why {@code text} cannot be stored as it is (a NUL, an unpaired surrogate), or empty when it can. */
    public static Optional<String> unstorable(String text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return Optional.of("contains a NUL character (at character " + i + ")");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return Optional.of("contains an unpaired surrogate (at character " + i + ")");
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of("contains an unpaired surrogate (at character " + i + ")");
            }
        }
        return Optional.empty();
    }

    /**
     * The most UTF-8 bytes a name may have. Names are unique keys, and PostgreSQL refuses an index
     * entry over about 2.7 KB: 2,048 characters of text that needs three or four bytes each (and
     * does not compress) would be acknowledged and then fail to apply.
     */
    public static final int MAX_NAME_BYTES = 2048;

    /**
     * Why {@code name} is not acceptable as a name (of a namespace, dataset, field, job, key or
     * request): unstorable, longer than {@link #MAX_NAME_BYTES} in UTF-8, a control character, or
     * nothing but white space; empty when it is.
     */
    public static Optional<String> badName(String name) {
        Optional<String> unstorable = unstorable(name);
        if (unstorable.isPresent()) {
            return unstorable;
        }
        int bytes = utf8Length(name);
        if (bytes > MAX_NAME_BYTES) {
            return Optional.of("is " + bytes + " bytes in UTF-8, more than the " + MAX_NAME_BYTES + " a name may have");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                return Optional.of("contains a control character (U+" + String.format("%04X", (int) name.charAt(i))
                        + " at character " + i + ")");
            }
        }
        if (name.isBlank()) {
            return Optional.of("is only white space");
        }
        return Optional.empty();
    }

    /** The length of {@code text} in UTF-8, without encoding it. */
    public static int utf8Length(CharSequence text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
