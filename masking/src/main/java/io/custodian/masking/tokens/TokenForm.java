package io.custodian.masking.tokens;

import java.util.Base64;
import java.util.HexFormat;

/**
 * The text forms of what the token service returns: a versioned prefix saying what it is, then
 * base64url without padding (or hex for pseudonyms). None contains a comma, quote, semicolon or
 * whitespace, so the text can go into SQL literals and CSV fields as it is.
 */
public enum TokenForm {
    /** A deterministic token: {@code tk1_} and base64url of Tink's ciphertext (key id prefix included). */
    TOKEN("tk1_"),
    /** A randomised ciphertext: {@code ec1_} and base64url. */
    CIPHERTEXT("ec1_"),
    /** A pseudonym: {@code ps1_} and 64 hex digits. */
    PSEUDONYM("ps1_");

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final HexFormat HEX = HexFormat.of();
    private final String prefix;

    TokenForm(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** The text of {@code bytes} in this form. */
    public String format(byte[] bytes) {
        return prefix.concat(this == PSEUDONYM ? HEX.formatHex(bytes) : ENCODER.encodeToString(bytes));
    }

    /**
     * The bytes of {@code text}, or null when it is not of this form (wrong prefix, a character
     * outside the alphabet, longer than {@code maxChars}).
     */
    byte[] parse(String text, int maxChars) {
        if (text.length() > maxChars || !text.startsWith(prefix)) {
            return null;
        }
        String body = text.substring(prefix.length());
        if (body.indexOf('=') >= 0) {
            return null; // the form is unpadded: one text per token
        }
        try {
            return this == PSEUDONYM ? HEX.parseHex(body) : DECODER.decode(body);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The longest text of this form for {@code bytes} bytes. */
    int maxChars(int bytes) {
        return prefix.length() + (this == PSEUDONYM ? 2 * bytes : (bytes * 4 + 2) / 3);
    }
}
