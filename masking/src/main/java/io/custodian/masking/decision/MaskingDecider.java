package io.custodian.masking.decision;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.sql.CatalogTables.CatalogColumn;
import io.custodian.catalog.sql.CatalogTables.CatalogTable;
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
import java.util.List;
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
        MaskingStrategies strategies = new MaskingStrategies(keys, policy.tokenizeUdfs());
        List<ColumnDecision> out = new ArrayList<>(columns.size());
        for (GatewayColumn column : columns) {
            Choice choice = choose(policy, principal, table, column.name());
            out.add(resolve(strategies, policy, policyVersion, dialect, column, choice));
        }
        return out;
    }

    private static Choice choose(MaskingPolicy policy, Principal principal, ResolvedTable resolved, String name) {
        if (resolved.isAmbiguous()) {
            // the catalog knows datasets the name may mean, some perhaps classified: fail closed
            return new Choice(policy.defaultSpec(), "ambiguous-table", List.of());
        }
        if (resolved.table().isEmpty()) {
            return unknown(policy, "unknown-table");
        }
        CatalogTable table = resolved.table().get();
        Optional<CatalogColumn> known = table.column(name);
        if (known.isEmpty()) {
            return unknown(policy, "unknown-column");
        }
        CatalogColumn column = known.get();
        Optional<Choice> override = override(policy, principal, table, column, o -> o.column().isPresent())
                .or(() -> override(policy, principal, table, column, o -> o.column().isEmpty()));
        if (override.isPresent()) {
            return override.get();
        }
        if (!column.isClassified()) {
            return new Choice(MaskingSpec.NONE, "unclassified", List.of());
        }
        List<Choice> perClassification = new ArrayList<>();
        for (String classification : column.classifications()) {
            MaskingRule best = null;
            for (MaskingRule rule : policy.rules()) {
                if (rule.covers(classification) && rule.who().matches(principal.roles(), principal.groups())
                        && (best == null || reveals(rule.spec()) > reveals(best.spec()))) {
                    best = rule;
                }
            }
            perClassification.add(best == null ? new Choice(policy.defaultSpec(), "default", List.of(classification))
                    : new Choice(best.spec(), best.name(), List.of(classification)));
        }
        Choice strictest = perClassification.get(0);
        for (Choice choice : perClassification) {
            if (reveals(choice.spec()) < reveals(strictest.spec())) {
                strictest = choice;
            }
        }
        List<String> from = new ArrayList<>();
        for (Choice choice : perClassification) {
            if (choice.rule().equals(strictest.rule()) && choice.spec().equals(strictest.spec())) {
                from.addAll(choice.classifications());
            }
        }
        return new Choice(strictest.spec(), strictest.rule(), from);
    }

    private static Choice unknown(MaskingPolicy policy, String rule) {
        return policy.unknownTables() == UnknownTables.ALLOW ? new Choice(MaskingSpec.NONE, rule, List.of())
                : new Choice(policy.defaultSpec(), rule, List.of());
    }

    private static Optional<Choice> override(MaskingPolicy policy, Principal principal, CatalogTable table,
            CatalogColumn column, Predicate<MaskingOverride> level) {
        MaskingOverride best = null;
        for (MaskingOverride o : policy.overrides()) {
            if (level.test(o) && o.who().matches(principal.roles(), principal.groups())
                    && o.targets(table.namespace(), table.name(), column.name(), column.classifications())
                    && (best == null || reveals(o.spec()) > reveals(best.spec()))) {
                best = o;
            }
        }
        return Optional.ofNullable(best).map(o -> new Choice(o.spec(), o.label(), column.classifications()));
    }

    private static int reveals(MaskingSpec spec) {
        return spec.kind().revealing();
    }

    private static ColumnDecision resolve(MaskingStrategies strategies, MaskingPolicy policy, String version,
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

    private static MaskingStrategy usable(MaskingStrategies strategies, MaskingSpec fallback,
            Predicate<MaskingStrategy> works) {
        MaskingStrategy strategy = strategies.of(fallback);
        return works.test(strategy) ? strategy : strategies.of(MaskingSpec.NULLIFY);
    }
}
