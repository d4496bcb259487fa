package io.custodian.masking.strategy;

import static java.util.Objects.requireNonNull;

import io.custodian.masking.MaskingDialect;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * A CUSTOM strategy's SQL for one dialect: one scalar expression that reads the masked column as
 * {@code {col}} and nothing else. Checked with Calcite when the policy is loaded: it must parse as a
 * single expression (no statement, no {@code ;}, no comment), hold no query, read no other column,
 * and every {@code {col}} must stand where a column can (not inside a string literal or a quoted
 * name), because the quoted column name, which the data system's users choose, replaces it.
 */
public record CustomExpression(MaskingDialect dialect, String text) {
    /** The longest expression accepted. */
    public static final int MAX_LENGTH = 2000;
    static final String COLUMN = "{col}";
    private static final String PLACEHOLDER = "custodian_masked_column_";

    public CustomExpression {
        requireNonNull(dialect, "dialect is null");
        requireNonNull(text, "text is null");
    }

    /**
     * Checks an expression.
     *
     * @throws IllegalArgumentException saying why it is refused
     */
    public static CustomExpression parse(MaskingDialect dialect, String text) {
        String where = "parameter sql." + dialect.displayName();
        if (text.isBlank()) {
            throw new IllegalArgumentException(where + " is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(where + " is longer than " + MAX_LENGTH + " characters");
        }
        if (text.indexOf(';') >= 0) {
            throw new IllegalArgumentException(where + " holds ';': it must be one expression, not statements");
        }
        if (text.contains("--") || text.contains("/*")) {
            throw new IllegalArgumentException(where + " holds a comment");
        }
        if (text.indexOf('\\') >= 0 && dialect.parser().backslashEscapes()) {
            // the dialect reads backslash escapes in strings that the checking parser does not
            throw new IllegalArgumentException(where + " holds a backslash, which " + dialect.displayName()
                    + " reads as an escape in strings");
        }
        if (text.toLowerCase(java.util.Locale.ROOT).contains(PLACEHOLDER)) {
            throw new IllegalArgumentException(where + " holds the reserved name " + PLACEHOLDER);
        }
        int uses = count(text, COLUMN);
        if (uses == 0) {
            throw new IllegalArgumentException(where + " does not read the column: write {col} where it goes");
        }
        SqlNode node;
        try {
            node = SqlParser.create(text.replace(COLUMN, PLACEHOLDER), dialect.parser().parserConfig())
                    .parseExpression();
        } catch (SqlParseException e) {
            String message = e.getMessage() == null ? "unparseable" : e.getMessage().lines().findFirst().orElse("");
            throw new IllegalArgumentException(where + " is not one SQL expression: " + message);
        }
        Checker checker = new Checker(where);
        node.accept(checker);
        if (checker.columnReads != uses) {
            throw new IllegalArgumentException(where + " holds {col} where no column can stand (in a string or a"
                    + " quoted name)");
        }
        return new CustomExpression(dialect, text);
    }

    /** The expression reading {@code quotedColumn}. */
    public String sql(String quotedColumn) {
        return text.replace(COLUMN, quotedColumn);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    /** Finds queries and names other than the column's. */
    private static final class Checker extends SqlBasicVisitor<Void> {
        private final String where;
        private int columnReads;

        Checker(String where) {
            this.where = where;
        }

        @Override
        public Void visit(SqlCall call) {
            if (SqlKind.QUERY.contains(call.getKind()) || call.getKind() == SqlKind.SELECT
                    || call.getKind() == SqlKind.EXISTS || call.getKind() == SqlKind.SCALAR_QUERY
                    || call.getKind() == SqlKind.CURSOR || call.getKind() == SqlKind.WITH) {
                throw new IllegalArgumentException(where + " holds a query; only scalar expressions are allowed");
            }
            return super.visit(call);
        }

        @Override
        public Void visit(SqlIdentifier id) {
            if (id.isSimple() && id.getSimple().equalsIgnoreCase(PLACEHOLDER) && !id.isComponentQuoted(0)) {
                columnReads++;
                return null;
            }
            if (id.isStar()) {
                throw new IllegalArgumentException(where + " reads '*'; it may read only {col}");
            }
            throw new IllegalArgumentException(where + " reads '" + id + "'; it may read only {col}");
        }
    }
}
