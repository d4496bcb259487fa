package io.custodian.masking.decision;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.sql.CatalogTables.CatalogColumn;
import io.custodian.masking.MaskingDialect;
import io.custodian.masking.policy.MaskingOverride;
import io.custodian.masking.policy.MaskingPolicy;
import io.custodian.masking.policy.MaskingPolicy.UnknownTables;
import io.custodian.masking.policy.MaskingRule;
import io.custodian.masking.policy.MaskingSection;
import io.custodian.masking.strategy.ColumnType;
import io.custodian.masking.strategy.MaskingKeys;
import io.custodian.masking.strategy.MaskingSpec;
import io.custodian.masking.strategy.MaskingStrategies;
import io.custodian.masking.strategy.MaskingStrategy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Decides how each column of a table is read by one principal, from the masking policy and what the
 * catalog knows of the table; reads nothing itself. The order of precedence is
 * {@link MaskingSection}'s; then a strategy that cannot be computed for the column's type in the
 * dialect gives way to the policy's fallback, and that to NULLIFY.
 */
public final class MaskingDecider {
    private final MaskingKeys keys;

    public MaskingDecider(MaskingKeys keys) {
        this.keys = requireNonNull(keys, "keys is null");
    }

    /** What decided a column, before types and dialects are considered. */
    private record Choice(MaskingSpec spec, String rule, List<String> classifications) {}

    /** One decision per column, in the order given. */
    public List<ColumnDecision> decide(MaskingPolicy policy, String policyVersion, Principal principal,
            MaskingDialect dialect, ResolvedTable table, List<GatewayColumn> columns) {
        requireNonNull(policy, "policy is null");
        requireNonNull(policyVersion, "policyVersion is null");
        requireNonNull(principal, "principal is null");
        requireNonNull(dialect, "dialect is null");
        requireNonNull(table, "table is null");
        Strategies strategies = new Strategies(new MaskingStrategies(keys, policy.tokenizeUdfs()));
        TableScope scope = new TableScope(policy, principal, table);
        List<ColumnDecision> out = new ArrayList<>(columns.size());
        for (GatewayColumn column : columns) {
            out.add(resolve(strategies, policy, policyVersion, dialect, column, scope.choose(column.name())));
        }
        return out;
    }

    /** Strategies made once per call and spec (a HASH strategy asks the keys for its salt once). */
    private static final class Strategies {
        private final MaskingStrategies factory;
        private final Map<MaskingSpec, MaskingStrategy> made = new HashMap<>();

        Strategies(MaskingStrategies factory) {
            this.factory = factory;
        }

        MaskingStrategy of(MaskingSpec spec) {
            return made.computeIfAbsent(spec, factory::of);
        }
    }

    /**
     * What one call needs of the policy for one table and principal, worked out once: the table's
     * columns by name, the overrides and rules that apply to the principal (and table), and each
     * classification's choice as it is first needed.
     */
    private static final class TableScope {
        private final MaskingPolicy policy;
        private final ResolvedTable resolved;
        private final Map<String, CatalogColumn> columns = new HashMap<>();
        private final List<MaskingOverride> overrides = new ArrayList<>();
        private final List<MaskingRule> rules = new ArrayList<>();
        private final Map<String, Choice> byClassification = new HashMap<>();

        TableScope(MaskingPolicy policy, Principal principal, ResolvedTable resolved) {
            this.policy = policy;
            this.resolved = resolved;
            resolved.table().ifPresent(table -> {
                for (CatalogColumn column : table.columns()) {
                    // the first of names equal but for case, as CatalogTable#column finds it
                    columns.putIfAbsent(column.name().toLowerCase(Locale.ROOT), column);
                }
                for (MaskingOverride o : policy.overrides()) {
                    if (o.who().matches(principal.roles(), principal.groups()) && o.targetsDataset(table.namespace(),
                            table.name())) {
                        overrides.add(o);
                    }
                }
            });
            for (MaskingRule rule : policy.rules()) {
                if (rule.who().matches(principal.roles(), principal.groups())) {
                    rules.add(rule);
                }
            }
        }

        Choice choose(String name) {
            if (resolved.isAmbiguous()) {
                // the catalog knows datasets the name may mean, some perhaps classified: fail closed
                return new Choice(policy.defaultSpec(), "ambiguous-table", List.of());
            }
            if (resolved.table().isEmpty()) {
                return unknown(policy, "unknown-table");
            }
            CatalogColumn column = columns.get(name.toLowerCase(Locale.ROOT));
            if (column == null) {
                return unknown(policy, "unknown-column");
            }
            Optional<Choice> override = override(column, true).or(() -> override(column, false));
            if (override.isPresent()) {
                return override.get();
            }
            if (!column.isClassified()) {
                return new Choice(MaskingSpec.NONE, "unclassified", List.of());
            }
            Choice strictest = null;
            for (String classification : column.classifications()) {
                Choice choice = byClassification.computeIfAbsent(classification, this::rule);
                if (strictest == null || reveals(choice.spec()) < reveals(strictest.spec())) {
                    strictest = choice;
                }
            }
            if (column.classifications().size() == 1) {
                return strictest;
            }
            List<String> from = new ArrayList<>();
            for (String classification : column.classifications()) {
                Choice choice = byClassification.get(classification);
                if (choice.rule().equals(strictest.rule()) && choice.spec().equals(strictest.spec())) {
                    from.add(classification);
                }
            }
            return new Choice(strictest.spec(), strictest.rule(), from);
        }

        private Choice rule(String classification) {
            MaskingRule best = null;
            for (MaskingRule rule : rules) {
                if (rule.covers(classification) && (best == null || reveals(rule.spec()) > reveals(best.spec()))) {
                    best = rule;
                }
            }
            return best == null ? new Choice(policy.defaultSpec(), "default", List.of(classification))
                    : new Choice(best.spec(), best.name(), List.of(classification));
        }

        private Optional<Choice> override(CatalogColumn column, boolean columnLevel) {
            MaskingOverride best = null;
            for (MaskingOverride o : overrides) {
                if (o.column().isPresent() == columnLevel && o.targetsColumn(column.name(), column.classifications())
                        && (best == null || reveals(o.spec()) > reveals(best.spec()))) {
                    best = o;
                }
            }
            return Optional.ofNullable(best).map(o -> new Choice(o.spec(), o.label(), column.classifications()));
        }
    }

    private static Choice unknown(MaskingPolicy policy, String rule) {
        return policy.unknownTables() == UnknownTables.ALLOW ? new Choice(MaskingSpec.NONE, rule, List.of())
                : new Choice(policy.defaultSpec(), rule, List.of());
    }

    private static int reveals(MaskingSpec spec) {
        return spec.kind().revealing();
    }

    private static ColumnDecision resolve(Strategies strategies, MaskingPolicy policy, String version,
            MaskingDialect dialect, GatewayColumn column, Choice choice) {
        ColumnType type = column.type();
        MaskingStrategy strategy = strategies.of(choice.spec());
        String rule = choice.rule();
        Optional<String> chosen = Optional.empty();
        Optional<String> why = strategy.unsupported(type, dialect);
        if (why.isPresent()) {
            chosen = Optional.of(choice.rule() + ": " + choice.spec().kind());
            rule = "fallback:" + why.get();
            strategy = usable(strategies, policy.fallback(), s -> s.unsupported(type, dialect).isEmpty());
        }
        MaskingStrategy java = strategy;
        Optional<String> javaNote = strategy.javaUnsupported(type);
        if (javaNote.isPresent()) {
            java = usable(strategies, policy.fallback(), s -> s.javaUnsupported(type).isEmpty());
        }
        String sql = strategy.sql(dialect.sql().quote(column.name()), type, dialect);
        return new ColumnDecision(column.name(), type.sql(), strategy.kind(), sql, choice.classifications(), rule,
                chosen, version, strategy.kind().masks(), java.kind(), javaNote);
    }

    private static MaskingStrategy usable(Strategies strategies, MaskingSpec fallback,
            Predicate<MaskingStrategy> works) {
        MaskingStrategy strategy = strategies.of(fallback);
        return works.test(strategy) ? strategy : strategies.of(MaskingSpec.NULLIFY);
    }
}
