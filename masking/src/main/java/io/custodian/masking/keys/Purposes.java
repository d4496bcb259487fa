package io.custodian.masking.keys;

import java.util.regex.Pattern;

/**
 * The rule for purpose names ({@code contact}, {@code payments}): a lower-case letter, then up to
 * 63 lower-case letters, digits, {@code _} or {@code -}. Names are safe to write in logs, audit
 * entries and configuration.
 */
public final class Purposes {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

    private Purposes() {}

    /** Whether {@code name} is a well-formed purpose name. */
    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** Returns {@code name} if well formed; otherwise throws without echoing it. */
    public static String requireValid(String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException(
                    "a purpose name is a lower-case letter followed by up to 63 of [a-z0-9_-]");
        }
        return name;
    }
}
