package io.custodian.erasure.plan;

/**
 * A keyed hash of one identifier value, as plans, reports and logs show it: the same value of the
 * same type always gives the same text, and the text does not give the value back (the key never
 * leaves the service). Implementations must be thread-safe.
 */
@FunctionalInterface
public interface SubjectHasher {
    /** A short, stable, keyed hash of {@code value} of identifier type {@code type}. */
    String hash(String type, String value);
}
