package io.custodian.lineage.sql;

import io.custodian.lineage.sql.SqlScanner.Kind;
import io.custodian.lineage.sql.SqlScanner.Token;
import io.custodian.lineage.sql.dialect.SqlDialect;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * The name of an unaliased expression in a select list: its text, normalised so that the same
 * expression gets the same name however it is spaced or cased ({@code COUNT( x )} and
 * {@code count(x)} are both {@code count(x)}), as other lineage tools name such columns. Case is
 * lowered outside string literals and quoted identifiers; whitespace is one space between words
 * and around operators, none inside parentheses, around dots and before commas, one after commas.
 */
final class ExpressionName {
    /** Longer expression texts are cut here: a name, not a copy of the SQL. */
    static final int MAX_LENGTH = 256;

    private ExpressionName() {
    }

    /** The normalised text of {@code node} within {@code text}, the statement text it was parsed from. */
    static Optional<String> of(SqlNode node, String text, SqlDialect dialect) {
        SqlParserPos pos = node.getParserPosition();
        if (text == null || pos == null || pos.getLineNum() <= 0 || pos.getEndLineNum() <= 0) {
            return Optional.empty();
        }
        int from = offset(text, pos.getLineNum(), pos.getColumnNum());
        int to = offset(text, pos.getEndLineNum(), pos.getEndColumnNum()) + 1;
        if (from < 0 || to <= from || to > text.length()) {
            return Optional.empty();
        }
        String name = normalise(text.substring(from, to), dialect);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(name.length() > MAX_LENGTH ? name.substring(0, MAX_LENGTH) : name);
    }

    static String normalise(String expression, SqlDialect dialect) {
        List<Token> tokens = SqlScanner.scan(expression, dialect);
        // Calcite's span of a postfix cast can open on the comma before it.
        while (!tokens.isEmpty() && tokens.get(0).isSymbol(',')) {
            tokens = tokens.subList(1, tokens.size());
        }
        StringBuilder out = new StringBuilder();
        Token previous = null;
        for (Token t : tokens) {
            if (t.kind() == Kind.UNTERMINATED) {
                break;
            }
            if (previous != null && spaced(previous, t)) {
                out.append(' ');
            }
            out.append(t.kind() == Kind.WORD ? t.text().toLowerCase(Locale.ROOT) : t.text());
            previous = t;
        }
        return out.toString();
    }

    private static boolean spaced(Token previous, Token t) {
        if (previous.isSymbol('(') || t.isSymbol(')') || t.isSymbol(',') || previous.isSymbol('.')
                || t.isSymbol('.') || previous.isSymbol('[') || t.isSymbol('[') || t.isSymbol(']')) {
            return false;
        }
        if (previous.isSymbol(',')) {
            return true;
        }
        if (t.isSymbol('(')) {
            // count(x), but a AND (b): keep the call tight, the grouping spaced
            return previous.kind() != Kind.WORD && previous.kind() != Kind.QUOTED || previous.end() != t.start();
        }
        if (isOperator(previous) && isOperator(t) && previous.end() == t.start()) {
            return false; // ||, >=, <>, ::
        }
        if (previous.isSymbol(':') || t.isSymbol(':')) {
            return false;
        }
        return true;
    }

    private static boolean isOperator(Token t) {
        return t.kind() == Kind.SYMBOL && "+-*/%<>=!|&^:~".indexOf(t.text().charAt(0)) >= 0;
    }

    private static int offset(String text, int line, int column) {
        int at = 0;
        for (int l = 1; l < line; l++) {
            at = text.indexOf('\n', at);
            if (at < 0) {
                return -1;
            }
            at++;
        }
        return at + column - 1;
    }
}
