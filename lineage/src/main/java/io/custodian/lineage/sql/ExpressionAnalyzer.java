package io.custodian.lineage.sql;

import static io.custodian.lineage.sql.AnalysisContext.addAll;
import static io.custodian.lineage.sql.AnalysisContext.newSources;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWindow;

/**
 * The sources of one expression: which columns flow into its value (DIRECT, with IDENTITY for a
 * bare column, AGGREGATION under an aggregate, TRANSFORMATION under any other function or
 * operator), and, recorded on the context, which only steer it (CASE conditions, window
 * partitions and orders, aggregate filters).
 */
final class ExpressionAnalyzer {
    /** Aggregate functions by name, for the many the parser leaves as unresolved functions. */
    private static final Set<String> AGGREGATES = Set.of("COUNT", "SUM", "AVG", "MIN", "MAX", "ARRAY_AGG",
            "STRING_AGG", "LISTAGG", "GROUP_CONCAT", "COLLECT_LIST", "COLLECT_SET", "STDDEV", "STDDEV_POP",
            "STDDEV_SAMP", "VARIANCE", "VAR_POP", "VAR_SAMP", "ANY_VALUE", "APPROX_COUNT_DISTINCT",
            "APPROX_DISTINCT", "MEDIAN", "PERCENTILE_CONT", "PERCENTILE_DISC", "APPROX_PERCENTILE", "BOOL_AND",
            "BOOL_OR", "EVERY", "BIT_AND", "BIT_OR", "BIT_XOR", "COUNT_IF", "COUNTIF", "ARBITRARY", "MAX_BY",
            "MIN_BY", "ARG_MAX", "ARG_MIN", "CORR", "COVAR_POP", "COVAR_SAMP", "JSON_AGG", "JSONB_AGG",
            "JSON_OBJECT_AGG", "OBJECT_AGG", "ARRAY_CONCAT_AGG", "LOGICAL_AND", "LOGICAL_OR", "XMLAGG",
            "SUM0", "$SUM0", "FIRST", "LAST", "HLL_COUNT", "APPROX_TOP_COUNT", "STDEV", "STDEVP", "VAR", "VARP",
            "CHECKSUM_AGG", "COUNT_BIG", "ARRAY_UNION_AGG", "BITMAP_AGG", "MODE", "REGR_SLOPE", "KURTOSIS",
            "SKEWNESS", "PERCENTILE", "PERCENTILE_APPROX", "STRING_AGG_DISTINCT", "APPROX_QUANTILES");
    /** Functions whose first argument is a condition and whose others are values. */
    private static final Set<String> CONDITIONAL_FUNCTIONS = Set.of("IF", "IIF", "IFF");

    private final AnalysisContext context;
    private final QueryAnalyzer queries;

    ExpressionAnalyzer(AnalysisContext context, QueryAnalyzer queries) {
        this.context = context;
        this.queries = queries;
    }

    /** The DIRECT sources of the expression's value. */
    Map<SourceColumn, EdgeSubtype> sources(SqlNode node, Scope scope) {
        Map<SourceColumn, EdgeSubtype> out = newSources();
        walk(node, scope, EdgeSubtype.IDENTITY, out);
        return out;
    }

    /** Records every column the expression reads as an indirect edge of the given subtype. */
    void indirect(SqlNode node, Scope scope, EdgeSubtype subtype) {
        if (node != null) {
            context.indirect(sources(node, scope), subtype);
        }
    }

    void walk(SqlNode node, Scope scope, EdgeSubtype mode, Map<SourceColumn, EdgeSubtype> out) {
        if (node == null) {
            return;
        }
        context.enter(node);
        try {
            walkNode(node, scope, mode, out);
        } finally {
            context.exit();
        }
    }

    private void walkNode(SqlNode node, Scope scope, EdgeSubtype mode, Map<SourceColumn, EdgeSubtype> out) {
        if (node instanceof SqlIdentifier id) {
            if (!id.isStar()) {
                column(id, scope).ifPresent(sources -> addAll(out, sources, mode));
            }
            return;
        }
        if (node instanceof SqlNodeList list) {
            for (SqlNode item : list) {
                walk(item, scope, mode, out);
            }
            return;
        }
        if (!(node instanceof SqlCall call)) {
            return; // literals, parameters, type names, interval qualifiers
        }
        if (QueryAnalyzer.isQuery(call)) {
            Relation sub = queries.query(call, scope);
            for (Relation.Column c : sub.columns()) {
                addAll(out, c.sources(), mode);
            }
            return;
        }
        SqlKind kind = call.getKind();
        switch (kind) {
            case AS, DESCENDING, NULLS_FIRST, NULLS_LAST, EXPLICIT_TABLE -> {
                walk(call.operand(0), scope, mode, out);
                return;
            }
            case CASE -> {
                SqlCase sqlCase = (SqlCase) call;
                indirect(sqlCase.getValueOperand(), scope, EdgeSubtype.CONDITIONAL);
                indirect(sqlCase.getWhenOperands(), scope, EdgeSubtype.CONDITIONAL);
                EdgeSubtype value = EdgeSubtype.compose(mode, EdgeSubtype.TRANSFORMATION);
                walk(sqlCase.getThenOperands(), scope, value, out);
                walk(sqlCase.getElseOperand(), scope, value, out);
                return;
            }
            case OVER -> {
                walk(call.operand(0), scope, mode, out);
                window(call.operand(1), scope);
                return;
            }
            case FILTER -> {
                walk(call.operand(0), scope, mode, out);
                indirect(call.operand(1), scope, EdgeSubtype.FILTER);
                return;
            }
            case WITHIN_GROUP, WITHIN_DISTINCT -> {
                walk(call.operand(0), scope, mode, out);
                indirect(call.operand(1), scope, EdgeSubtype.SORT);
                return;
            }
            case LAMBDA -> {
                return; // its parameters are not columns; its body reads the lambda's arguments
            }
            default -> {
            }
        }
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        EdgeSubtype step = call.getOperator().isAggregator() || AGGREGATES.contains(name)
                ? EdgeSubtype.AGGREGATION : EdgeSubtype.TRANSFORMATION;
        EdgeSubtype inner = EdgeSubtype.compose(mode, step);
        List<SqlNode> operands = call.getOperandList();
        boolean conditional = CONDITIONAL_FUNCTIONS.contains(name) && operands.size() == 3;
        for (int i = 0; i < operands.size(); i++) {
            if (conditional && i == 0) {
                indirect(operands.get(0), scope, EdgeSubtype.CONDITIONAL);
            } else if (i > 0 && operands.get(i) instanceof SqlNodeList order && step == EdgeSubtype.AGGREGATION) {
                indirect(order, scope, EdgeSubtype.SORT); // ARRAY_AGG(x ORDER BY y): y orders, x is the value
            } else {
                walk(operands.get(i), scope, inner, out);
            }
        }
    }

    void window(SqlNode node, Scope scope) {
        if (node instanceof SqlWindow window) {
            indirect(window.getPartitionList(), scope, EdgeSubtype.WINDOW);
            indirect(window.getOrderList(), scope, EdgeSubtype.WINDOW);
        }
    }

    /** The sources of a column reference, or empty (with a warning) when it cannot be resolved. */
    Optional<Map<SourceColumn, EdgeSubtype>> column(SqlIdentifier id, Scope scope) {
        List<Identifier> parts = AnalysisContext.parts(id);
        if (parts.size() > 1) {
            for (Scope s = scope; s != null; s = s.parent) {
                Optional<Map<SourceColumn, EdgeSubtype>> qualified = qualified(parts, s);
                if (qualified != null) {
                    return qualified;
                }
            }
        }
        // Unqualified, or a qualified name whose prefix names no FROM item: a struct column's field.
        Identifier first = parts.get(0);
        for (Scope s = scope; s != null; s = s.parent) {
            Optional<Map<SourceColumn, EdgeSubtype>> found = unqualified(first, s, id);
            if (found != null) {
                return found.map(sources -> nested(sources, parts.subList(1, parts.size())));
            }
        }
        // FROM UNNEST(event_params) without an alias: the elements' struct fields are its columns.
        for (Scope s = scope; s != null; s = s.parent) {
            for (Scope.Entry e : s.entries) {
                if (e.alias() == null && e.table() == null && e.relation().columns().size() == 1
                        && !e.relation().isOpen() && e.relation().columns().get(0).name().startsWith("_col")) {
                    return Optional.of(nested(e.relation().columns().get(0).sources(), parts));
                }
            }
        }
        context.warn("column " + id + " matches no column in scope; not resolved");
        return Optional.empty();
    }

    /** Null when no FROM item of this scope matches the qualifier; otherwise the answer. */
    private Optional<Map<SourceColumn, EdgeSubtype>> qualified(List<Identifier> parts, Scope scope) {
        for (int prefix = Math.min(parts.size() - 1, 3); prefix >= 1; prefix--) {
            List<Identifier> qualifier = parts.subList(0, prefix);
            for (Scope.Entry entry : scope.entries) {
                if (matchesQualifier(entry, qualifier)) {
                    Identifier column = parts.get(prefix);
                    List<Identifier> path = parts.subList(prefix + 1, parts.size());
                    Optional<Map<SourceColumn, EdgeSubtype>> sources =
                            entry.relation().lookup(column.text(), column.stored(context.dialect))
                                    .map(found -> nested(found, path));
                    if (sources.isEmpty() && entry.table() == null && entry.relation().columns().size() == 1
                            && !entry.relation().isOpen()) {
                        // UNNEST(t.items) AS item, then item.sku: a field of the array's elements
                        sources = Optional.of(nested(entry.relation().columns().get(0).sources(),
                                parts.subList(prefix, parts.size())));
                    }
                    if (sources.isEmpty()) {
                        context.warn("column " + column.text() + " not found in " + entry.alias() + "; not resolved");
                    }
                    return sources;
                }
            }
        }
        return null;
    }

    /**
     * A struct field's sources: each source column's nested path ({@code widget.asset.id} is column
     * {@code widget}'s field {@code asset.id}, named so in lineage).
     */
    private Map<SourceColumn, EdgeSubtype> nested(Map<SourceColumn, EdgeSubtype> sources, List<Identifier> path) {
        if (path.isEmpty()) {
            return sources;
        }
        StringBuilder suffix = new StringBuilder();
        path.forEach(p -> suffix.append('.').append(p.stored(context.dialect)));
        Map<SourceColumn, EdgeSubtype> fields = newSources();
        sources.forEach((source, subtype) -> fields.merge(new SourceColumn(source.table(), source.column() + suffix),
                subtype, (a, b) -> a.ordinal() >= b.ordinal() ? a : b));
        return fields;
    }

    private static boolean matchesQualifier(Scope.Entry entry, List<Identifier> qualifier) {
        if (qualifier.size() == 1) {
            return entry.alias() != null && qualifier.get(0).matches(entry.alias());
        }
        if (entry.writtenName() == null) {
            return false;
        }
        TableName written = new TableName(qualifier.stream().map(Identifier::text).toList());
        return written.isSuffixOf(entry.table()) || written.isSuffixOf(entry.writtenName());
    }

    /** Null when this scope has no such column (look further out); otherwise the answer. */
    private Optional<Map<SourceColumn, EdgeSubtype>> unqualified(Identifier name, Scope scope, SqlIdentifier id) {
        String stored = name.stored(context.dialect);
        List<Scope.Entry> listing = scope.entries.stream().filter(e -> e.relation().lists(name.text())).toList();
        if (listing.size() == 1) {
            return listing.get(0).relation().lookup(name.text(), stored);
        }
        if (listing.size() > 1) {
            if (scope.mergedColumns.contains(Scope.key(name.text()))) {
                Map<SourceColumn, EdgeSubtype> all = newSources();
                for (Scope.Entry e : listing) {
                    e.relation().lookup(name.text(), stored).ifPresent(s -> addAll(all, s, EdgeSubtype.IDENTITY));
                }
                return Optional.of(all);
            }
            context.warn("column " + id + " is ambiguous: " + listing.stream().map(Scope.Entry::alias).toList()
                    + " all have it; not resolved");
            return Optional.empty();
        }
        List<Scope.Entry> open = scope.entries.stream().filter(e -> e.relation().isOpen()).toList();
        if (open.size() == 1) {
            return open.get(0).relation().lookup(name.text(), stored);
        }
        if (open.size() > 1) {
            Relation.Column alias = scope.selectAliases.get(Scope.key(name.text()));
            if (alias != null) {
                return Optional.of(alias.sources());
            }
            context.warn("column " + id + " may belong to any of " + open.stream().map(Scope.Entry::alias).toList()
                    + ", whose schemas are unknown; not resolved");
            return Optional.empty();
        }
        Relation.Column alias = scope.selectAliases.get(Scope.key(name.text()));
        if (alias != null) {
            return Optional.of(alias.sources());
        }
        return null;
    }
}
