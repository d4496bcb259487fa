package io.custodian.masking.rewrite;

/**
 * A query the rewrite refuses: it cannot be parsed, names a table the catalog does not know, or
 * does something the rewrite cannot prove leaves every masked column masked. Carries the line and
 * column (1-based) of the SQL text it is about; 0 when it is about the whole text. The message
 * names SQL constructs and table names, never values from the query's literals.
 */
public final class RewriteException extends Exception {
    private final int line;
    private final int column;

    public RewriteException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    @Override
    public String toString() {
        return "RewriteException: " + getMessage() + (line > 0 ? " (line " + line + ", column " + column + ")" : "");
    }
}
