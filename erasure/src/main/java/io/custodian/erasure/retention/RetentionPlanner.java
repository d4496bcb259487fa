package io.custodian.erasure.retention;

import static java.util.Objects.requireNonNull;

import io.custodian.erasure.plan.CatalogFacts;
import io.custodian.erasure.plan.CatalogFacts.DatasetFacts;
import io.custodian.erasure.plan.CatalogFacts.FieldFacts;
import io.custodian.erasure.plan.ColumnRewrite;
import io.custodian.erasure.plan.ErasurePlan;
import io.custodian.erasure.plan.ErasurePlanner;
import io.custodian.erasure.plan.Locator;
import io.custodian.erasure.plan.PlannedStep;
import io.custodian.erasure.plan.SourceQueries;
import io.custodian.erasure.plan.StepStatements;
import io.custodian.erasure.plan.SubjectHasher;
import io.custodian.erasure.plan.SubjectIdentifiers;
import io.custodian.erasure.policy.ErasureAction;
import io.custodian.erasure.policy.ErasurePolicies;
import io.custodian.erasure.policy.ErasurePolicy;
import io.custodian.masking.strategy.ColumnType;
import io.custodian.masking.strategy.MaskingSpec;
import io.custodian.policy.PolicySet;
import io.custodian.sources.DataSources;
import io.custodian.sources.Sources.SourceTable;
import io.custodian.sources.dialect.SqlStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Plans one run of a retention rule as an {@link ErasurePlan}, so that the executor runs it as it
 * runs a subject request: one step per catalog dataset the rule matches, in name order. A dataset
 * a source serves with the rule's time column gets the rule's action, found by a
 * {@link Locator.Match#BEFORE} locator on that column with the run's cutoff; ANONYMIZE rewrites
 * the dataset's classified columns (all but the time column) as erasure does. A dataset no source
 * serves is MANUAL; one without the column (or where it is not a date or time) is UNRESOLVED, and
 * one with nothing classified to anonymize NO_ACTION, each with the reason.
 */
public final class RetentionPlanner {
    /** A retention step has no subject: its rows are found by age. */
    static final SubjectIdentifiers NO_SUBJECT = new SubjectIdentifiers(Map.of());
    private final CatalogFacts catalog;
    private final Supplier<PolicySet> policies;
    private final DataSources dataSources;
    private final SubjectHasher hasher;

    public RetentionPlanner(CatalogFacts catalog, Supplier<PolicySet> policies, DataSources dataSources,
            SubjectHasher hasher) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.dataSources = requireNonNull(dataSources, "dataSources is null");
        this.hasher = requireNonNull(hasher, "hasher is null");
    }

    /** A run's plan, with the rule and cutoff it was made for. */
    public record Planned(RetentionRule rule, Instant cutoff, ErasurePlan plan) {
        public Planned {
            requireNonNull(rule, "rule is null");
            requireNonNull(cutoff, "cutoff is null");
            requireNonNull(plan, "plan is null");
        }
    }

    /**
     * Plans rule {@code ruleName} of the current policy set for a run at {@code now}.
     *
     * @throws IllegalArgumentException when the policy set has no such rule
     */
    public Planned plan(String ruleName, Instant now) {
        requireNonNull(ruleName, "ruleName is null");
        requireNonNull(now, "now is null");
        PolicySet set = policies.get();
        RetentionRule rule = ErasurePolicies.retention(set).rule(ruleName).orElseThrow(() ->
                new IllegalArgumentException("the policy set (version " + set.version() + ") has no retention rule '"
                        + ruleName + "'"));
        Instant cutoff = rule.cutoff(now);
        ErasurePolicy erasure = ErasurePolicies.erasure(set);
        List<String> warnings = new ArrayList<>();
        List<PlannedStep> steps = new ArrayList<>();
        List<DatasetFacts> matching = catalog.datasets().stream()
                .filter(d -> rule.pattern().matches(d.namespace(), d.name()))
                .sorted(Comparator.comparing(DatasetFacts::key)).toList();
        if (matching.isEmpty()) {
            warnings.add("retention rule " + rule.name() + " matches no dataset of the catalog (" + rule.pattern()
                    + ")");
        }
        String purge = "retention rule " + rule.name() + ": " + (rule.action() == ErasureAction.DELETE_ROWS
                ? "delete" : "anonymize") + " rows whose " + rule.timestampColumn() + " is older than "
                + rule.period() + " (before " + cutoff + ")";
        for (DatasetFacts dataset : matching) {
            steps.add(step(steps.size() + 1, dataset, rule, cutoff, purge, erasure.defaultAnonymize(), warnings));
        }
        return new Planned(rule, cutoff, new ErasurePlan(set.version(), now, List.of(), steps, List.of(), List.of(),
                List.of(), warnings));
    }

    private PlannedStep step(int order, DatasetFacts dataset, RetentionRule rule, Instant cutoff, String purge,
            MaskingSpec defaultAnonymize, List<String> warnings) {
        Optional<SourceTable> table = dataSources.sources().resolve(dataset.namespace(), dataset.name());
        Optional<FieldFacts> field = dataset.field(rule.timestampColumn());
        if (table.isEmpty()) {
            return unlocated(order, dataset, ErasureAction.MANUAL, purge + "; no configured source serves namespace "
                    + dataset.namespace() + ": its owners purge it by hand", table);
        }
        if (field.isEmpty()) {
            return unlocated(order, dataset, ErasureAction.UNRESOLVED, purge + "; but the catalog's schema of the "
                    + "dataset has no column " + rule.timestampColumn() + ": a person decides", table);
        }
        if (!time(field.get().type())) {
            return unlocated(order, dataset, ErasureAction.UNRESOLVED, purge + "; but column " + rule.timestampColumn()
                    + " is " + field.get().type() + ", not a date or time: a person decides", table);
        }
        List<ColumnRewrite> rewrites = List.of();
        if (rule.action() == ErasureAction.ANONYMIZE) {
            // The time column is kept: rewriting it would hide the rows from the next run and the verification.
            rewrites = ErasurePlanner.rewrites(dataset, List.of(), rule.anonymize(), defaultAnonymize).stream()
                    .filter(r -> !r.column().equals(rule.timestampColumn())).toList();
            if (rewrites.isEmpty()) {
                return unlocated(order, dataset, ErasureAction.NO_ACTION, purge + "; but no column of the dataset "
                        + "has a classification in force: nothing to anonymize", table);
            }
        }
        Locator locator = Locator.before(rule.timestampColumn(), field.get().type(), cutoff, purge);
        PlannedStep step = new PlannedStep(order, dataset.namespace(), dataset.name(), rule.action(), purge,
                table.map(t -> t.source().name()), table.map(t -> t.table().schema()),
                table.map(t -> t.table().table()), table.map(t -> t.source().dialect().name()), List.of(locator),
                rewrites, columns(dataset), Optional.empty(), Optional.empty(), dataset.owners(), List.of(),
                OptionalLong.empty(), Optional.empty(), List.of(), true);
        StepStatements statements = new StepStatements(table.get().source().dialect(), step, NO_SUBJECT, hasher);
        OptionalLong estimate = OptionalLong.empty();
        Optional<String> warning = Optional.empty();
        SqlStatement count = statements.count().orElseThrow();
        try {
            estimate = OptionalLong.of(SourceQueries.count(dataSources.reader(table.get().source().name()), count));
        } catch (Exception e) {
            warning = Optional.of("the estimate failed: " + SourceQueries.describe(e));
            warnings.add(dataset.key() + ": the estimate failed: " + SourceQueries.describe(e));
        }
        return new PlannedStep(step.order(), step.namespace(), step.dataset(), step.action(), step.reason(),
                step.source(), step.schema(), step.table(), step.dialect(), step.locators(), step.rewrites(),
                step.columns(), step.basis(), step.until(), step.owners(), step.evidence(), estimate, warning,
                statements.previews(false), step.autoApproved());
    }

    private static PlannedStep unlocated(int order, DatasetFacts dataset, ErasureAction action, String reason,
            Optional<SourceTable> table) {
        return new PlannedStep(order, dataset.namespace(), dataset.name(), action, reason,
                table.map(t -> t.source().name()), table.map(t -> t.table().schema()),
                table.map(t -> t.table().table()), table.map(t -> t.source().dialect().name()), List.of(), List.of(),
                columns(dataset), Optional.empty(), Optional.empty(), dataset.owners(), List.of(), OptionalLong.empty(),
                Optional.empty(), List.of(), true);
    }

    private static List<String> columns(DatasetFacts dataset) {
        return dataset.fields().stream().map(FieldFacts::name).filter(name -> !name.contains(".")).toList();
    }

    /** Whether a declared type is a date or a timestamp; an unknown type is given the benefit of the doubt. */
    private static boolean time(String declared) {
        if (declared == null || declared.isBlank()) {
            return true;
        }
        try {
            ColumnType.Family family = ColumnType.parse(declared).family();
            return family == ColumnType.Family.DATE || family == ColumnType.Family.TIMESTAMP;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}
