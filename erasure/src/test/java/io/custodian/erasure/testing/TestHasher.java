package io.custodian.erasure.testing;

import io.custodian.erasure.plan.SubjectHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A keyed hash for tests: SHA-256 of a fixed key, the type and the value; 16 hex digits, as the service shows. */
public final class TestHasher implements SubjectHasher {
    @Override
    public String hash(String type, String value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update("test-key\0".getBytes(StandardCharsets.UTF_8));
            digest.update((type + "\0" + value).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
