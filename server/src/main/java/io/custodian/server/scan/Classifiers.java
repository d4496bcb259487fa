package io.custodian.server.scan;

import io.custodian.policy.ClassificationPolicy;
import io.custodian.scanner.ColumnClassifier;
import java.util.ServiceLoader;

/** Finds the column classifier the scanner uses. */
public final class Classifiers {
    private Classifiers() {}

    /** The classifier registered on the class path (META-INF/services); the service cannot scan without one. */
    public static ColumnClassifier installed(ClassificationPolicy policy) {
        return ServiceLoader.load(ColumnClassifier.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no column classifier is on the class path"));
    }
}
