package io.custodian.lineage.sql;

import static io.custodian.lineage.sql.AnalysisContext.addAll;
import static io.custodian.lineage.sql.AnalysisContext.newSources;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlStarExclude;
import org.apache.calcite.sql.SqlStarReplace;
import org.apache.calcite.sql.SqlUnnestOperator;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;

/**
 * Walks a query's parse tree with scopes: each FROM item, CTE and subquery exposes named columns
 * with their source sets, and each select item's sources are the union of what its expression
 * reads through them. Clauses that only steer rows (JOIN ON, WHERE, GROUP BY, HAVING, QUALIFY,
 * ORDER BY, windows) add indirect edges to the statement.
 */
final class QueryAnalyzer {
    private final AnalysisContext context;
    private final ExpressionAnalyzer expressions;

    QueryAnalyzer(AnalysisContext context) {
        this.context = context;
        this.expressions = new ExpressionAnalyzer(context, this);
    }

    ExpressionAnalyzer expressions() {
        return expressions;
    }

    static boolean isQuery(SqlNode node) {
        return node != null && switch (node.getKind()) {
            case SELECT, UNION, INTERSECT, EXCEPT, WITH, ORDER_BY, VALUES, EXPLICIT_TABLE -> true;
            default -> false;
        };
    }

    /** The columns a query produces. */
    Relation query(SqlNode node, Scope outer) {
        context.enter(node);
        try {
            return switch (node.getKind()) {
                case SELECT -> select((SqlSelect) node, outer, null);
                case ORDER_BY -> orderBy((SqlOrderBy) node, outer);
                case WITH -> with((SqlWith) node, outer);
                case UNION, INTERSECT, EXCEPT -> setOperation((SqlCall) node, outer);
                case VALUES -> values((SqlCall) node, outer);
                case EXPLICIT_TABLE -> table((SqlIdentifier) ((SqlCall) node).operand(0), outer).relation();
                default -> throw new AnalysisException("not a query: " + node.getKind(), node.getParserPosition());
            };
        } finally {
            context.exit();
        }
    }

    private Relation orderBy(SqlOrderBy orderBy, Scope outer) {
        if (orderBy.query instanceof SqlSelect select) {
            return select(select, outer, orderBy.orderList);
        }
        Relation result = query(orderBy.query, outer);
        Scope scope = new Scope(outer);
        scope.entries.add(new Scope.Entry(null, null, null, result));
        for (SqlNode item : orderBy.orderList) {
            context.indirect(orderItem(item, scope, result.columns()), EdgeSubtype.SORT);
        }
        return result;
    }

    private Relation with(SqlWith with, Scope outer) {
        Scope scope = new Scope(outer);
        for (SqlNode node : with.withList) {
            SqlWithItem item = (SqlWithItem) node;
            String name = item.name.getSimple();
            List<String> columns = names(item.columnList);
            if (isSetOperation(item.query)) {
                // Possibly recursive: the anchor (first branch) defines the columns, then the whole
                // query is read with the CTE visible until its sources stop growing.
                Relation anchor = query(((SqlCall) item.query).operand(0), scope).renamed(columns);
                scope.defineCte(name, anchor);
                Relation previous = anchor;
                for (int round = 0; round < 4; round++) {
                    Relation next = query(item.query, scope).renamed(columns);
                    scope.defineCte(name, next);
                    if (sameSources(previous, next)) {
                        break;
                    }
                    previous = next;
                }
            } else {
                scope.defineCte(name, query(item.query, scope).renamed(columns));
            }
        }
        return query(with.body, scope);
    }

    private static boolean isSetOperation(SqlNode node) {
        SqlKind kind = node.getKind();
        return kind == SqlKind.UNION || kind == SqlKind.INTERSECT || kind == SqlKind.EXCEPT;
    }

    private static boolean sameSources(Relation a, Relation b) {
        if (a.columns().size() != b.columns().size()) {
            return false;
        }
        for (int i = 0; i < a.columns().size(); i++) {
            if (!a.columns().get(i).sources().equals(b.columns().get(i).sources())) {
                return false;
            }
        }
        return true;
    }

    private Relation setOperation(SqlCall call, Scope outer) {
        Relation left = query(call.operand(0), outer);
        Relation right = query(call.operand(1), outer);
        if (call.getKind() == SqlKind.EXCEPT) {
            // Rows of the right side only remove rows: their columns filter, they do not flow.
            for (Relation.Column c : right.columns()) {
                context.indirect(c.sources(), EdgeSubtype.FILTER);
            }
            return left;
        }
        if (left.columns().size() != right.columns().size() && !left.isOpen() && !right.isOpen()) {
            context.warn(call.getKind() + " branches have " + left.columns().size() + " and "
                    + right.columns().size() + " columns");
        }
        List<Relation.Column> merged = new ArrayList<>();
        for (int i = 0; i < left.columns().size(); i++) {
            Map<SourceColumn, EdgeSubtype> sources = newSources();
            addAll(sources, left.columns().get(i).sources(), EdgeSubtype.IDENTITY);
            if (i < right.columns().size()) {
                addAll(sources, right.columns().get(i).sources(), EdgeSubtype.IDENTITY);
            }
            merged.add(new Relation.Column(left.columns().get(i).name(), sources));
        }
        List<Relation> open = new ArrayList<>(left.openParts());
        open.addAll(right.openParts());
        return new Relation(merged, null, open);
    }

    private Relation values(SqlCall values, Scope outer) {
        List<Map<SourceColumn, EdgeSubtype>> columns = new ArrayList<>();
        for (SqlNode row : values.getOperandList()) {
            List<SqlNode> items = row instanceof SqlCall rowCall && rowCall.getKind() == SqlKind.ROW
                    ? rowCall.getOperandList() : List.of(row);
            for (int i = 0; i < items.size(); i++) {
                if (columns.size() <= i) {
                    columns.add(newSources());
                }
                addAll(columns.get(i), expressions.sources(items.get(i), outer), EdgeSubtype.IDENTITY);
            }
        }
        List<Relation.Column> result = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            result.add(new Relation.Column("_col" + i, columns.get(i)));
        }
        return Relation.of(result);
    }

    Relation select(SqlSelect select, Scope outer, SqlNodeList extraOrder) {
        Scope scope = new Scope(outer);
        if (select.getFrom() != null) {
            from(select.getFrom(), scope);
        }
        List<Relation.Column> columns = new ArrayList<>();
        List<Relation> open = new ArrayList<>();
        int index = 0;
        for (SqlNode item : select.getSelectList()) {
            if (item instanceof SqlIdentifier id && id.isStar()) {
                star(id, scope, columns, open, Set.of(), Map.of());
                index = columns.size();
                continue;
            }
            if (item instanceof SqlStarExclude exclude) { // SELECT * EXCEPT (a, b) / EXCLUDE
                star(exclude.getStarIdentifier(), scope, columns, open, Set.copyOf(names(exclude.getExcludeList())
                        .stream().map(Scope::key).toList()), Map.of());
                index = columns.size();
                continue;
            }
            if (item instanceof SqlStarReplace replace) { // SELECT * REPLACE (expr AS a)
                Map<String, SqlNode> replacements = new LinkedHashMap<>();
                for (SqlNode r : replace.getReplaceList()) {
                    if (r.getKind() == SqlKind.AS) {
                        replacements.put(Scope.key(stored((SqlIdentifier) ((SqlCall) r).operand(1))), r);
                    }
                }
                star(replace.getStarIdentifier(), scope, columns, open, Set.of(), replacements);
                index = columns.size();
                continue;
            }
            Map<SourceColumn, EdgeSubtype> sources = expressions.sources(item, scope);
            Relation.Column column = new Relation.Column(outputName(item, index, scope), sources);
            columns.add(column);
            scope.selectAliases.putIfAbsent(Scope.key(column.name()), column);
            index++;
        }
        expressions.indirect(select.getWhere(), scope, EdgeSubtype.FILTER);
        if (select.getGroup() != null) {
            for (SqlNode item : select.getGroup()) {
                context.indirect(orderItem(item, scope, columns), EdgeSubtype.GROUP_BY);
            }
        }
        expressions.indirect(select.getHaving(), scope, EdgeSubtype.FILTER);
        expressions.indirect(select.getQualify(), scope, EdgeSubtype.FILTER);
        if (select.getWindowList() != null) {
            for (SqlNode window : select.getWindowList()) {
                expressions.window(window, scope);
            }
        }
        for (SqlNodeList order : new SqlNodeList[] {select.getOrderList(), extraOrder}) {
            if (order != null) {
                for (SqlNode item : order) {
                    context.indirect(orderItem(item, scope, columns), EdgeSubtype.SORT);
                }
            }
        }
        return new Relation(columns, null, open);
    }

    /** A GROUP BY / ORDER BY item: an ordinal or a select alias names a select item. */
    private Map<SourceColumn, EdgeSubtype> orderItem(SqlNode item, Scope scope, List<Relation.Column> columns) {
        SqlNode bare = item;
        while (bare instanceof SqlCall call && (bare.getKind() == SqlKind.DESCENDING
                || bare.getKind() == SqlKind.NULLS_FIRST || bare.getKind() == SqlKind.NULLS_LAST)) {
            bare = call.operand(0);
        }
        if (bare instanceof SqlNumericLiteral literal && literal.isInteger()) {
            int ordinal = literal.intValue(false);
            if (ordinal >= 1 && ordinal <= columns.size()) {
                return columns.get(ordinal - 1).sources();
            }
            return Map.of();
        }
        if (bare instanceof SqlIdentifier id && id.names.size() == 1 && !id.isStar()) {
            boolean inFrom = scope.entries.stream().anyMatch(e -> e.relation().lists(id.getSimple()));
            if (!inFrom) {
                for (Relation.Column c : columns) {
                    if (c.name().equalsIgnoreCase(id.getSimple())) {
                        return c.sources();
                    }
                }
            }
        }
        return expressions.sources(bare, scope);
    }

    private void star(SqlIdentifier id, Scope scope, List<Relation.Column> columns, List<Relation> open,
            Set<String> excluded, Map<String, SqlNode> replacements) {
        List<Scope.Entry> entries = scope.entries;
        if (id.names.size() > 1) {
            String qualifier = id.names.get(id.names.size() - 2);
            entries = entries.stream().filter(e -> e.alias() != null && e.alias().equalsIgnoreCase(qualifier)).toList();
            if (entries.isEmpty()) {
                context.warn(id + " names no FROM item; not expanded");
                return;
            }
        }
        Set<String> emitted = new HashSet<>();
        for (Scope.Entry entry : entries) {
            for (Relation.Column c : entry.relation().columns()) {
                String key = Scope.key(c.name());
                if (excluded.contains(key)) {
                    continue;
                }
                if (replacements.containsKey(key)) {
                    columns.add(new Relation.Column(c.name(), expressions.sources(replacements.get(key), scope)));
                    continue;
                }
                if (id.names.size() == 1 && scope.mergedColumns.contains(key)) {
                    if (!emitted.add(key)) {
                        continue; // a USING / NATURAL column appears once, carrying both sides
                    }
                    Map<SourceColumn, EdgeSubtype> both = newSources();
                    for (Scope.Entry e : entries) {
                        e.relation().lookup(c.name(), c.name()).filter(s -> e.relation().lists(c.name()))
                                .ifPresent(s -> addAll(both, s, EdgeSubtype.IDENTITY));
                    }
                    columns.add(new Relation.Column(c.name(), both));
                } else {
                    columns.add(c);
                }
            }
            if (entry.relation().isOpen()) {
                open.add(entry.relation());
                context.warn(id + " over " + (entry.alias() == null ? "a subquery" : entry.alias())
                        + " whose schema is unknown: its columns are not expanded");
            }
        }
    }

    private String outputName(SqlNode item, int index, Scope scope) {
        if (item.getKind() == SqlKind.AS) {
            return stored(((SqlIdentifier) ((SqlCall) item).operand(1)));
        }
        if (item instanceof SqlIdentifier id) {
            List<Identifier> parts = AnalysisContext.parts(id);
            Identifier last = parts.get(parts.size() - 1);
            // The name a known relation spells the column with, else the name as stored.
            for (Scope s = scope; s != null; s = s.parent) {
                for (Scope.Entry e : s.entries) {
                    for (Relation.Column c : e.relation().columns()) {
                        if (c.name().equalsIgnoreCase(last.text())) {
                            return c.name();
                        }
                    }
                }
            }
            return last.stored(context.dialect);
        }
        return context.expressionName(item).orElse("_col" + index);
    }

    String stored(SqlIdentifier id) {
        List<Identifier> parts = AnalysisContext.parts(id);
        return parts.get(parts.size() - 1).stored(context.dialect);
    }

    private List<String> names(SqlNodeList list) {
        List<String> names = new ArrayList<>();
        if (list != null) {
            for (SqlNode n : list) {
                if (n instanceof SqlIdentifier id) {
                    names.add(stored(id));
                }
            }
        }
        return names;
    }

    /** Adds the FROM clause's items to the scope. */
    void from(SqlNode node, Scope scope) {
        context.enter(node);
        try {
            fromItem(node, scope);
        } finally {
            context.exit();
        }
    }

    private void fromItem(SqlNode node, Scope scope) {
        if (node instanceof SqlJoin join) {
            int before = scope.entries.size();
            from(join.getLeft(), scope);
            int middle = scope.entries.size();
            from(join.getRight(), scope);
            List<Scope.Entry> left = List.copyOf(scope.entries.subList(before, middle));
            List<Scope.Entry> right = List.copyOf(scope.entries.subList(middle, scope.entries.size()));
            if (join.getConditionType() == JoinConditionType.ON) {
                expressions.indirect(join.getCondition(), scope, EdgeSubtype.JOIN);
            } else if (join.getConditionType() == JoinConditionType.USING) {
                for (SqlNode column : (SqlNodeList) join.getCondition()) {
                    joinColumn(stored((SqlIdentifier) column), left, right, scope);
                }
            }
            if (join.isNatural()) {
                natural(left, right, scope);
            }
            return;
        }
        if (node instanceof SqlIdentifier id) {
            scope.entries.add(table(id, scope));
            return;
        }
        if (node instanceof SqlNodeList list) { // some dialects' comma lists
            for (SqlNode item : list) {
                from(item, scope);
            }
            return;
        }
        SqlCall call = (SqlCall) node;
        switch (node.getKind()) {
            case AS -> aliased(call, scope);
            case LATERAL, TABLESAMPLE, SNAPSHOT, EXPLICIT_TABLE -> from(call.operand(0), scope);
            case UNNEST -> scope.entries.add(new Scope.Entry(null, null, null, unnest(call, scope, null)));
            case COLLECTION_TABLE -> {
                context.warn("table function " + call.operand(0) + ": its columns are unknown");
                scope.entries.add(new Scope.Entry(null, null, null, Relation.of(List.of())));
            }
            default -> {
                if (isQuery(node)) {
                    scope.entries.add(new Scope.Entry(null, null, null, query(node, scope)));
                } else {
                    throw new AnalysisException("unsupported FROM item: " + node.getKind(), node.getParserPosition());
                }
            }
        }
    }

    private void aliased(SqlCall as, Scope scope) {
        SqlNode inner = as.operand(0);
        String alias = ((SqlIdentifier) as.operand(1)).getSimple();
        List<String> columnNames = new ArrayList<>();
        for (SqlNode n : as.getOperandList().subList(2, as.operandCount())) {
            if (n instanceof SqlIdentifier id) {
                columnNames.add(stored(id));
            } else if (n instanceof SqlNodeList list) {
                columnNames.addAll(names(list));
            }
        }
        SqlNode relationNode = inner;
        while (relationNode.getKind() == SqlKind.LATERAL || relationNode.getKind() == SqlKind.TABLESAMPLE) {
            relationNode = ((SqlCall) relationNode).operand(0);
        }
        if (relationNode instanceof SqlIdentifier id) {
            Scope.Entry table = table(id, scope);
            scope.entries.add(new Scope.Entry(alias, table.table(), table.writtenName(),
                    table.relation().renamed(columnNames)));
            return;
        }
        Relation relation;
        if (relationNode.getKind() == SqlKind.UNNEST) {
            relation = unnest((SqlCall) relationNode, scope, columnNames.isEmpty() ? stored(
                    (SqlIdentifier) as.operand(1)) : null);
        } else if (isQuery(relationNode)) {
            relation = query(relationNode, scope);
        } else {
            int before = scope.entries.size();
            from(relationNode, scope);
            relation = before < scope.entries.size() ? scope.entries.remove(scope.entries.size() - 1).relation()
                    : Relation.of(List.of());
        }
        scope.entries.add(new Scope.Entry(alias, null, null, relation.renamed(columnNames)));
    }

    /** UNNEST(array, ...): one column per argument, named by the alias when there is only one. */
    private Relation unnest(SqlCall call, Scope scope, String soleName) {
        List<Relation.Column> columns = new ArrayList<>();
        List<SqlNode> operands = call.getOperandList();
        for (int i = 0; i < operands.size(); i++) {
            String name = operands.size() == 1 && soleName != null ? soleName : "_col" + i;
            Map<SourceColumn, EdgeSubtype> sources = newSources();
            expressions.walk(operands.get(i), scope, EdgeSubtype.TRANSFORMATION, sources);
            columns.add(new Relation.Column(name, sources));
        }
        if (call.getOperator() instanceof SqlUnnestOperator unnest && unnest.withOrdinality) {
            columns.add(new Relation.Column("ordinality", Map.of()));
        }
        return Relation.of(columns);
    }

    /** A table name in FROM: a CTE, a table of the script or the schemas, or an unknown table. */
    Scope.Entry table(SqlIdentifier id, Scope scope) {
        List<Identifier> parts = AnalysisContext.parts(id);
        String alias = parts.get(parts.size() - 1).text();
        if (parts.size() == 1 || parts.size() == 2 && parts.get(0).text().equalsIgnoreCase("SESSION")) {
            // A CTE or temporary table (DB2's are SESSION.t)
            Relation cte = scope.cte(parts.get(parts.size() - 1).text());
            if (cte != null && context.schemas instanceof ScriptSchema script && script.isTemporary(alias)) {
                script.readTemporary(alias);
            }
            if (cte != null) {
                return new Scope.Entry(alias, null, null, cte);
            }
        }
        TableName written = context.tableName(parts);
        TableName qualified = context.defaults.qualify(written);
        Optional<SchemaProvider.TableSchema> known = context.schemas.table(qualified);
        if (known.isEmpty() && !qualified.equals(written)) {
            known = context.schemas.table(written);
        }
        if (known.isEmpty()) {
            List<TableName> candidates = context.schemas.ambiguous(written);
            if (!candidates.isEmpty()) {
                context.warn("table " + written + " is ambiguous: it could be "
                        + candidates.stream().map(TableName::toString).sorted().collect(
                                java.util.stream.Collectors.joining(", "))
                        + "; write its full name");
            }
        }
        if (known.isPresent()) {
            SchemaProvider.TableSchema schema = known.get();
            List<Relation.Column> columns = new ArrayList<>();
            for (String column : schema.columns()) {
                Map<SourceColumn, EdgeSubtype> source = new LinkedHashMap<>();
                source.put(new SourceColumn(schema.name(), column), EdgeSubtype.IDENTITY);
                columns.add(new Relation.Column(column, source));
            }
            return new Scope.Entry(alias, schema.name(), written, Relation.of(columns));
        }
        return new Scope.Entry(alias, qualified, written, Relation.openTable(qualified));
    }

    private void joinColumn(String name, List<Scope.Entry> left, List<Scope.Entry> right, Scope scope) {
        scope.mergedColumns.add(Scope.key(name));
        for (List<Scope.Entry> side : List.of(left, right)) {
            List<Scope.Entry> having = side.stream().filter(e -> e.relation().lists(name)).toList();
            if (having.isEmpty()) {
                having = side.stream().filter(e -> e.relation().isOpen()).toList();
            }
            if (having.size() == 1) {
                having.get(0).relation().lookup(name, name)
                        .ifPresent(s -> context.indirect(s, EdgeSubtype.JOIN));
            }
        }
    }

    private void natural(List<Scope.Entry> left, List<Scope.Entry> right, Scope scope) {
        Set<String> leftNames = new HashSet<>();
        left.forEach(e -> e.relation().columns().forEach(c -> leftNames.add(Scope.key(c.name()))));
        boolean unknown = left.stream().anyMatch(e -> e.relation().isOpen())
                || right.stream().anyMatch(e -> e.relation().isOpen());
        if (unknown) {
            context.warn("NATURAL JOIN over a table whose schema is unknown: join columns not resolved");
        }
        for (Scope.Entry e : right) {
            for (Relation.Column c : e.relation().columns()) {
                if (leftNames.contains(Scope.key(c.name()))) {
                    joinColumn(c.name(), left, right, scope);
                }
            }
        }
    }
}
