package io.custodian.masking.rewrite;

import io.custodian.masking.MaskingDialect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The SQL text as the rewrite reads it: where each line starts (so the parser's line and column
 * become offsets), the text the parser is given, and a check that the parser and the database cut
 * the text into the same tokens.
 *
 * <p>The check matters because the rewrite trusts the parser to see every table the database will
 * read: a construct the two lex differently (a backslash escape in a string, a dollar-quoted
 * string, a nested comment, a {@code //} comment) could hide a table read inside what the parser
 * takes for a literal or a comment. Such text is refused. The parser's text differs from the
 * original only where PostgreSQL syntax the parser lacks is replaced in place: the operators
 * {@code ->>}, {@code ->}, {@code #>>}, {@code #>} by {@code ||}, {@code DISTINCT ON (a) x} by
 * {@code DISTINCT (a), x}, bind parameters {@code $1} by {@code ?}; so offsets in it are offsets in
 * the original.
 */
final class SqlSource {
    private final String text;
    private final String parserText;
    private final int[] lineStarts;
    private final char identifierQuote;

    private SqlSource(String text, String parserText, int[] lineStarts, char identifierQuote) {
        this.text = text;
        this.parserText = parserText;
        this.lineStarts = lineStarts;
        this.identifierQuote = identifierQuote;
    }

    /** Reads {@code text}, refusing what the parser and the database could lex differently. */
    static SqlSource read(String text, MaskingDialect dialect, RewriteLimits limits) throws RewriteException {
        int[] lineStarts = lineStarts(text);
        char quote = dialect.parser().identifierQuote();
        boolean postgres = dialect == MaskingDialect.POSTGRESQL;
        char[] parser = text.toCharArray();
        int n = text.length();
        int depth = 0;
        int i = 0;
        int lastWordEnd = -1;
        int distinctOnDepth = -1;
        int tokens = 0;
        String lastWord = "";
        SqlSource source = new SqlSource(text, null, lineStarts, quote);
        while (i < n) {
            char c = text.charAt(i);
            char next = i + 1 < n ? text.charAt(i + 1) : '\0';
            if (!Character.isWhitespace(c) && ++tokens > limits.maxTokens()) {
                throw source.refuse("the query has more than " + limits.maxTokens() + " tokens", i);
            }
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && next == '-') {
                while (i < n && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    i++;
                }
            } else if (c == '/' && next == '*') {
                int close = text.indexOf("*/", i + 2);
                if (close < 0) {
                    throw source.refuse("unterminated comment", i);
                }
                int nested = text.indexOf("/*", i + 2);
                if (nested >= 0 && nested < close) {
                    throw source.refuse("nested comments are refused: databases and the parser end them differently",
                            nested);
                }
                i = close + 2;
            } else if (c == '/' && next == '/') {
                throw source.refuse("'//' is refused: the parser reads it as a comment", i);
            } else if (c == '\'') {
                int end = closeQuote(text, i, '\'');
                if (end < 0) {
                    throw source.refuse("unterminated string literal", i);
                }
                int backslash = text.indexOf('\\', i);
                if (backslash >= 0 && backslash < end) {
                    throw source.refuse("a backslash in a string literal is refused: databases and the parser"
                            + " read escapes differently", backslash);
                }
                i = end;
            } else if (c == quote) {
                int end = closeQuote(text, i, quote);
                if (end < 0) {
                    throw source.refuse("unterminated quoted identifier", i);
                }
                i = end;
            } else if (c == '"' || c == '`') {
                throw source.refuse("'" + c + "' does not quote identifiers in " + dialect.displayName(), i);
            } else if (c == '$' && Character.isDigit(next) && postgres) {
                // $1: a bind parameter, which holds no SQL; the parser knows it as ?
                int start = i;
                i++;
                while (i < n && Character.isDigit(text.charAt(i))) {
                    i++;
                }
                parser[start] = '?';
                Arrays.fill(parser, start + 1, i, ' ');
                lastWord = "";
            } else if (c == '$') {
                throw source.refuse("'$' (dollar quoting) is refused", i);
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_'
                        || text.charAt(i) == '$')) {
                    i++;
                }
                String word = text.substring(start, i);
                if (i < n && text.charAt(i) == '&' && word.equalsIgnoreCase("u")) {
                    throw source.refuse("Unicode escapes (U&) are refused", start);
                }
                if (postgres && word.equalsIgnoreCase("on") && lastWord.equalsIgnoreCase("distinct")
                        && lastWordEnd < start && text.substring(lastWordEnd, start).isBlank()) {
                    // DISTINCT ON (a, b) x: the parser reads DISTINCT ROW(a, b), x (the comma
                    // goes in the blank after the parenthesis), so the expressions are still walked.
                    Arrays.fill(parser, start, i, ' ');
                    distinctOnDepth = depth;
                }
                lastWordEnd = i;
                lastWord = word;
            } else {
                if (c == '(') {
                    depth++;
                    if (depth > limits.maxParenthesisDepth()) {
                        throw source.refuse("nested more than " + limits.maxParenthesisDepth() + " parentheses deep", i);
                    }
                } else if (c == ')') {
                    depth = Math.max(0, depth - 1);
                    if (depth == distinctOnDepth) {
                        distinctOnDepth = -1;
                        if (next == ' ' || next == '\t') { // not a line break: lines must not move
                            parser[i + 1] = ',';
                        }
                    }
                }
                if (postgres && (c == '-' || c == '#') && next == '>') {
                    boolean longer = i + 2 < n && text.charAt(i + 2) == '>';
                    if (longer) {
                        parser[i] = ' ';
                        parser[i + 1] = '|';
                        parser[i + 2] = '|';
                        i += 3;
                    } else {
                        parser[i] = '|';
                        parser[i + 1] = '|';
                        i += 2;
                    }
                    lastWord = "";
                    continue;
                }
                lastWord = "";
                i++;
            }
        }
        return new SqlSource(text, new String(parser), lineStarts, quote);
    }

    String text() {
        return text;
    }

    /** The text given to the parser: the original with the in-place replacements above. */
    String parserText() {
        return parserText;
    }

    /** The offset of a 1-based line and column as the parser counts them (tabs count one). */
    int offset(int line, int column) {
        if (line < 1 || line > lineStarts.length || column < 1) {
            return -1;
        }
        int offset = lineStarts[line - 1] + column - 1;
        int lineEnd = line < lineStarts.length ? lineStarts[line] : text.length();
        return offset < lineEnd ? offset : -1;
    }

    int line(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    int column(int offset) {
        return offset - lineStarts[line(offset) - 1] + 1;
    }

    RewriteException refuse(String message, int offset) {
        return new RewriteException(message, line(offset), column(offset));
    }

    /** A dotted name as written: its parts (quotes removed), where it ends, its last part's text. */
    record WrittenName(List<String> parts, int end, String lastPartText) {
    }

    /**
     * The dotted name that starts at {@code offset} (parts may be quoted, with blanks and comments
     * around the dots); null when no name starts there.
     */
    WrittenName nameAt(int offset) {
        List<String> parts = new ArrayList<>();
        int i = offset;
        int n = text.length();
        int end;
        String lastText;
        while (true) {
            if (i >= n) {
                return null;
            }
            int start = i;
            char c = text.charAt(i);
            if (c == identifierQuote) {
                int close = closeQuote(text, i, identifierQuote);
                if (close < 0) {
                    return null;
                }
                String q = String.valueOf(identifierQuote);
                parts.add(text.substring(i + 1, close - 1).replace(q + q, q));
                i = close;
            } else if (Character.isLetter(c) || c == '_') {
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_'
                        || text.charAt(i) == '$')) {
                    i++;
                }
                parts.add(text.substring(start, i));
            } else {
                return null;
            }
            end = i;
            lastText = text.substring(start, i);
            i = skipBlanks(i);
            if (i < n && text.charAt(i) == '.') {
                i = skipBlanks(i + 1);
            } else {
                return new WrittenName(parts, end, lastText);
            }
        }
    }

    private int skipBlanks(int i) {
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                while (i < n && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int close = text.indexOf("*/", i + 2);
                if (close < 0) {
                    return n;
                }
                i = close + 2;
            } else {
                return i;
            }
        }
        return i;
    }

    /** The offset just past the literal opened at {@code open}, whose quote doubles to escape; -1 if none. */
    private static int closeQuote(String text, int open, char quote) {
        char close = quote == '[' ? ']' : quote;
        int i = open + 1;
        int n = text.length();
        while (i < n) {
            if (text.charAt(i) == close) {
                if (i + 1 < n && text.charAt(i + 1) == close) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return -1;
    }

    /** Line starts after {@code \n}, {@code \r\n} and a lone {@code \r}, as the parser counts lines. */
    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && !(i + 1 < n && text.charAt(i + 1) == '\n')) {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }
}
