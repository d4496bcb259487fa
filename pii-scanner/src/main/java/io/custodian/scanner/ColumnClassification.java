package io.custodian.scanner;

import static java.util.Objects.requireNonNull;

/**
 * The scanner's verdict that a column holds one type of personal data.
 *
 * @param type the canonical type name, such as {@code EMAIL_ADDRESS}
 * @param confidence how sure the scanner is, in [0, 1]
 * @param explanation which signals fired, in words a steward can check; never contains values
 * @param sampleSize how many values were examined
 * @param matchedValues how many of them validated as this type
 */
public record ColumnClassification(
        String type, double confidence, String explanation, int sampleSize, int matchedValues) {
    public ColumnClassification {
        requireNonNull(type, "type is null");
        requireNonNull(explanation, "explanation is null");
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be in [0, 1]: " + confidence);
        }
        if (sampleSize < 0 || matchedValues < 0 || matchedValues > sampleSize) {
            throw new IllegalArgumentException("bad counts: " + matchedValues + " of " + sampleSize);
        }
    }
}
