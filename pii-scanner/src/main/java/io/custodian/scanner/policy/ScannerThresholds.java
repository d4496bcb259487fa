package io.custodian.scanner.policy;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * The confidence at or above which the scanner reports a classification: one reporting threshold,
 * and optional per-type overrides for types whose evidence is noisier or whose miss costs more.
 *
 * @param reportingThreshold the default threshold, in [0, 1]
 * @param overrides per-type thresholds, each in [0, 1]
 */
public record ScannerThresholds(double reportingThreshold, Map<String, Double> overrides) {
    public ScannerThresholds {
        requireNonNull(overrides, "overrides is null");
        checkRange("reporting threshold", reportingThreshold);
        overrides.forEach((type, threshold) -> checkRange("threshold of " + type, threshold));
        overrides = Map.copyOf(overrides);
    }

    /** The threshold that applies to one type. */
    public double threshold(String type) {
        return overrides.getOrDefault(type, reportingThreshold);
    }

    private static void checkRange(String what, Double value) {
        if (value == null || !(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(what + " must be in [0, 1]: " + value);
        }
    }
}
