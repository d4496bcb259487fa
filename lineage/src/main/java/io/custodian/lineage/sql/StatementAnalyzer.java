package io.custodian.lineage.sql;

import static io.custodian.lineage.sql.AnalysisContext.newSources;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlMerge;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.util.Util;

/**
 * The lineage of one parsed statement: which table it writes and, for each written column (or
 * each result column of a query), the columns its value comes from.
 */
final class StatementAnalyzer {
    /** What a statement produced, before its position in the script is attached. */
    record Result(StatementKind kind, TableName target, List<ColumnLineage> columns, boolean temporary) {
        public Result {
            columns = List.copyOf(columns);
        }

        Result(StatementKind kind, TableName target, List<ColumnLineage> columns) {
            this(kind, target, columns, false);
        }
    }

    /** Stands for every column of a MERGE's source (Databricks' {@code UPDATE SET *}, {@code INSERT *}). */
    static final String ALL_COLUMNS = "__all_columns__";

    private final AnalysisContext context;
    private final QueryAnalyzer queries;
    private final ScriptSchema script;
    /** The script's temporary tables and the CTEs written before this statement. */
    private final Scope base;

    StatementAnalyzer(AnalysisContext context, ScriptSchema script) {
        this.context = context;
        this.queries = new QueryAnalyzer(context);
        this.script = script;
        this.base = script.statementScope();
    }

    private Scope scope() {
        return new Scope(base);
    }

    /** A CTE written before INSERT, UPDATE, MERGE or DELETE: visible to the rest of the statement. */
    void cte(Identifier name, List<Identifier> columns, SqlNode query) {
        Relation relation = queries.query(query, scope());
        if (!columns.isEmpty()) {
            relation = relation.renamed(columns.stream().map(c -> c.stored(context.dialect)).toList());
        }
        base.defineCte(name.text(), relation);
    }

    /**
     * A temporary table or view: not a dataset, so the statements that read it get its sources
     * (its own lineage is dropped once a later statement reads it; see {@link Result#temporary}).
     */
    Result temporary(StatementKind kind, List<Identifier> name, List<Identifier> columnList, SqlNode query) {
        TableName target = context.tableName(name);
        Relation relation = query == null ? Relation.of(columnList.stream()
                .map(c -> new Relation.Column(c.stored(context.dialect), Map.of())).toList())
                : queries.query(query, scope());
        if (query != null && !columnList.isEmpty()) {
            relation = relation.renamed(columnList.stream().map(c -> c.stored(context.dialect)).toList());
        }
        script.defineTemporary(target, relation);
        List<ColumnLineage> columns = new ArrayList<>();
        if (query != null) {
            for (Relation.Column c : relation.columns()) {
                columns.add(new ColumnLineage(TargetColumn.of(target, c.name()), edges(c.sources())));
            }
        }
        return new Result(query == null ? StatementKind.OTHER : kind, target, columns, true);
    }

    Result query(SqlNode node) {
        Relation relation = queries.query(node, scope());
        List<ColumnLineage> columns = new ArrayList<>();
        for (Relation.Column c : relation.columns()) {
            columns.add(new ColumnLineage(TargetColumn.of(null, c.name()), edges(c.sources())));
        }
        return new Result(StatementKind.QUERY, null, columns);
    }

    /** CREATE TABLE AS and CREATE VIEW: the query's columns, renamed by the column list if given. */
    Result create(StatementKind kind, List<Identifier> name, List<Identifier> columnList, SqlNode query) {
        TableName target = context.defaults.qualify(context.tableName(name));
        // A table the schemas already know (CREATE OR REPLACE) keeps their spelling of its name.
        target = context.schemas.table(target).map(SchemaProvider.TableSchema::name).orElse(target);
        Relation relation = queries.query(query, scope());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < relation.columns().size(); i++) {
            names.add(i < columnList.size() ? columnList.get(i).stored(context.dialect)
                    : relation.columns().get(i).name());
        }
        if (relation.isOpen()) {
            context.warn(target + ": some columns come from * over an unknown schema and are not listed");
        }
        script.define(target, names);
        List<ColumnLineage> columns = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            columns.add(new ColumnLineage(TargetColumn.of(target, names.get(i)),
                    edges(relation.columns().get(i).sources())));
        }
        return new Result(kind, target, columns);
    }

    /** CREATE TABLE t (column definitions): no lineage, but later statements see its columns. */
    Result createTable(List<Identifier> name, List<Identifier> columns) {
        TableName target = context.defaults.qualify(context.tableName(name));
        if (!columns.isEmpty()) {
            script.define(target, columns.stream().map(c -> c.stored(context.dialect)).toList());
        }
        return new Result(StatementKind.OTHER, target, List.of());
    }

    Result insert(SqlInsert insert) {
        SqlNode targetNode = insert.getTargetTable();
        if (targetNode.getKind() == SqlKind.AS) {
            targetNode = ((SqlCall) targetNode).operand(0);
        }
        if (!(targetNode instanceof SqlIdentifier targetId)) {
            throw new AnalysisException("INSERT into something that is not a table", targetNode.getParserPosition());
        }
        Scope.Entry target = queries.table(targetId, scope());
        Relation source = queries.query(insert.getSource(), scope());
        if (target.table() == null && script.isTemporary(Util.last(targetId.names))) {
            return intoTemporary(targetId, insert.getTargetColumnList(), target.relation(), source);
        }
        List<String> names = targetColumns(insert.getTargetColumnList(), target, source.columns().size());
        if (names.isEmpty()) {
            names = source.columns().stream().map(Relation.Column::name).toList();
            context.warn("columns of " + target.table() + " are unknown: target columns named after the query's");
        }
        if (names.size() != source.columns().size() && !source.isOpen()) {
            context.warn("INSERT lists " + names.size() + " target columns for " + source.columns().size() + " values");
        }
        List<ColumnLineage> columns = new ArrayList<>();
        for (int i = 0; i < Math.min(names.size(), source.columns().size()); i++) {
            columns.add(new ColumnLineage(TargetColumn.of(target.table(), names.get(i)),
                    edges(source.columns().get(i).sources())));
        }
        return new Result(StatementKind.INSERT, target.table(), columns);
    }

    /** INSERT INTO a temporary table: its columns gain the rows' sources; no lineage of its own. */
    private Result intoTemporary(SqlIdentifier targetId, SqlNodeList list, Relation temporary, Relation source) {
        List<String> names = new ArrayList<>();
        if (list != null && !list.isEmpty()) {
            list.forEach(n -> names.add(queries.stored((SqlIdentifier) n)));
        } else {
            temporary.columns().forEach(c -> names.add(c.name()));
        }
        List<Relation.Column> columns = new ArrayList<>();
        List<ColumnLineage> written = new ArrayList<>();
        TableName name = context.tableName(AnalysisContext.parts(targetId));
        for (Relation.Column c : temporary.columns()) {
            Map<SourceColumn, EdgeSubtype> sources = newSources();
            sources.putAll(c.sources());
            int i = indexOf(names, c.name());
            if (i >= 0 && i < source.columns().size()) {
                sources.putAll(source.columns().get(i).sources());
                written.add(new ColumnLineage(TargetColumn.of(name, c.name()),
                        edges(source.columns().get(i).sources())));
            }
            columns.add(new Relation.Column(c.name(), sources));
        }
        script.defineTemporary(name, Relation.of(columns));
        return new Result(StatementKind.INSERT, name, written, true);
    }

    private static int indexOf(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    Result update(SqlUpdate update, SqlSelect from) {
        Scope scope = scope();
        if (from != null && from.getFrom() != null) {
            queries.from(from.getFrom(), scope);
        }
        SqlIdentifier targetId = (SqlIdentifier) update.getTargetTable();
        String alias = update.getAlias() == null ? null : update.getAlias().getSimple();
        Scope.Entry target = null;
        if (targetId.names.size() == 1) {
            // T-SQL: UPDATE a SET ... FROM orders a JOIN ...: the target is an alias of the FROM list.
            for (Scope.Entry e : scope.entries) {
                if (e.table() != null && e.alias() != null && targetId.getSimple().equalsIgnoreCase(e.alias())) {
                    target = e;
                }
            }
        }
        if (target == null) {
            Scope.Entry table = queries.table(targetId, scope);
            target = new Scope.Entry(alias != null ? alias : table.alias(), table.table(), table.writtenName(),
                    table.relation());
            scope.entries.add(0, target);
        }
        queries.expressions().indirect(update.getCondition(), scope, EdgeSubtype.FILTER);
        List<ColumnLineage> columns = assignments(target, update.getTargetColumnList(),
                update.getSourceExpressionList(), scope);
        return new Result(StatementKind.UPDATE, target.table(), columns);
    }

    /** MERGE, read as one pass per writing clause: the columns each pass writes, joined. */
    Result merge(List<SqlMerge> passes) {
        Map<String, Map<SourceColumn, EdgeSubtype>> byColumn = new java.util.LinkedHashMap<>();
        TableName target = null;
        for (SqlMerge pass : passes) {
            target = merge(pass, byColumn).target();
        }
        List<ColumnLineage> columns = new ArrayList<>();
        TableName table = target;
        byColumn.forEach((name, sources) -> columns.add(
                new ColumnLineage(TargetColumn.of(table, name), edges(sources))));
        return new Result(StatementKind.MERGE, target, columns);
    }

    private Result merge(SqlMerge merge, Map<String, Map<SourceColumn, EdgeSubtype>> byColumn) {
        Scope scope = scope();
        SqlNode targetNode = merge.getTargetTable();
        Scope.Entry table = queries.table((SqlIdentifier) targetNode, scope);
        Scope.Entry target = new Scope.Entry(merge.getAlias() != null ? merge.getAlias().getSimple() : table.alias(),
                table.table(), table.writtenName(), table.relation());
        scope.entries.add(target);
        queries.from(merge.getSourceTableRef(), scope);
        queries.expressions().indirect(merge.getCondition(), scope, EdgeSubtype.JOIN);
        SqlUpdate update = merge.getUpdateCall();
        SqlInsert insert = merge.getInsertCall();
        if (isAllColumns(update == null ? null : update.getTargetColumnList())
                || isAllColumns(insert == null ? null : insert.getTargetColumnList())) {
            Scope sourceOnly = scope();
            queries.from(merge.getSourceTableRef(), sourceOnly);
            for (Scope.Entry e : sourceOnly.entries) {
                for (Relation.Column c : e.relation().columns()) {
                    add(byColumn, new ColumnLineage(TargetColumn.of(target.table(), c.name()), edges(c.sources())));
                }
            }
            if (isAllColumns(update == null ? null : update.getTargetColumnList())) {
                update = null;
            }
            if (isAllColumns(insert == null ? null : insert.getTargetColumnList())) {
                insert = null;
            }
        }
        if (update != null) {
            queries.expressions().indirect(update.getCondition(), scope, EdgeSubtype.FILTER);
            for (ColumnLineage c : assignments(target, update.getTargetColumnList(), update.getSourceExpressionList(),
                    scope)) {
                add(byColumn, c);
            }
        }
        if (insert != null) {
            SqlNode source = insert.getSource();
            List<SqlNode> values = List.of();
            if (source instanceof SqlCall valuesCall && source.getKind() == SqlKind.VALUES) {
                SqlNode row = valuesCall.operand(0);
                values = row instanceof SqlCall rowCall ? rowCall.getOperandList() : List.of(row);
            }
            List<String> names = targetColumns(insert.getTargetColumnList(), target, values.size());
            // The inserted values can only name the source's columns (dbt's merges leave them unqualified).
            Scope sourceOnly = scope();
            queries.from(merge.getSourceTableRef(), sourceOnly);
            for (int i = 0; i < Math.min(names.size(), values.size()); i++) {
                add(byColumn, new ColumnLineage(TargetColumn.of(target.table(), names.get(i)),
                        edges(queries.expressions().sources(values.get(i), sourceOnly))));
            }
        }
        return new Result(StatementKind.MERGE, target.table(), List.of());
    }

    private static boolean isAllColumns(SqlNodeList columns) {
        return columns != null && columns.size() == 1 && columns.get(0) instanceof SqlIdentifier id
                && id.isSimple() && id.getSimple().equalsIgnoreCase(ALL_COLUMNS);
    }

    private static void add(Map<String, Map<SourceColumn, EdgeSubtype>> byColumn, ColumnLineage column) {
        Map<SourceColumn, EdgeSubtype> sources = byColumn.computeIfAbsent(column.target().column(),
                k -> newSources());
        for (LineageEdge edge : column.sources()) {
            sources.merge(edge.source(), edge.subtype(), (a, b) -> a.ordinal() >= b.ordinal() ? a : b);
        }
    }

    private List<ColumnLineage> assignments(Scope.Entry target, SqlNodeList columns, SqlNodeList expressions,
            Scope scope) {
        List<ColumnLineage> result = new ArrayList<>();
        for (int i = 0; i < columns.size() && i < expressions.size(); i++) {
            String name = columnName((SqlIdentifier) columns.get(i), target);
            result.add(new ColumnLineage(TargetColumn.of(target.table(), name),
                    edges(queries.expressions().sources(expressions.get(i), scope))));
        }
        return result;
    }

    /** The target's spelling of a written column when its schema is known, else the stored name. */
    private String columnName(SqlIdentifier column, Scope.Entry target) {
        String written = column.names.get(column.names.size() - 1);
        for (Relation.Column c : target.relation().columns()) {
            if (c.name().equalsIgnoreCase(written)) {
                return c.name();
            }
        }
        return queries.stored(column);
    }

    /** The explicit column list, else the target's known columns, else empty. */
    private List<String> targetColumns(SqlNodeList list, Scope.Entry target, int count) {
        if (list != null && !list.isEmpty()) {
            List<String> names = new ArrayList<>();
            for (SqlNode n : list) {
                names.add(columnName((SqlIdentifier) n, target));
            }
            return names;
        }
        if (!target.relation().isOpen()) {
            return target.relation().columns().stream().map(Relation.Column::name).toList();
        }
        return List.of();
    }

    static List<LineageEdge> edges(Map<SourceColumn, EdgeSubtype> sources) {
        List<LineageEdge> edges = new ArrayList<>(sources.size());
        sources.forEach((source, subtype) -> edges.add(new LineageEdge(source, subtype)));
        return edges;
    }

}
