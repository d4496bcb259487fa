package io.custodian.masking.tokens;

import java.nio.charset.StandardCharsets;
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

    private static final byte[] BASE64URL =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final HexFormat HEX = HexFormat.of();
    private final String prefix;
    private final byte[] prefixBytes;

    TokenForm(String prefix) {
        this.prefix = prefix;
        this.prefixBytes = prefix.getBytes(StandardCharsets.US_ASCII);
    }

    public String prefix() {
        return prefix;
    }

    /** The text of {@code bytes} in this form. */
    public String format(byte[] bytes) {
        if (this == PSEUDONYM) {
            return prefix.concat(HEX.formatHex(bytes));
        }
        // Base64url (unpadded) written straight after the prefix: one array and one string per
        // token, where encodeToString and a concatenation make three of each (tokenizing is hot).
        int n = bytes.length;
        byte[] out = new byte[prefixBytes.length + (n * 4 + 2) / 3];
        System.arraycopy(prefixBytes, 0, out, 0, prefixBytes.length);
        int o = prefixBytes.length;
        int i = 0;
        for (; i + 3 <= n; i += 3) {
            int v = (bytes[i] & 0xff) << 16 | (bytes[i + 1] & 0xff) << 8 | bytes[i + 2] & 0xff;
            out[o++] = BASE64URL[v >>> 18];
            out[o++] = BASE64URL[v >>> 12 & 63];
            out[o++] = BASE64URL[v >>> 6 & 63];
            out[o++] = BASE64URL[v & 63];
        }
        if (i < n) {
            int v = (bytes[i] & 0xff) << 16 | (i + 1 < n ? (bytes[i + 1] & 0xff) << 8 : 0);
            out[o++] = BASE64URL[v >>> 18];
            out[o++] = BASE64URL[v >>> 12 & 63];
            if (i + 1 < n) {
                out[o] = BASE64URL[v >>> 6 & 63];
            }
        }
        return new String(out, StandardCharsets.ISO_8859_1);
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
