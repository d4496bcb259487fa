package io.custodian.lineage.sql;

import io.custodian.lineage.sql.dialect.SqlDialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small lexer that knows just enough of SQL to split a script into statements and to find the
 * keywords of the few constructs the Babel parser does not read: strings, quoted identifiers,
 * comments, PostgreSQL dollar quoting, parentheses. It never fails; an unterminated literal or
 * comment becomes a token of kind {@link Kind#UNTERMINATED}.
 */
final class SqlScanner {
    enum Kind { WORD, QUOTED, STRING, SYMBOL, UNTERMINATED }

    /** A token: its kind, its text span and its parenthesis depth. */
    record Token(Kind kind, int start, int end, int depth, String text) {
        boolean isWord(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        boolean isSymbol(char c) {
            return kind == Kind.SYMBOL && text.length() == 1 && text.charAt(0) == c;
        }

        boolean isName() {
            return kind == Kind.WORD || kind == Kind.QUOTED;
        }

        String upper() {
            return text.toUpperCase(Locale.ROOT);
        }
    }

    private SqlScanner() {
    }

    static List<Token> scan(String sql, SqlDialect dialect) {
        List<Token> tokens = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        int depth = 0;
        char identQuote = dialect.identifierQuote();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-'
                    || c == '#' && dialect == SqlDialect.MYSQL) {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                if (close < 0) {
                    tokens.add(new Token(Kind.UNTERMINATED, i, n, depth, "comment"));
                    return tokens;
                }
                i = close + 2;
            } else if (c == '\'' || c == '"' && identQuote != '"') {
                int end = closeQuote(sql, i, c, dialect.backslashEscapes());
                if (end < 0) {
                    tokens.add(new Token(Kind.UNTERMINATED, i, n, depth, "string literal"));
                    return tokens;
                }
                tokens.add(new Token(Kind.STRING, i, end, depth, sql.substring(i, end)));
                i = end;
            } else if (c == identQuote) {
                char close = c == '[' ? ']' : c;
                int end = closeQuote(sql, i, close, false);
                if (end < 0) {
                    tokens.add(new Token(Kind.UNTERMINATED, i, n, depth, "quoted identifier"));
                    return tokens;
                }
                tokens.add(new Token(Kind.QUOTED, i, end, depth, sql.substring(i, end)));
                i = end;
            } else if (c == '$' && dialect != SqlDialect.MYSQL && isDollarTag(sql, i)) {
                int tagEnd = sql.indexOf('$', i + 1) + 1;
                String tag = sql.substring(i, tagEnd);
                int close = sql.indexOf(tag, tagEnd);
                if (close < 0) {
                    tokens.add(new Token(Kind.UNTERMINATED, i, n, depth, "dollar-quoted string"));
                    return tokens;
                }
                int end = close + tag.length();
                tokens.add(new Token(Kind.STRING, i, end, depth, sql.substring(i, end)));
                i = end;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '@' || c == '#') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                        || sql.charAt(i) == '$' || sql.charAt(i) == '@' || sql.charAt(i) == '#')) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, start, i, depth, sql.substring(start, i)));
            } else {
                if (c == ')') {
                    depth = Math.max(0, depth - 1);
                }
                tokens.add(new Token(Kind.SYMBOL, i, i + 1, depth, String.valueOf(c)));
                if (c == '(') {
                    depth++;
                }
                i++;
            }
        }
        return tokens;
    }

    /** The index after the closing quote, or -1; a doubled quote is an escaped quote. */
    private static int closeQuote(String sql, int open, char close, boolean backslash) {
        int i = open + 1;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (backslash && c == '\\') {
                i += 2;
                continue;
            }
            if (c == close) {
                if (i + 1 < n && sql.charAt(i + 1) == close) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return -1;
    }

    /** {@code $$} or {@code $tag$} (PostgreSQL dollar quoting), not {@code $1}. */
    private static boolean isDollarTag(String sql, int i) {
        int j = i + 1;
        while (j < sql.length() && (Character.isLetter(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        return j < sql.length() && sql.charAt(j) == '$';
    }

    /** The identifier a WORD or QUOTED token names, quotes removed and doubled quotes undone. */
    static Identifier identifier(Token token) {
        if (token.kind() != Kind.QUOTED) {
            return new Identifier(token.text(), false);
        }
        String text = token.text();
        char close = text.charAt(text.length() - 1);
        String inner = text.substring(1, text.length() - 1)
                .replace(String.valueOf(close) + close, String.valueOf(close));
        return new Identifier(inner, true);
    }
}
