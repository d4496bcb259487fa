package io.custodian.erasure.plan;

import static java.util.Objects.requireNonNull;

/**
 * A job that writes a dataset the plan deletes from, reading a dataset the plan leaves the
 * subject's data in (retained, manual or unresolved): its next run may bring the data back.
 */
public record RederivationRisk(String jobNamespace, String jobName, String writes, String reads, String readsAction) {
    public RederivationRisk {
        requireNonNull(jobNamespace, "jobNamespace is null");
        requireNonNull(jobName, "jobName is null");
        requireNonNull(writes, "writes is null");
        requireNonNull(reads, "reads is null");
        requireNonNull(readsAction, "readsAction is null");
    }
}
