package io.custodian.masking.decision;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.sql.CatalogTables.CatalogColumn;
import io.custodian.catalog.sql.CatalogTables.CatalogTable;
import io.custodian.masking.MaskingDialect;
import io.custodian.masking.policy.MaskingPolicy;
import io.custodian.masking.rewrite.TableMasks;
import io.custodian.masking.strategy.ColumnType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Masking decisions as a rewrite asks for them: for one principal, one dialect and one policy
 * version, the expressions that replace a catalog table's masked columns. Column types are the
 * catalog's declared types; a masked column whose type is missing or not a type name is read as an
 * untyped {@code NULL}, as no expression can be cast to an unknown type.
 */
public final class DecisionTableMasks implements TableMasks {
    private final MaskingDecider decider;
    private final MaskingPolicy policy;
    private final String policyVersion;
    private final Principal principal;
    private final MaskingDialect dialect;

    public DecisionTableMasks(MaskingDecider decider, MaskingPolicy policy, String policyVersion, Principal principal,
            MaskingDialect dialect) {
        this.decider = requireNonNull(decider, "decider is null");
        this.policy = requireNonNull(policy, "policy is null");
        this.policyVersion = requireNonNull(policyVersion, "policyVersion is null");
        this.principal = requireNonNull(principal, "principal is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
    }

    /** The version of the policy set every mask of this object comes from. */
    public String policyVersion() {
        return policyVersion;
    }

    @Override
    public Map<String, String> masks(CatalogTable table) {
        List<GatewayColumn> typed = new ArrayList<>();
        List<GatewayColumn> untyped = new ArrayList<>();
        for (CatalogColumn column : table.columns()) {
            try {
                typed.add(new GatewayColumn(column.name(), ColumnType.parse(column.type())));
            } catch (IllegalArgumentException e) {
                // decided as text to learn whether it is masked; its expression is then NULL
                untyped.add(new GatewayColumn(column.name(), ColumnType.parse("varchar")));
            }
        }
        ResolvedTable resolved = ResolvedTable.known(table);
        Map<String, String> out = new LinkedHashMap<>();
        for (ColumnDecision d : decider.decide(policy, policyVersion, principal, dialect, resolved, typed)) {
            if (d.masked()) {
                out.put(d.column(), d.sql());
            }
        }
        for (ColumnDecision d : decider.decide(policy, policyVersion, principal, dialect, resolved, untyped)) {
            if (d.masked()) {
                out.put(d.column(), "NULL");
            }
        }
        return out;
    }
}
