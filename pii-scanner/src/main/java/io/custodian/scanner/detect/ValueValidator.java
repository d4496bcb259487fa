package io.custodian.scanner.detect;

/**
 * Decides whether one trimmed, non-empty value is an instance of a type. Implementations run the
 * cheap checks (length, first character, character classes) before any arithmetic, are stateless,
 * and never throw or log the value.
 */
@FunctionalInterface
public interface ValueValidator {
    boolean isValid(String value);
}
