package io.custodian.erasure.policy;

import io.custodian.erasure.retention.RetentionPolicy;
import io.custodian.erasure.retention.RetentionSection;
import io.custodian.policy.PolicySection;
import io.custodian.policy.PolicySet;
import java.util.List;

/** Erasure's sections of the policy set, to register with the loader, and their values in a set. */
public final class ErasurePolicies {
    /** The {@code erasure} section. */
    public static final ErasureSection ERASURE = new ErasureSection();
    /** The {@code retention} section. */
    public static final RetentionSection RETENTION = new RetentionSection();

    private ErasurePolicies() {}

    /** The sections erasure registers. */
    public static List<PolicySection<?>> sections() {
        return List.of(ERASURE, RETENTION);
    }

    /** The erasure policy of a set whose loader registered {@link #sections()}. */
    public static ErasurePolicy erasure(PolicySet set) {
        return set.section(ERASURE);
    }

    /** The retention policy of a set whose loader registered {@link #sections()}. */
    public static RetentionPolicy retention(PolicySet set) {
        return set.section(RETENTION);
    }
}
