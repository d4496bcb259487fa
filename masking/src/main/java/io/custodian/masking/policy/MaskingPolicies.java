package io.custodian.masking.policy;

import io.custodian.policy.PolicySection;
import io.custodian.policy.PolicySet;
import io.custodian.policy.PolicySetLoader;
import java.util.List;

/**
 * Masking's section of the policy set, {@code masking}, to register with a {@link PolicySetLoader}
 * (together with the other capabilities' sections), and its value in a set.
 */
public final class MaskingPolicies {
    /** The {@code masking} section. */
    public static final MaskingSection MASKING = new MaskingSection();

    private MaskingPolicies() {}

    /** The sections masking registers. */
    public static List<PolicySection<?>> sections() {
        return List.of(MASKING);
    }

    /**
     * A loader that knows masking's sections and {@code others} (the shipped policy file also holds
     * the scanner's sections, so a loader needs those too: {@code loader(ScannerPolicies.sections())}).
     */
    public static PolicySetLoader loader(List<? extends PolicySection<?>> others) {
        List<PolicySection<?>> all = new java.util.ArrayList<>(sections());
        all.addAll(others);
        return new PolicySetLoader(all);
    }

    /** The masking policy of a set whose loader registered {@link #sections()}. */
    public static MaskingPolicy masking(PolicySet set) {
        return set.section(MASKING);
    }
}
