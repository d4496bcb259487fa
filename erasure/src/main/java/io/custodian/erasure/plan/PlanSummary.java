package io.custodian.erasure.plan;

import java.util.Locale;

/** A plan as text a reviewer reads before approving: the subject, then each step, then what may be missed. */
public final class PlanSummary {
    private PlanSummary() {}

    public static String text(ErasurePlan plan) {
        StringBuilder out = new StringBuilder();
        out.append("Plan made ").append(plan.plannedAt()).append(" under policy ").append(plan.policyVersion())
                .append('\n');
        out.append("Subject (keyed hashes):\n");
        for (IdentifierSummary id : plan.identifiers()) {
            out.append("  ").append(id.type()).append(' ').append(id.hashes()).append(" from ")
                    .append(String.join(", ", id.from())).append('\n');
        }
        out.append("\nSteps, in the order they run:\n");
        for (PlannedStep step : plan.steps()) {
            out.append(String.format(Locale.ROOT, "%3d. %-11s %s/%s%s%n", step.order(), step.action(),
                    step.namespace(), step.dataset(), step.estimatedRows().isPresent()
                            ? "  (" + step.estimatedRows().getAsLong() + " row(s) of the subject)" : ""));
            out.append("     why: ").append(step.reason()).append('\n');
            step.basis().ifPresent(b -> out.append("     basis: ").append(b)
                    .append(step.until().map(u -> ", until " + u).orElse("")).append('\n'));
            if (!step.owners().isEmpty()) {
                out.append("     owners: ").append(String.join(", ", step.owners())).append('\n');
            }
            step.warning().ifPresent(w -> out.append("     warning: ").append(w).append('\n'));
            for (StatementPreview statement : step.statements()) {
                out.append("     ").append(statement.purpose()).append(": ").append(statement.sql())
                        .append(statement.parameters().isEmpty() ? "" : "  -- " + statement.parameters()).append('\n');
            }
            if (step.autoApproved()) {
                out.append("     runs without approval (policy)\n");
            }
        }
        if (!plan.rederivations().isEmpty()) {
            out.append("\nJobs whose next run may bring erased data back:\n");
            for (RederivationRisk risk : plan.rederivations()) {
                out.append("  ").append(risk.jobNamespace()).append('/').append(risk.jobName()).append(" writes ")
                        .append(risk.writes()).append(" from ").append(risk.reads()).append(" (")
                        .append(risk.readsAction()).append(")\n");
            }
        }
        out.append("\nDatasets holding identifier types:\n");
        for (CoverageEntry entry : plan.coverage()) {
            out.append("  ").append(entry.namespace()).append('/').append(entry.dataset()).append(' ')
                    .append(entry.identifierTypes()).append(": ").append(entry.why()).append('\n');
        }
        if (!plan.risks().isEmpty()) {
            out.append("\nCoverage risks (classifications may be out of date):\n");
            for (CoverageRisk risk : plan.risks()) {
                out.append("  ").append(risk.namespace()).append('/').append(risk.dataset()).append(": ")
                        .append(risk.kind()).append('\n');
            }
        }
        if (!plan.warnings().isEmpty()) {
            out.append("\nWarnings:\n");
            plan.warnings().forEach(w -> out.append("  ").append(w).append('\n'));
        }
        return out.toString();
    }
}
