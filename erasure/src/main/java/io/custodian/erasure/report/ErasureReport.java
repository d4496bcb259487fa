package io.custodian.erasure.report;

import static java.util.Objects.requireNonNull;

import io.custodian.erasure.execute.StepState;
import io.custodian.erasure.plan.CoverageEntry;
import io.custodian.erasure.plan.CoverageRisk;
import io.custodian.erasure.plan.ErasurePlan;
import io.custodian.erasure.plan.PlannedStep;
import io.custodian.erasure.plan.RederivationRisk;
import io.custodian.erasure.policy.ErasureAction;
import io.custodian.erasure.request.RequestStatus;
import io.custodian.erasure.request.StatusChange;
import io.custodian.erasure.request.SubjectRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The evidence of a subject request: per dataset what was done and why, how many rows, whether a
 * check afterwards found none of the subject's rows and when, under which policy version and whose
 * approval, and every change of the request's status. Holds no personal data: the subject appears
 * as keyed hashes.
 */
public record ErasureReport(
        UUID requestId,
        String type,
        String regulation,
        RequestStatus status,
        Optional<String> statusReason,
        Map<String, List<String>> subjectHashes,
        Instant receivedAt,
        Instant dueAt,
        Optional<Instant> completedAt,
        Optional<String> policyVersion,
        Optional<String> approvedBy,
        Optional<Instant> approvedAt,
        List<DatasetOutcome> datasets,
        List<CoverageEntry> coverage,
        List<CoverageRisk> coverageRisks,
        List<RederivationRisk> rederivations,
        List<StatusChange> history) {
    public ErasureReport {
        requireNonNull(requestId, "requestId is null");
        subjectHashes = Map.copyOf(subjectHashes);
        datasets = List.copyOf(datasets);
        coverage = List.copyOf(coverage);
        coverageRisks = List.copyOf(coverageRisks);
        rederivations = List.copyOf(rederivations);
        history = List.copyOf(history);
    }

    /**
     * One dataset's outcome.
     *
     * @param state where the step is; {@code PLANNED} before execution started
     * @param rowsFound the subject's rows when the step started
     * @param rowsAffected rows deleted, updated or (for an access request) read
     * @param rowsRemaining the subject's rows the check afterwards found
     */
    public record DatasetOutcome(int order, String namespace, String dataset, ErasureAction action, String reason,
            String state, OptionalLong rowsFound, OptionalLong rowsAffected, OptionalLong rowsRemaining,
            boolean verified, Optional<Instant> verifiedAt, Optional<String> failure, Optional<String> note,
            Optional<String> doneBy) {}

    /** The report of a request, from its plan (if made) and its steps (if executed). */
    public static ErasureReport of(SubjectRequest request, Optional<ErasurePlan> plan, List<StepState> steps,
            List<StatusChange> history) {
        Map<Integer, StepState> byOrder = new HashMap<>();
        steps.forEach(step -> byOrder.put(step.order(), step));
        List<DatasetOutcome> datasets = new ArrayList<>();
        for (PlannedStep planned : plan.map(ErasurePlan::steps).orElse(List.of())) {
            StepState step = byOrder.get(planned.order());
            datasets.add(step == null
                    ? new DatasetOutcome(planned.order(), planned.namespace(), planned.dataset(), planned.action(),
                            planned.reason(), "PLANNED", planned.estimatedRows(), OptionalLong.empty(),
                            OptionalLong.empty(), false, Optional.empty(), Optional.empty(), Optional.empty(),
                            Optional.empty())
                    : new DatasetOutcome(planned.order(), planned.namespace(), planned.dataset(), planned.action(),
                            planned.reason(), step.status().name(), step.rowsBefore(), step.rowsAffected(),
                            step.rowsRemaining(), step.verified(), step.verifiedAt(), step.failure(), step.note(),
                            step.doneBy()));
        }
        return new ErasureReport(request.id(), request.type().name(), request.regulation().name(), request.status(),
                request.statusReason(), request.subjectHashes(), request.receivedAt(), request.dueAt(),
                request.completedAt(), request.policyVersion(), request.approvedBy(), request.approvedAt(), datasets,
                plan.map(ErasurePlan::coverage).orElse(List.of()), plan.map(ErasurePlan::risks).orElse(List.of()),
                plan.map(ErasurePlan::rederivations).orElse(List.of()), history);
    }

    /** The report as text a privacy officer files: the request, then one line per dataset, then the risks. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append("Subject request ").append(requestId).append(" (").append(type).append(", ").append(regulation)
                .append(")\n");
        out.append("Status: ").append(status).append(statusReason.map(r -> " - " + r).orElse("")).append('\n');
        out.append("Received ").append(receivedAt).append(", due ").append(dueAt)
                .append(completedAt.map(c -> ", completed " + c).orElse("")).append('\n');
        out.append("Subject (keyed hashes): ").append(new java.util.TreeMap<>(subjectHashes)).append('\n');
        out.append("Policy version: ").append(policyVersion.orElse("none")).append('\n');
        out.append("Approved by: ").append(approvedBy.map(a -> a + approvedAt.map(t -> " at " + t).orElse(""))
                .orElse("not approved")).append("\n\n");
        out.append("Datasets:\n");
        for (DatasetOutcome d : datasets) {
            out.append(String.format(Locale.ROOT, "%3d. %-11s %-10s %s/%s%n", d.order(), d.action(), d.state(),
                    d.namespace(), d.dataset()));
            out.append("     why: ").append(d.reason()).append('\n');
            if (d.rowsAffected().isPresent() || d.rowsFound().isPresent()) {
                out.append("     rows: found ").append(text(d.rowsFound())).append(", affected ")
                        .append(text(d.rowsAffected())).append(", remaining ").append(text(d.rowsRemaining()))
                        .append(d.verified() ? ", verified" + d.verifiedAt().map(t -> " at " + t).orElse("") : "")
                        .append('\n');
            }
            d.failure().ifPresent(f -> out.append("     failed: ").append(f).append('\n'));
            d.note().ifPresent(n -> out.append("     note: ").append(n).append(d.doneBy().map(b -> " (" + b + ")")
                    .orElse("")).append('\n'));
        }
        if (!rederivations.isEmpty()) {
            out.append("\nJobs whose next run may bring erased data back:\n");
            rederivations.forEach(r -> out.append("  ").append(r.jobNamespace()).append('/').append(r.jobName())
                    .append(" writes ").append(r.writes()).append(" from ").append(r.reads()).append(" (")
                    .append(r.readsAction()).append(")\n"));
        }
        long notInPlan = coverage.stream().filter(c -> c.step().isEmpty()).count();
        out.append("\nCoverage: ").append(coverage.size()).append(" datasets hold identifier types; ")
                .append(coverage.size() - notInPlan).append(" are in the plan, ").append(notInPlan)
                .append(" are not (each with why in the JSON report); ").append(coverageRisks.size())
                .append(" datasets were never scanned or scanned before their schema changed.\n");
        out.append("\nHistory:\n");
        history.forEach(h -> out.append("  ").append(h.at()).append(' ').append(h.actor()).append(": ")
                .append(h.from().map(from -> from == h.to() ? "deadline extended, " : from + " -> ").orElse(""))
                .append(h.to()).append(h.reason().map(r -> " (" + r + ")").orElse("")).append('\n'));
        return out.toString();
    }

    private static String text(OptionalLong value) {
        return value.isPresent() ? Long.toString(value.getAsLong()) : "-";
    }
}
