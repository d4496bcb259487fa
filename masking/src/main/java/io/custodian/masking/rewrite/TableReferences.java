package io.custodian.masking.rewrite;

import io.custodian.masking.MaskingDialect;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Finds every place a parsed statement reads a base table, scope-aware: names of common table
 * expressions in scope are not tables, subquery aliases and lateral references never appear as
 * FROM items. Walks FROM, JOIN, LATERAL, subqueries anywhere in expressions, set operations, CTE
 * bodies and the source of INSERT ... SELECT. Refuses (fails closed) statements other than queries
 * and INSERT, denied functions, table functions not allowed for the dialect, and any FROM item or
 * node it does not know.
 */
final class TableReferences {
    /**
     * A name read in FROM: a base table (with whether the query gave it an alias), or the use of a
     * common table expression, which the caller checks names no table (databases differ in which
     * one such a name reads).
     */
    record Reference(SqlIdentifier name, boolean aliased, boolean cte) {
    }

    /** The common table expressions in scope, innermost first; names as the database stores them. */
    private record Ctes(String name, Ctes outer) {
    }

    private final MaskingDialect dialect;
    private final SqlSource source;
    private final FunctionRules functions;
    private final RewriteLimits limits;
    private final List<Reference> found = new ArrayList<>();

    private TableReferences(MaskingDialect dialect, SqlSource source, RewriteLimits limits) {
        this.dialect = dialect;
        this.source = source;
        this.functions = FunctionRules.of(dialect);
        this.limits = limits;
    }

    /** The names {@code statement} reads in FROM, in the order met. */
    static List<Reference> of(SqlNode statement, MaskingDialect dialect, SqlSource source, RewriteLimits limits)
            throws RewriteException {
        TableReferences walk = new TableReferences(dialect, source, limits);
        walk.statement(statement);
        return walk.found;
    }

    private void statement(SqlNode node) throws RewriteException {
        if (isQuery(node)) {
            query(node, null, 0);
        } else if (node instanceof SqlInsert insert) {
            // The target is written, not read; the rows written come from the (rewritten) source.
            if (!(insert.getTargetTable() instanceof SqlIdentifier)) {
                throw refuse("INSERT into anything but a named table is refused", insert);
            }
            SqlNode rows = insert.getSource();
            if (!isQuery(rows)) {
                throw refuse("INSERT takes its rows from a query or VALUES", rows);
            }
            query(rows, null, 0);
        } else {
            throw refuse(node.getKind() + " statements are refused: only queries and INSERT ... SELECT are"
                    + " rewritten (an UPDATE, DELETE or MERGE predicate could test raw values)", node);
        }
    }

    private static boolean isQuery(SqlNode node) {
        return node != null && switch (node.getKind()) {
            case SELECT, UNION, INTERSECT, EXCEPT, WITH, ORDER_BY, VALUES -> true;
            default -> false;
        };
    }

    /** A query: SELECT, set operation, WITH, ORDER BY around a query, or VALUES. */
    private void query(SqlNode node, Ctes ctes, int depth) throws RewriteException {
        check(node, depth);
        if (node instanceof SqlSelect select) {
            for (SqlNode operand : select.getOperandList()) {
                if (operand == null) {
                    continue;
                }
                if (operand == select.getFrom()) {
                    from(operand, ctes, depth + 1);
                } else {
                    expression(operand, ctes, depth + 1);
                }
            }
        } else if (node instanceof SqlWith with) {
            Ctes inner = ctes;
            for (SqlNode item : with.withList) {
                SqlWithItem cte = (SqlWithItem) item;
                String name = stored(cte.name, 0);
                boolean recursive = cte.recursive != null && cte.recursive.booleanValue();
                // A CTE sees the ones before it; only a recursive one sees itself.
                query(cte.query, recursive ? new Ctes(name, inner) : inner, depth + 1);
                inner = new Ctes(name, inner);
            }
            query(with.body, inner, depth + 1);
        } else if (node instanceof SqlCall call && isQuery(node)) {
            // set operations, ORDER BY / LIMIT around a query, VALUES: queries and expressions
            for (SqlNode operand : call.getOperandList()) {
                if (operand != null) {
                    expression(operand, ctes, depth + 1);
                }
            }
        } else {
            throw refuse("cannot read " + node.getKind() + " as a query", node);
        }
    }

    /** A FROM item. */
    private void from(SqlNode node, Ctes ctes, int depth) throws RewriteException {
        check(node, depth);
        if (node instanceof SqlIdentifier name) {
            table(name, false, ctes);
            return;
        }
        if (isQuery(node)) {
            query(node, ctes, depth + 1);
            return;
        }
        if (node instanceof SqlJoin join) {
            from(join.getLeft(), ctes, depth + 1);
            from(join.getRight(), ctes, depth + 1);
            if (join.getCondition() != null) {
                expression(join.getCondition(), ctes, depth + 1);
            }
            return;
        }
        if (!(node instanceof SqlCall call)) {
            throw refuse("cannot read " + node.getKind() + " in FROM", node);
        }
        switch (node.getKind()) {
            case AS -> {
                SqlNode item = call.operand(0);
                if (item instanceof SqlIdentifier name) {
                    table(name, true, ctes);
                } else {
                    from(item, ctes, depth + 1);
                }
            }
            case LATERAL -> from(call.operand(0), ctes, depth + 1);
            case COLLECTION_TABLE -> tableFunction(call.operand(0), ctes, depth + 1);
            case UNNEST -> expressions(call.getOperandList(), ctes, depth + 1);
            default -> throw refuse(node.getKind() + " in FROM is refused", node);
        }
    }

    private void tableFunction(SqlNode node, Ctes ctes, int depth) throws RewriteException {
        if (!(node instanceof SqlBasicCall call) || !(call.getOperator() instanceof SqlFunction function)) {
            throw refuse("cannot read this table function", node);
        }
        List<String> name = functionName(call, function);
        if (!functions.allowsTableFunction(name)) {
            throw refuse("table function " + String.join(".", name) + " is refused in "
                    + dialect.displayName() + ": it could read tables the rewrite cannot see", node);
        }
        expressions(call.getOperandList(), ctes, depth);
    }

    /** An expression: columns, literals, calls, and the queries nested in them. */
    private void expression(SqlNode node, Ctes ctes, int depth) throws RewriteException {
        check(node, depth);
        if (node instanceof SqlIdentifier || node instanceof SqlLiteral || node instanceof SqlDataTypeSpec
                || node instanceof SqlIntervalQualifier || node instanceof SqlDynamicParam) {
            return;
        }
        if (node instanceof SqlNodeList list) {
            expressions(list, ctes, depth + 1);
            return;
        }
        if (isQuery(node)) {
            query(node, ctes, depth + 1);
            return;
        }
        if (!(node instanceof SqlCall call)) {
            throw refuse("cannot read " + node.getKind(), node);
        }
        if (call.getOperator() instanceof SqlFunction function) {
            List<String> name = functionName(call, function);
            if (functions.denies(name)) {
                throw refuse("function " + String.join(".", name) + " is refused: it reads tables by name, runs"
                        + " SQL text or reaches outside the database", node);
            }
        }
        expressions(call.getOperandList(), ctes, depth + 1);
    }

    private void expressions(List<SqlNode> nodes, Ctes ctes, int depth) throws RewriteException {
        for (SqlNode node : nodes) {
            if (node != null) {
                expression(node, ctes, depth);
            }
        }
    }

    private void table(SqlIdentifier name, boolean aliased, Ctes ctes) throws RewriteException {
        if (name.isStar() || name.names.stream().anyMatch(String::isEmpty)) {
            throw refuse("cannot read this name as a table", name);
        }
        if (found.size() >= limits.maxTableReferences()) {
            throw refuse("more than " + limits.maxTableReferences() + " table references", name);
        }
        if (name.names.size() == 1) {
            String stored = stored(name, 0);
            for (Ctes c = ctes; c != null; c = c.outer()) {
                if (c.name().equals(stored)) {
                    // a common table expression: its body was rewritten where it is defined
                    found.add(new Reference(name, aliased, true));
                    return;
                }
                if (c.name().equalsIgnoreCase(stored)) {
                    throw refuse("'" + name.getSimple() + "' differs only in case from a common table expression;"
                            + " refused as ambiguous", name);
                }
            }
        }
        found.add(new Reference(name, aliased, false));
    }

    /** The name of part {@code i} as the database stores it: quoted as written, else folded. */
    private String stored(SqlIdentifier name, int i) throws RewriteException {
        SqlParserPos pos = name.getComponentParserPosition(i);
        int offset = source.offset(pos.getLineNum(), pos.getColumnNum());
        if (offset < 0) {
            throw refuse("cannot find this name in the text", name);
        }
        String part = name.names.get(i);
        boolean quoted = source.text().charAt(offset) == dialect.parser().identifierQuote();
        return quoted ? part : dialect.parser().foldUnquoted(part);
    }

    private static List<String> functionName(SqlCall call, SqlFunction function) {
        SqlIdentifier id = function.getSqlIdentifier();
        return id != null ? id.names : List.of(function.getName());
    }

    private void check(SqlNode node, int depth) throws RewriteException {
        if (depth > limits.maxTreeDepth()) {
            throw refuse("the query nests more than " + limits.maxTreeDepth() + " levels deep", node);
        }
    }

    private RewriteException refuse(String message, SqlNode node) {
        SqlParserPos pos = node == null ? SqlParserPos.ZERO : node.getParserPosition();
        return new RewriteException(message, Math.max(0, pos.getLineNum()), Math.max(0, pos.getColumnNum()));
    }
}
