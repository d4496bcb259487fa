package io.custodian.lineage.sql;

import io.custodian.lineage.sql.SqlScanner.Kind;
import io.custodian.lineage.sql.SqlScanner.Token;
import io.custodian.lineage.sql.dialect.SqlDialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a script into statements, dialect-independently, from {@link SqlScanner}'s tokens. Besides
 * {@code ;} it understands procedural SQL, so that the DML inside a procedure is analysed like any
 * other statement:
 * <ul>
 *   <li>the header of {@code CREATE PROCEDURE|FUNCTION|TRIGGER ... AS|IS|BEGIN} (T-SQL, PL/SQL,
 *       BigQuery and MySQL) and PostgreSQL's dollar-quoted bodies, whose text is split in turn;</li>
 *   <li>control statements ({@code DECLARE}, {@code SET}, {@code IF ... THEN}, {@code BEGIN TRY},
 *       {@code END IF}, {@code EXCEPTION WHEN ... THEN}, {@code RETURN}, {@code EXEC}, {@code GO},
 *       ...), which become {@link Segment#control() control} segments: kept (a reader of the script
 *       must still see them) but not analysed for lineage;</li>
 *   <li>T-SQL's optional semicolons: inside a procedure body, and anywhere in T-SQL, a statement
 *       also ends where a keyword starts one that cannot continue it ({@code SET} after
 *       {@code UPDATE t} continues it; {@code SET NOCOUNT ON} after a complete statement does not).</li>
 * </ul>
 */
final class StatementSplitter {
    /**
     * A statement's span in the script.
     *
     * @param unterminated the unterminated literal or comment it runs into, if any
     * @param control whether it is procedural control (no lineage of its own)
     */
    record Segment(int start, int end, Token unterminated, boolean control) {
    }

    /** Words that start a statement, in a body whose semicolons are optional. */
    private static final Set<String> STARTS = Set.of("SELECT", "SEL", "INSERT", "UPDATE", "DELETE", "MERGE", "WITH",
            "DECLARE", "SET", "IF", "WHILE", "BEGIN", "RETURN", "PRINT", "EXEC", "EXECUTE", "TRUNCATE", "DROP",
            "CREATE", "ALTER", "COMMIT", "ROLLBACK", "RAISERROR", "THROW", "GO", "ELSE", "OPEN", "CLOSE",
            "DEALLOCATE", "CALL", "USE", "ELSIF", "ELSEIF", "LOOP", "EXCEPTION", "RAISE");
    /** Words after which a statement word continues the statement: UNION SELECT, AS SELECT, ON DELETE, ... */
    private static final Set<String> CONTINUING = Set.of("UNION", "ALL", "DISTINCT", "EXCEPT", "INTERSECT", "MINUS",
            "AS", "ON", "FOR", "OF", "KEY", "DO", "THEN", "UPDATE", "SELECT", "WHEN", "AND", "OR", "NOT", "BY",
            "WHERE", "HAVING", "IN", "IS", "RETURN", "TABLE", "VIEW", "INDEX", "SCHEMA", "DATABASE", "PROCEDURE",
            "FUNCTION", "SEQUENCE", "COLUMN", "TRIGGER", "INSTEAD", "AFTER", "BEFORE", "GRANT", "EXISTS");
    /** Control statements that run to the end of the statement. */
    private static final Set<String> CONTROL = Set.of("DECLARE", "SET", "RETURN", "PRINT", "EXEC", "EXECUTE", "CALL",
            "COMMIT", "ROLLBACK", "RAISERROR", "THROW", "GO", "OPEN", "FETCH", "CLOSE", "DEALLOCATE", "USE", "RAISE",
            "NULL", "LANGUAGE", "EXIT", "CONTINUE", "LEAVE", "ITERATE", "SAVEPOINT", "RELEASE", "GOTO", "WAITFOR",
            "START", "ABORT", "PERFORM", "GET", "SIGNAL", "RESIGNAL", "DELIMITER", "ASSERT");
    /** Control heads whose condition runs to THEN, DO, LOOP or the statement they guard. */
    private static final Set<String> CONDITIONS = Set.of("IF", "ELSIF", "ELSEIF", "WHILE", "FOR", "WHEN", "REPEAT",
            "UNTIL", "FOREACH");
    /** Words after BEGIN that belong to it: BEGIN TRY, BEGIN TRANSACTION, ... */
    private static final Set<String> BEGIN_WORDS = Set.of("TRY", "CATCH", "TRAN", "TRANSACTION", "WORK", "ATOMIC",
            "DISTRIBUTED");
    /** Words after END that belong to it: END IF, END LOOP, ... */
    private static final Set<String> END_WORDS = Set.of("TRY", "CATCH", "IF", "LOOP", "WHILE", "FOR", "REPEAT",
            "CASE");
    private static final Set<String> ROUTINES = Set.of("PROCEDURE", "PROC", "FUNCTION", "TRIGGER", "PACKAGE");

    private final String sql;
    private final SqlDialect dialect;
    private final List<Segment> segments = new ArrayList<>();

    private StatementSplitter(String sql, SqlDialect dialect) {
        this.sql = sql;
        this.dialect = dialect;
    }

    /** The statements of {@code sql}, in order; control statements marked as such. */
    static List<Segment> split(String sql, SqlDialect dialect) {
        StatementSplitter splitter = new StatementSplitter(sql, dialect);
        splitter.split(SqlScanner.scan(sql, dialect), dialect == SqlDialect.TSQL);
        return splitter.segments;
    }

    private void split(List<Token> tokens, boolean optionalSemicolons) {
        boolean body = optionalSemicolons;
        int i = 0;
        while (i < tokens.size()) {
            Token t = tokens.get(i);
            if (t.kind() == Kind.UNTERMINATED) {
                segments.add(new Segment(t.start(), sql.length(), t, false));
                return;
            }
            if (t.isSymbol(';') || t.isSymbol('/')) {
                i++;
                continue;
            }
            if (t.isWord("CREATE") && isRoutine(tokens, i)) {
                i = routine(tokens, i);
                body = true;
                continue;
            }
            String word = t.kind() == Kind.WORD ? t.upper() : "";
            if (word.equals("BEGIN") || word.equals("END") || word.equals("ELSE") || word.equals("LOOP")
                    || word.equals("EXCEPTION")) {
                int end = i + 1;
                Set<String> belonging = word.equals("BEGIN") ? BEGIN_WORDS : word.equals("END") ? END_WORDS : Set.of();
                if (end < tokens.size() && tokens.get(end).kind() == Kind.WORD
                        && (belonging.contains(tokens.get(end).upper())
                        || word.equals("END") && end + 1 < tokens.size() && tokens.get(end + 1).isSymbol(';')
                        && !STARTS.contains(tokens.get(end).upper()))) {
                    end++; // END TRY, BEGIN TRANSACTION, END my_procedure;
                    if (end < tokens.size() && tokens.get(end - 1).isWord("DISTRIBUTED")) {
                        end++;
                    }
                }
                control(tokens, i, end);
                i = end;
                body = body || word.equals("BEGIN");
                continue;
            }
            if (CONDITIONS.contains(word)) {
                i = condition(tokens, i);
                continue;
            }
            if (CONTROL.contains(word) && !(word.equals("DECLARE") && i + 1 < tokens.size()
                    && tokens.get(i + 1).isWord("GLOBAL"))) { // DB2's DECLARE GLOBAL TEMPORARY TABLE creates one
                int end = statementEnd(tokens, i, true, body);
                control(tokens, i, end);
                i = end;
                continue;
            }
            if (t.kind() == Kind.WORD && !isStatementWord(word) && body) {
                // A PL/SQL declaration (v NUMBER := 0;), a label: control, up to what follows.
                int end = statementEnd(tokens, i, true, true);
                control(tokens, i, end);
                i = end;
                continue;
            }
            int end = statementEnd(tokens, i, false, body);
            if (end < tokens.size() && tokens.get(end).kind() == Kind.UNTERMINATED) {
                segments.add(new Segment(t.start(), sql.length(), tokens.get(end), false));
                return;
            }
            segments.add(new Segment(t.start(), tokens.get(end - 1).end(), null, false));
            i = end;
        }
    }

    /** Whether CREATE at {@code i} creates a procedure, function or trigger. */
    private static boolean isRoutine(List<Token> tokens, int i) {
        for (int j = i + 1; j < tokens.size() && j < i + 8; j++) {
            Token t = tokens.get(j);
            if (t.kind() != Kind.WORD) {
                return false;
            }
            if (ROUTINES.contains(t.upper())) {
                return true;
            }
            if (t.isWord("TABLE") || t.isWord("VIEW") || t.isWord("AS")) {
                return false;
            }
        }
        return false;
    }

    /** A routine's header up to its body; a dollar-quoted body is split in turn. Returns the next token. */
    private int routine(List<Token> tokens, int start) {
        for (int i = start + 1; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind() == Kind.UNTERMINATED || t.depth() != 0) {
                if (t.kind() == Kind.UNTERMINATED) {
                    control(tokens, start, i);
                    return i;
                }
                continue;
            }
            if (t.kind() == Kind.STRING && t.text().startsWith("$")) {
                control(tokens, start, i);
                int tag = t.text().indexOf('$', 1) + 1;
                String inner = sql.substring(t.start() + tag, t.end() - tag);
                List<Token> body = new ArrayList<>();
                for (Token b : SqlScanner.scan(inner, dialect)) {
                    body.add(new Token(b.kind(), b.start() + t.start() + tag, b.end() + t.start() + tag, b.depth(),
                            b.text()));
                }
                split(body, true);
                return i + 1;
            }
            if (t.isWord("AS") || t.isWord("IS")) {
                if (i + 1 < tokens.size() && tokens.get(i + 1).kind() == Kind.STRING
                        && tokens.get(i + 1).text().startsWith("$")) {
                    continue; // AS $$ ... $$: the body comes next
                }
                control(tokens, start, i + 1);
                return i + 1;
            }
            if (t.isWord("BEGIN") || t.isSymbol(';')) {
                control(tokens, start, i);
                return i;
            }
        }
        control(tokens, start, tokens.size());
        return tokens.size();
    }

    /** IF/WHILE/FOR/WHEN ... up to THEN, DO or LOOP (kept in the control), or up to the statement it guards. */
    private int condition(List<Token> tokens, int start) {
        int i = start + 1;
        while (i < tokens.size()) {
            Token t = tokens.get(i);
            if (t.kind() == Kind.UNTERMINATED || t.isSymbol(';')) {
                break;
            }
            if (t.depth() == 0 && t.kind() == Kind.WORD) {
                if (t.isWord("THEN") || t.isWord("DO") || t.isWord("LOOP")) {
                    i++;
                    break;
                }
                if (i > start + 1 && STARTS.contains(t.upper()) && !t.isWord("FOR") && !t.isWord("IF")) {
                    break; // T-SQL: IF @x > 0 INSERT ... / IF ... BEGIN
                }
            }
            i++;
        }
        control(tokens, start, i);
        return i;
    }

    private void control(List<Token> tokens, int from, int to) {
        if (to > from) {
            segments.add(new Segment(tokens.get(from).start(), tokens.get(to - 1).end(), null, true));
        }
    }

    private static boolean isStatementWord(String word) {
        return switch (word) {
            case "SELECT", "SEL", "INSERT", "UPDATE", "DELETE", "DEL", "MERGE", "WITH", "CREATE", "REPLACE", "UPSERT",
                    "VALUES", "TABLE", "FROM", "TRUNCATE", "DROP", "ALTER", "GRANT", "REVOKE", "COPY", "UNLOAD",
                    "LOAD", "EXPLAIN", "ANALYZE", "VACUUM", "COMMENT", "SHOW", "DESCRIBE", "DESC", "OPTIMIZE",
                    "REFRESH", "MSCK", "CACHE", "UNCACHE", "LOCK", "UNLOCK", "PUT", "LIST", "REMOVE", "UNDROP",
                    "RENAME" -> true;
            default -> false;
        };
    }

    /**
     * The index after the statement that starts at {@code start}: at {@code ;}, at an END that
     * closes a block, or (where semicolons are optional) where another statement starts.
     */
    private static int statementEnd(List<Token> tokens, int start, boolean control, boolean optionalSemicolons) {
        String main = tokens.get(start).kind() == Kind.WORD ? tokens.get(start).upper() : "";
        boolean pendingWith = main.equals("WITH"); // CTEs read, the statement they precede not yet
        boolean sawQuery = false;
        boolean sawSet = false;
        int cases = 0;
        for (int i = start + 1; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind() == Kind.UNTERMINATED || t.isSymbol(';')) {
                return i;
            }
            if (t.depth() != 0 || t.kind() != Kind.WORD) {
                continue;
            }
            String word = t.upper();
            if (word.equals("CASE")) {
                cases++;
                continue;
            }
            if (word.equals("END")) {
                if (cases > 0) {
                    cases--;
                    continue;
                }
                return i;
            }
            if (!optionalSemicolons || !STARTS.contains(word)) {
                continue;
            }
            Token previous = tokens.get(i - 1);
            String before = previous.kind() == Kind.WORD ? previous.upper() : "";
            boolean continues;
            if (word.equals("ELSE")) {
                continues = cases > 0;
            } else if (word.equals("WITH")) {
                continues = !isCteStart(tokens, i) || !control && !sawQuery && !main.equals("SELECT");
            } else if (previous.kind() == Kind.SYMBOL && !previous.isSymbol(')') || CONTINUING.contains(before)) {
                continues = true; // an expression (IF(...), = SELECT), UNION SELECT, AS SELECT, ON DELETE, THEN UPDATE
            } else if (control) {
                continues = false;
            } else if (pendingWith && isDml(word)) {
                continues = true;
            } else {
                continues = switch (main) {
                    case "INSERT" -> !sawQuery && (word.equals("SELECT") || word.equals("SEL") || word.equals("EXEC")
                            || word.equals("EXECUTE"));
                    case "UPDATE" -> word.equals("SET") && !sawSet;
                    case "CREATE" -> !sawQuery && word.equals("SELECT");
                    default -> false;
                };
            }
            if (!continues) {
                return i;
            }
            if (word.equals("WITH") && isCteStart(tokens, i)) {
                pendingWith = true;
            } else if (pendingWith && isDml(word)) {
                pendingWith = false;
                if (main.equals("WITH")) {
                    main = word;
                }
            }
            sawQuery |= word.equals("SELECT") || word.equals("SEL") || word.equals("EXEC") || word.equals("WITH");
            sawSet |= word.equals("SET");
        }
        return tokens.size();
    }

    /** {@code WITH [RECURSIVE] name [(columns)] AS}: not WITH (NOLOCK), WITH TIES, WITH DATA, ... */
    static boolean isCteStart(List<Token> tokens, int i) {
        int j = i + 1;
        if (j < tokens.size() && tokens.get(j).isWord("RECURSIVE")) {
            return true;
        }
        if (j >= tokens.size() || !tokens.get(j).isName()) {
            return false;
        }
        j++;
        if (j < tokens.size() && tokens.get(j).isSymbol('(')) {
            int depth = tokens.get(j).depth();
            j++;
            while (j < tokens.size() && !(tokens.get(j).isSymbol(')') && tokens.get(j).depth() == depth)) {
                j++;
            }
            j++;
        }
        if (j >= tokens.size() || !tokens.get(j).isWord("AS")) {
            return false;
        }
        j++;
        if (j < tokens.size() && (tokens.get(j).isWord("MATERIALIZED") || tokens.get(j).isWord("NOT"))) {
            return true;
        }
        return j < tokens.size() && tokens.get(j).isSymbol('('); // not WITH TAG (...) AS SELECT
    }

    private static boolean isDml(String word) {
        return word.equals("SELECT") || word.equals("INSERT") || word.equals("UPDATE") || word.equals("DELETE")
                || word.equals("MERGE") || word.equals("SEL");
    }
}
