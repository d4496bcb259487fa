package io.custodian.scanner;

import io.custodian.policy.PolicySet;
import java.util.List;

/**
 * Decides which types of personal data a column holds, from its name, table, declared type,
 * description and sampled values. Implementations are thread-safe: a scan classifies many
 * columns at once.
 */
public interface ColumnClassifier {
    /** Every type the column holds at or above the policy's reporting threshold, most confident first. */
    List<ColumnClassification> classify(ColumnSample column);

    /**
     * As {@link #classify(ColumnSample)}, under the given policy set (thresholds, taxonomy), so that a
     * caller that records the set's version knows it is the one used. Classifiers the policy does not
     * steer ignore it.
     */
    default List<ColumnClassification> classify(ColumnSample column, PolicySet policy) {
        return classify(column);
    }

    /** Identifies the detector rules, stored with every classification so a re-scan can tell what changed. */
    String detectorVersion();
}
