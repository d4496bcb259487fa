package io.custodian.erasure.policy;

import io.custodian.policy.PolicySection;
import io.custodian.policy.PolicySet;
import java.util.List;

/** Erasure's sections of the policy set, to register with the loader, and their values in a set. */
public final class ErasurePolicies {
    /** The {@code erasure} section. */
    public static final ErasureSection ERASURE = new ErasureSection();

    private ErasurePolicies() {}

    /** The sections erasure registers. */
    public static List<PolicySection<?>> sections() {
        return List.of(ERASURE);
    }

    /** The erasure policy of a set whose loader registered {@link #sections()}. */
    public static ErasurePolicy erasure(PolicySet set) {
        return set.section(ERASURE);
    }
}
