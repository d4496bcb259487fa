package io.custodian.catalog.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over a sequence of nullable strings, each length-prefixed so that no two different
 * sequences collide by concatenation.
 */
public final class Hashing {
    private final MessageDigest digest;

    private Hashing() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    public static Hashing sha256() {
        return new Hashing();
    }

    public Hashing add(String value) {
        if (value == null) {
            digest.update(new byte[] {0, 0, 0, 0, 0});
            return this;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update((byte) 1);
        digest.update(new byte[] {
            (byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8), (byte) bytes.length
        });
        digest.update(bytes);
        return this;
    }

    public String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String of(String value) {
        return sha256().add(value).hex();
    }
}
