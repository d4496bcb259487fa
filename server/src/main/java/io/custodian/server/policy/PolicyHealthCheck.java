package io.custodian.server.policy;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.health.HealthCheck;
import io.custodian.policy.PolicyInForce;
import io.custodian.policy.PolicySet;

/** Unhealthy while the policy folder's content is refused (the last good set stays in force). */
public final class PolicyHealthCheck extends HealthCheck {
    private final PolicyInForce policies;

    public PolicyHealthCheck(PolicyInForce policies) {
        this.policies = requireNonNull(policies, "policies is null");
    }

    @Override
    protected Result check() {
        PolicySet inForce = policies.get();
        return policies.failure()
                .map(f -> Result.unhealthy("policy change refused, " + inForce.shortVersion() + " stays in force: "
                        + f.message()))
                .orElseGet(() -> Result.healthy("policy set " + inForce.shortVersion() + " from " + inForce.origin()));
    }
}
