package io.custodian.erasure.plan;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.classification.Classification;
import io.custodian.catalog.classification.LineageEdge;
import io.custodian.catalog.field.FieldRef;
import io.custodian.erasure.plan.CatalogFacts.DatasetFacts;
import io.custodian.erasure.plan.CatalogFacts.FieldFacts;
import io.custodian.erasure.plan.CatalogFacts.JobFacts;
import io.custodian.erasure.policy.DeclaredKey;
import io.custodian.erasure.policy.ErasureAction;
import io.custodian.erasure.policy.ErasurePolicies;
import io.custodian.erasure.policy.ErasurePolicy;
import io.custodian.erasure.policy.ErasureRule;
import io.custodian.erasure.policy.ErasureSection;
import io.custodian.masking.strategy.MaskingSpec;
import io.custodian.policy.PolicySet;
import io.custodian.sources.DataSources;
import io.custodian.sources.Sources;
import io.custodian.sources.Sources.SourceTable;
import io.custodian.sources.dialect.SqlStatement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Plans a subject request from what the catalog knows: where the subject's identifiers are
 * (classifications, declared keys), where they flow (column lineage, job inputs and outputs), and
 * what the policy says about each dataset. Decides per dataset, always with a reason:
 *
 * <ol>
 *   <li>a rule of the erasure policy that applies to the dataset decides (a legal hold, a duty to
 *       keep, a dataset handled by hand), as far as the dataset allows it: deleting or anonymizing
 *       needs a configured source and a column that finds the subject;</li>
 *   <li>a dataset with a column that finds the subject: DELETE_ROWS through its source, or MANUAL
 *       when no source serves it (files, topics, indexes);</li>
 *   <li>a dataset the subject's identifiers flow into by lineage that keeps them identifying, but
 *       with no column to find the rows: UNRESOLVED;</li>
 *   <li>a dataset they reach only through aggregation or as a join or filter key: NO_ACTION,
 *       aggregated beyond identification, with the edges that show it;</li>
 *   <li>a dataset with personal data and no column to find the subject: UNRESOLVED, never
 *       skipped in silence (a rule can say NO_ACTION with a reason);</li>
 *   <li>a dataset without a schema that a job writes from a dataset holding the subject's data:
 *       MANUAL.</li>
 * </ol>
 *
 * Identifiers the request did not give are first resolved from tables holding two kinds. Every
 * plan lists all datasets holding identifier types and why each is in it or not, datasets whose
 * classifications may be stale, and jobs whose next run would bring erased data back.
 */
public final class ErasurePlanner {
    /** Coverage risks listed one by one; beyond, a count. */
    static final int MAX_RISKS = 500;
    /** How a rule's anonymize entry names a column rather than a classification type. */
    private final CatalogFacts catalog;
    private final Supplier<PolicySet> policies;
    private final Sources sources;
    private final DataSources dataSources;
    private final SubjectHasher hasher;
    private final Clock clock;

    public ErasurePlanner(CatalogFacts catalog, Supplier<PolicySet> policies, DataSources dataSources,
            SubjectHasher hasher, Clock clock) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.dataSources = requireNonNull(dataSources, "dataSources is null");
        this.sources = dataSources.sources();
        this.hasher = requireNonNull(hasher, "hasher is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** A plan, and the subject's identifiers with those resolved from the data (to seal, never to show). */
    public record Planned(ErasurePlan plan, SubjectIdentifiers identifiers) {}

    /**
     * Plans a request for the subject {@code given} identifies.
     *
     * @param export whether the request exports the subject's rows (ACCESS) rather than erasing them
     * @throws IllegalArgumentException when an identifier type is not one the policy set says
     *     identifies a subject
     */
    public Planned plan(SubjectIdentifiers given, boolean export) {
        requireNonNull(given, "given is null");
        if (given.isEmpty()) {
            throw new IllegalArgumentException("a subject request needs at least one identifier");
        }
        PolicySet set = policies.get();
        ErasurePolicy policy = ErasurePolicies.erasure(set);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocatorFinder finder = new LocatorFinder(set.taxonomy(), policy);
        for (String type : given.types()) {
            // A re-plan starts from the sealed identifiers, resolved and scoped ones included.
            if (!finder.identifyingTypes().contains(SubjectIdentifiers.baseType(type))) {
                throw new IllegalArgumentException("identifier type " + type + " does not identify a subject; use one"
                        + " of " + new TreeSet<>(finder.identifyingTypes()));
            }
        }
        Map<DatasetKey, DatasetFacts> datasets = new TreeMap<>();
        catalog.datasets().forEach(d -> datasets.put(d.key(), d));
        Map<DatasetKey, List<Locator>> locators = finder.locators(datasets.values());
        List<String> warnings = new ArrayList<>(finder.warnings());
        Map<DatasetKey, Optional<SourceTable>> served = new HashMap<>();
        java.util.function.Function<DatasetKey, Optional<SourceTable>> sourceOf = key -> served.computeIfAbsent(key,
                k -> sources.resolve(k.namespace(), k.name()));

        IdentifierResolver.Resolved resolved = new IdentifierResolver(dataSources, hasher, policy.maxResolvedValues(),
                policy.systemScoped(),
                sourceOf).resolve(given, locators);
        SubjectIdentifiers subject = resolved.identifiers();
        warnings.addAll(resolved.warnings());

        // Datasets with a column holding a value type the subject has.
        Map<DatasetKey, List<Locator>> locating = new TreeMap<>();
        locators.forEach((key, list) -> {
            List<Locator> usable = list.stream()
                    .filter(l -> !subject.forLocator(l.identifierType(), key.namespace()).isEmpty()).toList();
            if (!usable.isEmpty()) {
                locating.put(key, usable);
            }
        });
        List<FieldRef> starts = new ArrayList<>();
        locating.forEach((key, list) -> list.forEach(l -> starts.add(new FieldRef(key.namespace(), key.name(), l.column()))));
        List<LineageEdge> edges = catalog.columnEdges();
        LineageReach.Reached reached = new LineageReach(edges).from(starts);

        Map<DatasetKey, Decision> decisions = new TreeMap<>();
        for (DatasetKey key : locating.keySet()) {
            decisions.put(key, decide(key, datasets.get(key), locating.get(key), policy, today, sourceOf, reached));
        }
        for (DatasetKey key : reached.any().keySet()) {
            if (!decisions.containsKey(key) && datasets.containsKey(key)) {
                decisions.put(key, decide(key, datasets.get(key), List.of(), policy, today, sourceOf, reached));
            }
        }
        for (DatasetFacts dataset : datasets.values()) {
            if (!decisions.containsKey(dataset.key()) && !locators.containsKey(dataset.key()) && holdsPersonalData(dataset)) {
                decisions.put(dataset.key(), decide(dataset.key(), dataset, List.of(), policy, today, sourceOf, reached));
            }
        }
        List<JobFacts> jobs = catalog.jobs();
        addSchemalessOutputs(jobs, datasets, decisions, policy, today);

        StepOrder order = new StepOrder();
        Map<DatasetKey, Set<DatasetKey>> downstream = datasetEdges(edges, jobs);
        downstream.forEach((up, downs) -> downs.forEach(down -> order.require(down, up)));
        for (DeclaredKey key : policy.keys()) {
            List<DatasetKey> referenced = decisions.keySet().stream()
                    .filter(d -> key.referenced().matches(d.namespace(), d.name())).toList();
            for (DatasetKey referencing : decisions.keySet()) {
                if (key.dataset().matches(referencing.namespace(), referencing.name())) {
                    referenced.forEach(target -> order.require(referencing, target));
                }
            }
        }
        StepOrder.Ordered ordered = order.order(decisions.keySet());
        if (!ordered.inCycles().isEmpty()) {
            warnings.add("lineage or keys form a cycle among " + ordered.inCycles() + "; those steps run in name order");
        }

        List<PlannedStep> steps = new ArrayList<>();
        Map<DatasetKey, PlannedStep> byDataset = new HashMap<>();
        for (DatasetKey key : ordered.order()) {
            PlannedStep step = step(steps.size() + 1, key, datasets.get(key), decisions.get(key), subject, export,
                    policy, sourceOf, warnings);
            steps.add(step);
            byDataset.put(key, step);
        }
        addBackups(steps, policy);

        List<CoverageEntry> coverage = coverage(datasets, locators, byDataset, subject, finder);
        List<CoverageRisk> risks = risks(datasets.values(), warnings);
        List<RederivationRisk> rederivations = rederivations(jobs, byDataset);
        List<IdentifierSummary> identifiers = new ArrayList<>();
        for (String type : subject.types()) {
            String base = SubjectIdentifiers.baseType(type);
            identifiers.add(new IdentifierSummary(type, subject.values(type).stream().map(v -> hasher.hash(base, v))
                    .toList(), resolved.from().getOrDefault(type, List.of())));
        }
        ErasurePlan plan = new ErasurePlan(set.version(), clock.instant(), identifiers, steps, coverage, risks,
                rederivations, warnings);
        return new Planned(plan, subject);
    }

    /** An action and its reason, before the step's SQL and estimate are made. */
    private record Decision(ErasureAction action, String reason, List<Locator> locators, Optional<ErasureRule> rule,
            List<Evidence> evidence) {}

    private Decision decide(DatasetKey key, DatasetFacts dataset, List<Locator> locators, ErasurePolicy policy,
            LocalDate today, java.util.function.Function<DatasetKey, Optional<SourceTable>> sourceOf,
            LineageReach.Reached reached) {
        Optional<ErasureRule> rule = policy.ruleFor(key.namespace(), key.name(), today);
        List<Evidence> evidence = reached.any().getOrDefault(key, List.of()).stream().map(ErasurePlanner::evidence)
                .toList();
        boolean hasSource = sourceOf.apply(key).isPresent();
        String located = locators.isEmpty() ? "" : "holds the subject's " + describe(locators);
        if (rule.isPresent()) {
            ErasureRule r = rule.get();
            ErasureAction wanted = r.action();
            if (wanted.changesData() && locators.isEmpty()) {
                return new Decision(ErasureAction.UNRESOLVED, "the policy says " + wanted + " (" + r.reason() + "), but"
                        + " no column finds the subject's rows: a person must decide", locators, rule, evidence);
            }
            if (wanted.changesData() && !hasSource) {
                return new Decision(ErasureAction.MANUAL, "the policy says " + wanted + " (" + r.reason() + "), but no"
                        + " configured source serves " + key.namespace() + ": do it by hand", locators, rule, evidence);
            }
            return new Decision(wanted, r.reason() + (located.isEmpty() ? "" : "; " + located), locators, rule, evidence);
        }
        if (!locators.isEmpty()) {
            if (!hasSource) {
                return new Decision(ErasureAction.MANUAL, located + "; not reachable by SQL (no configured source serves"
                        + " namespace " + key.namespace() + "): its owners erase it by hand", locators, rule, evidence);
            }
            return new Decision(ErasureAction.DELETE_ROWS, located, locators, rule, evidence);
        }
        if (reached.carrying().contains(key)) {
            return new Decision(ErasureAction.UNRESOLVED, "the subject's identifiers flow into it by lineage that keeps"
                    + " them identifying, but no column finds the subject's rows: a person must decide", locators, rule,
                    evidence);
        }
        if (reached.any().containsKey(key)) {
            return new Decision(ErasureAction.NO_ACTION, "aggregated beyond identification: the subject's identifiers"
                    + " reach it only through aggregation or as join and filter keys, and it has no identifying column",
                    locators, rule, evidence);
        }
        if (dataset != null && dataset.fields().isEmpty()) {
            return new Decision(ErasureAction.MANUAL, "no schema in the catalog; written from data that holds the"
                    + " subject's: its owners check it by hand", locators, rule, evidence);
        }
        return new Decision(ErasureAction.UNRESOLVED, "holds personal data (" + personalTypes(dataset) + ") but no column"
                + " that identifies a subject: a person must decide whether the subject's data is there", locators, rule,
                evidence);
    }

    private static Evidence evidence(LineageEdge edge) {
        return new Evidence(edge.input().toString(), edge.output().toString(), edge.type(), edge.subtype());
    }

    private static String describe(List<Locator> locators) {
        Map<String, Set<String>> byType = new TreeMap<>();
        locators.forEach(l -> byType.computeIfAbsent(SubjectIdentifiers.baseType(l.identifierType()),
                k -> new TreeSet<>()).add(l.column()));
        List<String> parts = new ArrayList<>();
        byType.forEach((type, columns) -> parts.add(type + " in " + String.join(", ", columns)));
        return String.join("; ", parts);
    }

    private static boolean holdsPersonalData(DatasetFacts dataset) {
        return dataset.fields().stream().anyMatch(f -> f.classifications().stream().anyMatch(Classification::active));
    }

    private static String personalTypes(DatasetFacts dataset) {
        Set<String> types = new TreeSet<>();
        if (dataset != null) {
            dataset.fields().forEach(f -> f.classifications().stream().filter(Classification::active)
                    .forEach(c -> types.add(c.type())));
        }
        return String.join(", ", types);
    }

    /** Schema-less datasets (topics, files) a job writes from a dataset the plan says holds the subject's data. */
    private void addSchemalessOutputs(List<JobFacts> jobs, Map<DatasetKey, DatasetFacts> datasets,
            Map<DatasetKey, Decision> decisions, ErasurePolicy policy, LocalDate today) {
        boolean added = true;
        while (added) {
            added = false;
            for (JobFacts job : jobs) {
                Optional<DatasetKey> holding = job.inputs().stream().filter(in -> decisions.containsKey(in)
                        && decisions.get(in).action() != ErasureAction.NO_ACTION).findFirst();
                if (holding.isEmpty()) {
                    continue;
                }
                for (DatasetKey output : job.outputs()) {
                    DatasetFacts facts = datasets.get(output);
                    if (decisions.containsKey(output) || facts == null || !facts.fields().isEmpty()) {
                        continue;
                    }
                    Optional<ErasureRule> rule = policy.ruleFor(output.namespace(), output.name(), today);
                    String why = "no schema in the catalog; job " + job.namespace() + "/" + job.name() + " writes it from "
                            + holding.get() + ", which holds the subject's data: its owners check it by hand";
                    ErasureAction action = ErasureAction.MANUAL;
                    if (rule.isPresent() && !rule.get().action().changesData()) {
                        action = rule.get().action();
                        why = rule.get().reason() + "; " + why;
                    }
                    decisions.put(output, new Decision(action, why, List.of(), rule, List.of()));
                    added = true;
                }
            }
        }
    }

    private PlannedStep step(int order, DatasetKey key, DatasetFacts dataset, Decision decision,
            SubjectIdentifiers subject, boolean export, ErasurePolicy policy,
            java.util.function.Function<DatasetKey, Optional<SourceTable>> sourceOf, List<String> warnings) {
        Optional<SourceTable> table = sourceOf.apply(key);
        List<ColumnRewrite> rewrites = decision.action() == ErasureAction.ANONYMIZE
                ? rewrites(dataset, decision, policy) : List.of();
        List<String> columns = dataset == null ? List.of() : dataset.fields().stream().map(FieldFacts::name)
                .filter(name -> !name.contains(".")).toList();
        boolean locatable = table.isPresent() && !decision.locators().isEmpty();
        PlannedStep step = new PlannedStep(order, key.namespace(), key.name(), decision.action(), decision.reason(),
                table.map(t -> t.source().name()), table.map(t -> t.table().schema()),
                table.map(t -> t.table().table()), table.map(t -> t.source().dialect().name()),
                locatable ? decision.locators() : List.of(), rewrites, columns,
                decision.rule().flatMap(ErasureRule::basis), decision.rule().flatMap(ErasureRule::until),
                dataset == null ? List.of() : dataset.owners(), decision.evidence(), OptionalLong.empty(),
                Optional.empty(), List.of(), decision.rule().map(ErasureRule::autoApprove).orElse(false));
        if (!locatable) {
            return step;
        }
        StepStatements statements = new StepStatements(table.get().source().dialect(), step, subject, hasher);
        OptionalLong estimate = OptionalLong.empty();
        Optional<String> warning = Optional.empty();
        Optional<SqlStatement> count = statements.count();
        if (count.isEmpty()) {
            estimate = OptionalLong.of(0);
            warning = Optional.of("no value of the subject can be in its locator columns (" + describe(step.locators())
                    + ")");
        } else {
            try {
                estimate = OptionalLong.of(SourceQueries.count(dataSources.reader(table.get().source().name()),
                        count.get()));
            } catch (Exception e) {
                warning = Optional.of("the estimate failed: " + SourceQueries.describe(e));
                warnings.add(key + ": the estimate failed: " + SourceQueries.describe(e));
            }
        }
        return new PlannedStep(step.order(), step.namespace(), step.dataset(), step.action(), step.reason(),
                step.source(), step.schema(), step.table(), step.dialect(), step.locators(), step.rewrites(),
                step.columns(), step.basis(), step.until(), step.owners(), step.evidence(), estimate, warning,
                statements.previews(export), step.autoApproved());
    }

    /** Every personal column of the dataset, and every column that finds the subject, rewritten to a constant. */
    private static List<ColumnRewrite> rewrites(DatasetFacts dataset, Decision decision, ErasurePolicy policy) {
        return rewrites(dataset, decision.locators(), decision.rule().map(ErasureRule::anonymize).orElse(Map.of()),
                policy.defaultAnonymize());
    }

    /**
     * What ANONYMIZE writes into a dataset: every column with a classification in force, and every
     * column of {@code locators}, each set to the constant {@code specs} names for the column
     * ({@code column:NAME}) or its type, else {@code defaultSpec}.
     */
    public static List<ColumnRewrite> rewrites(DatasetFacts dataset, List<Locator> locators,
            Map<String, MaskingSpec> specs, MaskingSpec defaultSpec) {
        Map<String, Object[]> byColumn = new LinkedHashMap<>();
        if (dataset != null) {
            for (FieldFacts field : dataset.fields()) {
                field.classifications().stream().filter(Classification::active).findFirst().ifPresent(c ->
                        byColumn.put(field.name(), new Object[] {field.type(), c.type()}));
            }
        }
        for (Locator locator : locators) {
            byColumn.putIfAbsent(locator.column(), new Object[] {locator.columnType(),
                    SubjectIdentifiers.baseType(locator.identifierType())});
        }
        // A column the rule names is rewritten even when no scan classified it: the policy says it is personal.
        if (dataset != null) {
            specs.keySet().stream().filter(key -> key.startsWith(ErasureSection.COLUMN_PREFIX)).map(key -> key.substring(
                    ErasureSection.COLUMN_PREFIX.length())).forEach(column -> dataset.field(column).ifPresent(field ->
                    byColumn.putIfAbsent(field.name(), new Object[] {field.type(), "named by the erasure rule"})));
        }
        List<ColumnRewrite> out = new ArrayList<>();
        byColumn.forEach((column, typeAndClass) -> {
            String classification = (String) typeAndClass[1];
            MaskingSpec spec = specs.getOrDefault(ErasureSection.COLUMN_PREFIX + column, specs.getOrDefault(classification,
                    defaultSpec));
            out.add(ColumnRewrite.of(column, (String) typeAndClass[0], classification, spec));
        });
        return out;
    }

    /** One MANUAL step per source the plan changes data in: its backups. */
    private static void addBackups(List<PlannedStep> steps, ErasurePolicy policy) {
        Map<String, String> namespaces = new TreeMap<>();
        for (PlannedStep step : steps) {
            if (step.action().changesData() && step.source().isPresent()) {
                namespaces.putIfAbsent(step.source().get(), step.namespace());
            }
        }
        namespaces.forEach((source, namespace) -> {
            PlannedStep backups = new PlannedStep(steps.size() + 1, namespace, "(backups of source " + source + ")",
                    ErasureAction.MANUAL, policy.backups(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), List.of(), List.of(), List.of(), Optional.empty(), Optional.empty(), List.of(),
                    List.of(), OptionalLong.empty(), Optional.empty(), List.of(), false);
            steps.add(backups);
        });
    }

    /** Downstream datasets of each dataset, from column lineage and job inputs and outputs. */
    private static Map<DatasetKey, Set<DatasetKey>> datasetEdges(List<LineageEdge> edges, List<JobFacts> jobs) {
        Map<DatasetKey, Set<DatasetKey>> out = new HashMap<>();
        for (LineageEdge edge : edges) {
            out.computeIfAbsent(LineageReach.key(edge.input()), k -> new LinkedHashSet<>())
                    .add(LineageReach.key(edge.output()));
        }
        for (JobFacts job : jobs) {
            for (DatasetKey in : job.inputs()) {
                out.computeIfAbsent(in, k -> new LinkedHashSet<>()).addAll(job.outputs());
            }
        }
        return out;
    }

    private static List<CoverageEntry> coverage(Map<DatasetKey, DatasetFacts> datasets,
            Map<DatasetKey, List<Locator>> locators, Map<DatasetKey, PlannedStep> steps, SubjectIdentifiers subject,
            LocatorFinder finder) {
        List<CoverageEntry> out = new ArrayList<>();
        for (Map.Entry<DatasetKey, List<Locator>> entry : locators.entrySet()) {
            DatasetKey key = entry.getKey();
            List<String> types = entry.getValue().stream().map(l -> SubjectIdentifiers.baseType(l.identifierType()))
                    .distinct().sorted().toList();
            PlannedStep step = steps.get(key);
            if (step != null) {
                out.add(new CoverageEntry(key.namespace(), key.name(), types, Optional.of(step.order()),
                        "in the plan: " + step.action()));
            } else {
                out.add(new CoverageEntry(key.namespace(), key.name(), types, Optional.empty(), "identifies subjects by "
                        + String.join(", ", types) + ", which this request neither gives nor resolves"));
            }
        }
        return out;
    }

    private static List<CoverageRisk> risks(java.util.Collection<DatasetFacts> datasets, List<String> warnings) {
        List<CoverageRisk> out = new ArrayList<>();
        int total = 0;
        for (DatasetFacts dataset : datasets) {
            if (dataset.fields().isEmpty()) {
                continue;
            }
            CoverageRisk.Kind kind = null;
            if (dataset.lastScanned().isEmpty()) {
                kind = CoverageRisk.Kind.NEVER_SCANNED;
            } else if (dataset.schemaChanged().isPresent()
                    && dataset.lastScanned().get().isBefore(dataset.schemaChanged().get())) {
                kind = CoverageRisk.Kind.SCANNED_BEFORE_SCHEMA_CHANGE;
            }
            if (kind != null) {
                total++;
                if (out.size() < MAX_RISKS) {
                    out.add(new CoverageRisk(dataset.namespace(), dataset.name(), kind, dataset.lastScanned(),
                            dataset.schemaChanged()));
                }
            }
        }
        if (total > out.size()) {
            warnings.add(total + " datasets are coverage risks; the first " + out.size() + " are listed");
        }
        return out;
    }

    private static List<RederivationRisk> rederivations(List<JobFacts> jobs, Map<DatasetKey, PlannedStep> steps) {
        List<RederivationRisk> out = new ArrayList<>();
        for (JobFacts job : jobs) {
            for (DatasetKey output : job.outputs()) {
                PlannedStep written = steps.get(output);
                if (written == null || !written.action().changesData()) {
                    continue;
                }
                for (DatasetKey input : job.inputs()) {
                    PlannedStep read = steps.get(input);
                    if (read != null && (read.action() == ErasureAction.RETAIN || read.action().needsPerson())) {
                        out.add(new RederivationRisk(job.namespace(), job.name(), output.toString(), input.toString(),
                                read.action().name()));
                    }
                }
            }
        }
        return out;
    }

}
