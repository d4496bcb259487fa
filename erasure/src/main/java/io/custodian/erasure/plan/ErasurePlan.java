package io.custodian.erasure.plan;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A subject request's plan: a reviewable document, free of personal data (identifiers appear as
 * keyed hashes). Steps are in execution order; {@code coverage} lists every dataset holding
 * personal data of an identifier type and says why each is or is not in the plan.
 *
 * @param policyVersion the version of the policy set the plan was made under
 * @param identifiers the subject's identifier types, given and resolved
 * @param steps the datasets the request acts on (or, for NO_ACTION, decided not to), in order
 * @param coverage every dataset holding personal data of an identifier type
 * @param risks datasets whose classifications may be out of date
 * @param rederivations jobs whose next run may bring erased data back
 * @param warnings what a reviewer should know (a resolution that stopped, a count that failed)
 */
public record ErasurePlan(
        String policyVersion,
        Instant plannedAt,
        List<IdentifierSummary> identifiers,
        List<PlannedStep> steps,
        List<CoverageEntry> coverage,
        List<CoverageRisk> risks,
        List<RederivationRisk> rederivations,
        List<String> warnings) {
    public ErasurePlan {
        requireNonNull(policyVersion, "policyVersion is null");
        requireNonNull(plannedAt, "plannedAt is null");
        identifiers = List.copyOf(identifiers);
        steps = List.copyOf(steps);
        coverage = List.copyOf(coverage);
        risks = List.copyOf(risks);
        rederivations = List.copyOf(rederivations);
        warnings = List.copyOf(warnings);
    }

    /** Whether every step that changes data may run without approval. */
    public boolean autoApprovable() {
        return steps.stream().filter(s -> s.action().changesData()).allMatch(PlannedStep::autoApproved);
    }
}
