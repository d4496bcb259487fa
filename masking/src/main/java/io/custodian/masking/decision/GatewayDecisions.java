package io.custodian.masking.decision;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.sql.CatalogTables;
import io.custodian.catalog.sql.CatalogTables.Resolution;
import io.custodian.lineage.sql.SqlDefaults;
import io.custodian.lineage.sql.TableName;
import io.custodian.masking.MaskingDialect;
import io.custodian.masking.decision.DecisionRequest.ColumnRequest;
import io.custodian.masking.decision.DecisionRequest.TableRequest;
import io.custodian.masking.decision.DecisionResponse.TableDecision;
import io.custodian.masking.decision.DecisionResponse.TableStatus;
import io.custodian.masking.policy.MaskingPolicies;
import io.custodian.masking.policy.MaskingPolicy;
import io.custodian.masking.strategy.ColumnType;
import io.custodian.masking.strategy.MaskingKeys;
import io.custodian.policy.PolicySet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Masking decisions for query gateways: checks a request, resolves its tables in the catalog with
 * one read, and decides every column with the policy set in force at the time of the call.
 */
public final class GatewayDecisions {
    private final CatalogTables catalog;
    private final Supplier<PolicySet> policies;
    private final MaskingDecider decider;
    private final RequestLimits limits;

    public GatewayDecisions(CatalogTables catalog, Supplier<PolicySet> policies, MaskingKeys keys) {
        this(catalog, policies, keys, RequestLimits.DEFAULTS);
    }

    public GatewayDecisions(CatalogTables catalog, Supplier<PolicySet> policies, MaskingKeys keys,
            RequestLimits limits) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.decider = new MaskingDecider(keys);
        this.limits = requireNonNull(limits, "limits is null");
    }

    /** A table of a checked request. */
    private record Table(String requested, TableName qualified, List<GatewayColumn> columns) {}

    /**
     * Decides every column of every table of the request.
     *
     * @throws DecisionRequestException naming where the request is wrong
     */
    public DecisionResponse decide(DecisionRequest request) {
        if (request == null) {
            throw new DecisionRequestException("request", "is missing");
        }
        Principal principal = principal(request);
        MaskingDialect dialect = dialect(request.dialect());
        String namespace = name(request.namespace(), "namespace");
        SqlDefaults defaults = SqlDefaults.of(optionalName(request.defaultDatabase(), "defaultDatabase"),
                optionalName(request.defaultSchema(), "defaultSchema"));
        List<Table> tables = tables(request.tables(), defaults);

        PolicySet set = requireNonNull(policies.get(), "no policy set");
        MaskingPolicy policy = MaskingPolicies.masking(set);
        Map<String, Resolution> resolved = catalog.resolve(namespace, tables.stream().map(Table::qualified).toList());
        List<TableDecision> out = new ArrayList<>(tables.size());
        for (Table table : tables) {
            Resolution resolution = resolved.get(table.qualified().key());
            ResolvedTable known = new ResolvedTable(resolution.table(),
                    resolution.ambiguous().stream().map(TableName::toString).toList());
            TableStatus status = known.isAmbiguous() ? TableStatus.AMBIGUOUS
                    : known.table().isPresent() ? TableStatus.KNOWN : TableStatus.UNKNOWN;
            out.add(new TableDecision(table.requested(), table.qualified().toString(),
                    known.table().map(t -> t.name()), status, known.ambiguous(),
                    decider.decide(policy, set.version(), principal, dialect, known, table.columns())));
        }
        return new DecisionResponse(set.version(), dialect.displayName(), out);
    }

    /**
     * What a rewrite reads in place of tables' columns for this principal, under the policy set in
     * force now (held for the returned object's life: one query, one policy version).
     */
    public DecisionTableMasks tableMasks(Principal principal, MaskingDialect dialect) {
        PolicySet set = requireNonNull(policies.get(), "no policy set");
        return new DecisionTableMasks(decider, MaskingPolicies.masking(set), set.version(), principal, dialect);
    }

    private Principal principal(DecisionRequest request) {
        String name = name(request.principal(), "principal");
        return new Principal(name, entries(request.roles(), "roles"), entries(request.groups(), "groups"));
    }

    private Set<String> entries(List<String> values, String path) {
        if (values == null) {
            return Set.of();
        }
        if (values.size() > limits.maxPrincipalEntries()) {
            throw new DecisionRequestException(path, values.size() + " entries; at most " + limits.maxPrincipalEntries());
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            out.add(name(values.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    private static MaskingDialect dialect(String name) {
        if (name == null) {
            throw new DecisionRequestException("dialect", "is missing; one of " + MaskingDialect.knownNames());
        }
        return MaskingDialect.named(name).orElseThrow(() -> new DecisionRequestException("dialect",
                "unknown dialect; one of " + MaskingDialect.knownNames()));
    }

    private List<Table> tables(List<TableRequest> tables, SqlDefaults defaults) {
        if (tables == null || tables.isEmpty()) {
            throw new DecisionRequestException("tables", "no tables; a request names at least one");
        }
        if (tables.size() > limits.maxTables()) {
            throw new DecisionRequestException("tables", tables.size() + " tables; at most " + limits.maxTables());
        }
        List<Table> out = new ArrayList<>(tables.size());
        for (int t = 0; t < tables.size(); t++) {
            String path = "tables[" + t + "]";
            TableRequest table = tables.get(t);
            if (table == null) {
                throw new DecisionRequestException(path, "is missing");
            }
            String requested = name(table.name(), path + ".name");
            TableName name = TableName.parse(requested);
            if (name.parts().size() > 3 || name.parts().stream().anyMatch(String::isEmpty)) {
                throw new DecisionRequestException(path + ".name", "must be one to three dot-separated non-empty parts");
            }
            List<ColumnRequest> columns = table.columns();
            if (columns == null || columns.isEmpty()) {
                throw new DecisionRequestException(path + ".columns", "no columns; a table names at least one");
            }
            if (columns.size() > limits.maxColumnsPerTable()) {
                throw new DecisionRequestException(path + ".columns", columns.size() + " columns; at most "
                        + limits.maxColumnsPerTable());
            }
            List<GatewayColumn> checked = new ArrayList<>(columns.size());
            Set<String> seen = new java.util.HashSet<>();
            for (int c = 0; c < columns.size(); c++) {
                String columnPath = path + ".columns[" + c + "]";
                ColumnRequest column = columns.get(c);
                if (column == null) {
                    throw new DecisionRequestException(columnPath, "is missing");
                }
                String columnName = name(column.name(), columnPath + ".name");
                if (!seen.add(columnName)) {
                    throw new DecisionRequestException(columnPath + ".name", "repeats an earlier column's name");
                }
                ColumnType type;
                try {
                    type = ColumnType.parse(column.type());
                } catch (IllegalArgumentException e) {
                    throw new DecisionRequestException(columnPath + ".type", e.getMessage());
                }
                checked.add(new GatewayColumn(columnName, type));
            }
            out.add(new Table(requested, defaults.qualify(name), checked));
        }
        return out;
    }

    private String name(String value, String path) {
        if (value == null || value.isEmpty()) {
            throw new DecisionRequestException(path, "is missing");
        }
        if (value.length() > limits.maxNameLength()) {
            throw new DecisionRequestException(path, value.length() + " characters; at most " + limits.maxNameLength());
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new DecisionRequestException(path, "holds a control character");
            }
        }
        return value;
    }

    private String optionalName(String value, String path) {
        return value == null || value.isEmpty() ? null : name(value, path);
    }

}
