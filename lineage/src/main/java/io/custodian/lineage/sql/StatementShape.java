package io.custodian.lineage.sql;

import io.custodian.lineage.sql.SqlScanner.Kind;
import io.custodian.lineage.sql.SqlScanner.Token;
import io.custodian.lineage.sql.dialect.SqlDialect;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * What a statement costs to parse, measured from its tokens before the parser sees it: how deep its
 * parentheses nest (the parser recurses) and the longest chain of operators in one expression (the
 * parser folds a chain in time that grows with the square of its length).
 *
 * @param depth the deepest parenthesis nesting
 * @param operatorChain the most operators between two commas at one parenthesis depth; operator
 *     symbols written together ({@code <=}, {@code ||}) count once
 */
record StatementShape(int depth, int operatorChain) {
    private static final String OPERATOR_SYMBOLS = "+-*/%|&^=<>!~";
    private static final Set<String> OPERATOR_WORDS = Set.of("AND", "OR", "NOT", "IS", "LIKE", "ILIKE");

    static StatementShape of(String statement, SqlDialect dialect) {
        int depth = 0;
        int longest = 0;
        Deque<int[]> chains = new ArrayDeque<>();
        int[] chain = {0};
        int previousEnd = -1;
        boolean previousOperator = false;
        for (Token token : SqlScanner.scan(statement, dialect)) {
            depth = Math.max(depth, token.depth() + (token.isSymbol('(') ? 1 : 0));
            boolean symbol = token.kind() == Kind.SYMBOL && OPERATOR_SYMBOLS.indexOf(token.text().charAt(0)) >= 0;
            boolean operator = symbol || token.kind() == Kind.WORD && OPERATOR_WORDS.contains(token.upper());
            if (token.isSymbol('(')) {
                chains.push(chain);
                chain = new int[] {0};
            } else if (token.isSymbol(')')) {
                chain = chains.isEmpty() ? new int[] {0} : chains.pop();
            } else if (token.isSymbol(',')) {
                chain[0] = 0;
            } else if (operator && !(symbol && previousOperator && previousEnd == token.start())) {
                longest = Math.max(longest, ++chain[0]);
            }
            previousOperator = symbol;
            previousEnd = token.end();
        }
        return new StatementShape(depth, longest);
    }
}
