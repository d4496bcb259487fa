package io.custodian.scanner.policy;

import io.custodian.policy.PolicySection;
import io.custodian.policy.PolicySet;
import io.custodian.policy.PolicySetLoader;
import io.custodian.policy.PolicySources;
import java.nio.file.Path;
import java.util.List;

/**
 * The scanner's sections of the policy set, {@code scanner} and {@code propagation}, to register with
 * a {@link PolicySetLoader}, and their values in a set.
 */
public final class ScannerPolicies {
    /** The {@code scanner} section: reporting thresholds. */
    public static final ScannerSection SCANNER = new ScannerSection();
    /** The {@code propagation} section: which lineage edges carry which classification. */
    public static final PropagationSection PROPAGATION = new PropagationSection();

    private ScannerPolicies() {}

    /** The sections the scanner registers. */
    public static List<PolicySection<?>> sections() {
        return List.of(SCANNER, PROPAGATION);
    }

    /** A loader that knows the scanner's sections (and no other capability's). */
    public static PolicySetLoader loader() {
        return new PolicySetLoader(sections());
    }

    /** The shipped policy set. */
    public static PolicySet defaults() {
        return loader().load(PolicySources.shipped());
    }

    /** The shipped policy set with one file laid over it ({@code scan-file --policy}). */
    public static PolicySet withFile(Path file) {
        return loader().load(PolicySources.file(file));
    }

    public static ScannerThresholds thresholds(PolicySet set) {
        return set.section(SCANNER);
    }

    public static PropagationPolicy propagation(PolicySet set) {
        return set.section(PROPAGATION);
    }
}
