package io.custodian.server.scan;

import io.custodian.scanner.ColumnClassification;
import io.custodian.scanner.ColumnClassifier;
import io.custodian.scanner.ColumnSample;
import java.util.List;
import java.util.regex.Pattern;

/** A stand-in at the classifier seam for server tests: EMAIL_ADDRESS when 80% of values have an address's shape. */
public final class ShapeClassifier implements ColumnClassifier {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[a-z]{2,}");

    @Override
    public List<ColumnClassification> classify(ColumnSample column) {
        int matched = (int) column.values().stream().filter(v -> EMAIL.matcher(v).matches()).count();
        if (column.values().isEmpty() || matched < 0.8 * column.values().size()) {
            return List.of();
        }
        return List.of(new ColumnClassification("EMAIL_ADDRESS", (double) matched / column.values().size(),
                "address-shaped values", column.values().size(), matched));
    }

    @Override
    public String detectorVersion() {
        return "server-test-shape-1";
    }
}
