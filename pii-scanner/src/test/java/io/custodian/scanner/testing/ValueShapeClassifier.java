package io.custodian.scanner.testing;

import io.custodian.scanner.ColumnClassification;
import io.custodian.scanner.ColumnClassifier;
import io.custodian.scanner.ColumnSample;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A stand-in at the classifier seam for tests of scan mechanics: a column is EMAIL_ADDRESS when
 * at least 80% of its sampled values look like addresses. Not a detector; the real one is tested
 * where it lives.
 */
public final class ValueShapeClassifier implements ColumnClassifier {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[a-z]{2,}");

    @Override
    public List<ColumnClassification> classify(ColumnSample column) {
        List<String> values = column.values();
        if (values.isEmpty()) {
            return List.of();
        }
        int matched = (int) values.stream().filter(v -> EMAIL.matcher(v).matches()).count();
        if (matched < 0.8 * values.size()) {
            return List.of();
        }
        return List.of(new ColumnClassification("EMAIL_ADDRESS", (double) matched / values.size(),
                matched + " of " + values.size() + " values have an address's shape", values.size(), matched));
    }

    @Override
    public String detectorVersion() {
        return "test-shape-1";
    }
}
