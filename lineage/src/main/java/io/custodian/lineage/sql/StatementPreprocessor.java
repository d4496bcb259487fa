package io.custodian.lineage.sql;

import io.custodian.lineage.sql.SqlScanner.Kind;
import io.custodian.lineage.sql.SqlScanner.Token;
import io.custodian.lineage.sql.dialect.SqlDialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rewrites the few constructs Calcite's Babel parser does not read into ones it does, keeping every
 * character's line and column (rewrites blank text with spaces or overwrite keywords in place, but
 * for {@code lateral-view}), so parse errors still point into the user's SQL. The steps, each named in the docs:
 * <ul>
 *   <li>{@code view-header}: {@code CREATE [OR REPLACE] [TEMP|MATERIALIZED|SECURE ...] VIEW name
 *       [(cols)] ... AS query [WITH NO SCHEMA BINDING]}: the header (and Redshift's late-binding
 *       suffix) is read here, only the query is parsed;</li>
 *   <li>{@code ctas-header}: {@code CREATE [...] TABLE name [(cols)] [options] AS query} likewise,
 *       so dialect table options (Spark {@code USING}, Redshift {@code DISTKEY}, ...) do not matter;
 *       {@code CREATE TABLE name (column definitions)} is read here for its column names;</li>
 *   <li>{@code select-into}: T-SQL {@code SELECT ... INTO new_table FROM ...} becomes a CTAS;</li>
 *   <li>{@code update-from}: {@code UPDATE t SET ... FROM other WHERE ...}: the FROM list is cut
 *       out and parsed as its own {@code SELECT * FROM ...};</li>
 *   <li>{@code insert-overwrite}: Spark/Hive {@code INSERT OVERWRITE [TABLE] t [PARTITION (...)]}
 *       and {@code INSERT INTO TABLE t} become {@code INSERT INTO t};</li>
 *   <li>{@code top}: T-SQL {@code SELECT [DISTINCT] TOP n [PERCENT] [WITH TIES]} loses the TOP
 *       clause, which does not change lineage;</li>
 *   <li>{@code number-type}: Snowflake's {@code ::NUMBER(p, s)} and {@code CAST(x AS NUMBER(p, s))}
 *       become Calcite's {@code DEC(p, s)};</li>
 *   <li>{@code lateral-view}: Spark/Hive {@code LATERAL VIEW [OUTER] explode|posexplode(...)}
 *       becomes {@code CROSS JOIN UNNEST(...)} (the one step that shifts columns on its line).</li>
 * </ul>
 */
final class StatementPreprocessor {
    enum Form { PARSE, VIEW, CTAS, CREATE_TABLE, UPDATE_FROM }

    /**
     * A statement ready for the parser.
     *
     * @param text the text to parse (same length and line breaks as the original)
     * @param target the written table's name parts, for VIEW, CTAS and CREATE_TABLE
     * @param columns the column list written after the name, if any
     * @param fromText for UPDATE_FROM, {@code SELECT * FROM ...} at the original positions
     */
    record Prepared(Form form, String text, List<Identifier> target, List<Identifier> columns, String fromText) {
        Prepared {
            target = List.copyOf(target);
            columns = List.copyOf(columns);
        }

        static Prepared parse(String text) {
            return new Prepared(Form.PARSE, text, List.of(), List.of(), null);
        }
    }

    private static final Set<String> QUERY_STARTS = Set.of("SELECT", "WITH", "VALUES", "FROM", "TABLE");
    private static final Set<String> CONSTRAINT_WORDS = Set.of("PRIMARY", "CONSTRAINT", "UNIQUE", "FOREIGN",
            "CHECK", "INDEX", "KEY", "PERIOD", "LIKE", "EXCLUDE", "FULLTEXT", "SPATIAL");

    private StatementPreprocessor() {
    }

    static Prepared prepare(String original, SqlDialect dialect) {
        String sql = original;
        List<Token> tokens = SqlScanner.scan(sql, dialect);
        if (tokens.isEmpty()) {
            return Prepared.parse(sql);
        }
        if (hasLateralView(tokens)) {
            sql = lateralView(sql, tokens);
            tokens = SqlScanner.scan(sql, dialect);
        }
        char[] text = sql.toCharArray();
        Token first = tokens.get(0);
        if (first.isWord("CREATE")) {
            Prepared created = create(sql, tokens);
            if (created != null) {
                return created;
            }
        }
        if (first.isWord("INSERT")) {
            insertOverwrite(text, tokens);
        }
        removeTop(text, tokens);
        if (dialect == SqlDialect.SNOWFLAKE) {
            numberType(text, tokens);
        }
        if (first.isWord("UPDATE")) {
            Prepared update = updateFrom(text, tokens);
            if (update != null) {
                return update;
            }
        }
        Prepared into = selectInto(text, tokens);
        return into != null ? into : Prepared.parse(new String(text));
    }

    /** CREATE ... VIEW / TABLE: the header read here; null when it is neither. */
    private static Prepared create(String sql, List<Token> tokens) {
        int i = 1;
        Form form = null;
        while (i < tokens.size() && tokens.get(i).kind() == Kind.WORD) {
            Token t = tokens.get(i++);
            if (t.isWord("VIEW")) {
                form = Form.VIEW;
                break;
            }
            if (t.isWord("TABLE")) {
                form = Form.CTAS;
                break;
            }
            if (t.isWord("FUNCTION") || t.isWord("PROCEDURE") || t.isWord("INDEX") || t.isWord("SCHEMA")
                    || t.isWord("DATABASE") || t.isWord("SEQUENCE") || t.isWord("TYPE") || t.isWord("AS")) {
                return null;
            }
        }
        if (form == null) {
            return null;
        }
        if (i + 2 < tokens.size() && tokens.get(i).isWord("IF") && tokens.get(i + 1).isWord("NOT")
                && tokens.get(i + 2).isWord("EXISTS")) {
            i += 3;
        }
        List<Identifier> name = new ArrayList<>();
        while (i < tokens.size() && tokens.get(i).isName()) {
            name.add(SqlScanner.identifier(tokens.get(i++)));
            if (i < tokens.size() && tokens.get(i).isSymbol('.')) {
                i++;
            } else {
                break;
            }
        }
        if (name.isEmpty()) {
            return null;
        }
        List<Identifier> columns = new ArrayList<>();
        boolean definitions = false;
        if (i < tokens.size() && tokens.get(i).isSymbol('(')) {
            int depth = tokens.get(i).depth();
            i++;
            boolean itemStart = true;
            while (i < tokens.size() && !(tokens.get(i).isSymbol(')') && tokens.get(i).depth() == depth)) {
                Token t = tokens.get(i);
                if (t.depth() == depth + 1 && t.isSymbol(',')) {
                    itemStart = true;
                } else if (itemStart) {
                    itemStart = false;
                    if (t.isName() && !(t.kind() == Kind.WORD && CONSTRAINT_WORDS.contains(t.upper()))) {
                        columns.add(SqlScanner.identifier(t));
                    }
                } else if (t.depth() == depth + 1) {
                    definitions = true; // a type follows the column name
                }
                i++;
            }
            i++;
        }
        // The query follows the first top-level AS that is followed by a query.
        for (int j = i; j < tokens.size(); j++) {
            Token t = tokens.get(j);
            if (t.depth() == 0 && t.isWord("AS") && j + 1 < tokens.size()) {
                Token next = tokens.get(j + 1);
                if (next.isSymbol('(') || next.kind() == Kind.WORD && QUERY_STARTS.contains(next.upper())) {
                    char[] body = sql.toCharArray();
                    blank(body, 0, next.start());
                    int n = tokens.size();
                    if (form == Form.VIEW && n >= 4 && tokens.get(n - 4).isWord("WITH") && tokens.get(n - 3).isWord("NO")
                            && tokens.get(n - 2).isWord("SCHEMA") && tokens.get(n - 1).isWord("BINDING")) {
                        blank(body, tokens.get(n - 4).start(), tokens.get(n - 1).end()); // Redshift late binding
                    }
                    return new Prepared(form, new String(body), name, columns, null);
                }
            }
            if (t.depth() == 0 && form == Form.CTAS && t.kind() == Kind.WORD
                    && QUERY_STARTS.contains(t.upper()) && !t.isWord("TABLE")) {
                // MySQL: CREATE TABLE t [options] SELECT ... (no AS)
                return new Prepared(form, blank(sql, 0, t.start()), name, columns, null);
            }
        }
        if (form == Form.CTAS) {
            return new Prepared(Form.CREATE_TABLE, null, name, definitions || !columns.isEmpty() ? columns : List.of(),
                    null);
        }
        return null;
    }

    private static void insertOverwrite(char[] text, List<Token> tokens) {
        int i = 1;
        if (i < tokens.size() && tokens.get(i).isWord("OVERWRITE")) {
            overwrite(text, tokens.get(i), "INTO");
            i++;
        } else if (i < tokens.size() && tokens.get(i).isWord("INTO")) {
            i++;
        } else {
            return;
        }
        if (i < tokens.size() && tokens.get(i).isWord("TABLE")) {
            blank(text, tokens.get(i).start(), tokens.get(i).end());
            i++;
        }
        // The table name: name ('.' name)*
        while (i < tokens.size() && tokens.get(i).isName()) {
            i++;
            if (i + 1 < tokens.size() && tokens.get(i).isSymbol('.')) {
                i++;
            } else {
                break;
            }
        }
        if (i + 1 < tokens.size() && tokens.get(i).isWord("PARTITION") && tokens.get(i + 1).isSymbol('(')) {
            int end = closing(tokens, i + 1);
            blank(text, tokens.get(i).start(), tokens.get(end).end());
        }
    }

    private static void removeTop(char[] text, List<Token> tokens) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (!(t.isWord("SELECT") || t.isWord("DISTINCT") || t.isWord("ALL")) || !tokens.get(i + 1).isWord("TOP")) {
                continue;
            }
            int j = i + 1;
            int end;
            if (j + 1 < tokens.size() && tokens.get(j + 1).isSymbol('(')) {
                end = closing(tokens, j + 1);
            } else {
                end = j + 1;
            }
            if (end + 1 < tokens.size() && tokens.get(end + 1).isWord("PERCENT")) {
                end++;
            }
            if (end + 2 < tokens.size() && tokens.get(end + 1).isWord("WITH") && tokens.get(end + 2).isWord("TIES")) {
                end += 2;
            }
            if (end < tokens.size()) {
                blank(text, tokens.get(j).start(), tokens.get(end).end());
            }
        }
    }

    /** UPDATE t SET ... FROM x, y WHERE ...: null when there is no top-level FROM. */
    private static Prepared updateFrom(char[] text, List<Token> tokens) {
        int set = -1;
        int from = -1;
        int where = tokens.size();
        for (int i = 1; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.depth() != 0) {
                continue;
            }
            if (set < 0 && t.isWord("SET")) {
                set = i;
            } else if (set >= 0 && from < 0 && t.isWord("FROM")) {
                from = i;
            } else if (from >= 0 && (t.isWord("WHERE") || t.isWord("RETURNING") || t.isWord("OPTION"))) {
                where = i;
                break;
            }
        }
        if (set < 0 || from < 0) {
            return null;
        }
        int fromStart = tokens.get(from).start();
        int fromEnd = where < tokens.size() ? tokens.get(where).start() : text.length;
        char[] select = new char[text.length];
        for (int k = 0; k < select.length; k++) {
            select[k] = k >= fromStart && k < fromEnd ? text[k] : (text[k] == '\n' ? '\n' : ' ');
        }
        // "SELECT *" fits before FROM: "UPDATE t SET a=b " is always at least that long.
        String prefix = "SELECT * ";
        int at = fromStart - prefix.length();
        if (at < 0) {
            return null;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (select[at + k] == '\n') {
                return null; // a line break just before FROM: keep it simple, let the parser report
            }
            select[at + k] = prefix.charAt(k);
        }
        blank(text, fromStart, fromEnd);
        return new Prepared(Form.UPDATE_FROM, new String(text), List.of(), List.of(), new String(select));
    }

    /** T-SQL SELECT cols INTO target FROM ...: a CTAS. */
    private static Prepared selectInto(char[] text, List<Token> tokens) {
        if (!tokens.get(0).isWord("SELECT") && !tokens.get(0).isWord("WITH")) {
            return null;
        }
        for (int i = 1; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.depth() == 0 && t.isWord("FROM")) {
                return null;
            }
            if (t.depth() == 0 && t.isWord("INTO") && i + 1 < tokens.size() && tokens.get(i + 1).isName()) {
                List<Identifier> name = new ArrayList<>();
                int j = i + 1;
                while (j < tokens.size() && tokens.get(j).isName()) {
                    name.add(SqlScanner.identifier(tokens.get(j++)));
                    if (j < tokens.size() && tokens.get(j).isSymbol('.')) {
                        j++;
                    } else {
                        break;
                    }
                }
                blank(text, t.start(), tokens.get(j - 1).end());
                return new Prepared(Form.CTAS, new String(text), name, List.of(), null);
            }
        }
        return null;
    }

    /** Snowflake's {@code NUMBER(p, s)} after {@code ::} or a CAST's {@code AS}: Calcite's {@code DEC}. */
    private static void numberType(char[] text, List<Token> tokens) {
        for (int i = 1; i + 1 < tokens.size(); i++) {
            Token t = tokens.get(i);
            Token before = tokens.get(i - 1);
            if (t.isWord("NUMBER") && tokens.get(i + 1).isSymbol('(') && (before.isSymbol(':') || before.isWord("AS"))) {
                overwrite(text, t, "DEC");
            }
        }
    }

    private static boolean hasLateralView(List<Token> tokens) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).isWord("LATERAL") && tokens.get(i + 1).isWord("VIEW")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Spark/Hive {@code LATERAL VIEW [OUTER] explode(e) t AS c} becomes {@code CROSS JOIN
     * UNNEST(e) AS t(c)} ({@code posexplode(e) t AS p, c}: {@code UNNEST(e) WITH ORDINALITY AS
     * t(c, p)}). The only step that moves text: columns after it on the same line shift by a few
     * characters; lines do not move.
     */
    private static String lateralView(String sql, List<Token> tokens) {
        StringBuilder out = new StringBuilder();
        int copied = 0;
        for (int i = 0; i + 3 < tokens.size(); i++) {
            if (!tokens.get(i).isWord("LATERAL") || !tokens.get(i + 1).isWord("VIEW")) {
                continue;
            }
            int f = i + 2;
            if (tokens.get(f).isWord("OUTER")) {
                f++;
            }
            if (f + 1 >= tokens.size() || tokens.get(f).kind() != Kind.WORD || !tokens.get(f + 1).isSymbol('(')) {
                continue;
            }
            String function = tokens.get(f).upper();
            boolean positional = function.equals("POSEXPLODE") || function.equals("POSEXPLODE_OUTER");
            if (!positional && !function.equals("EXPLODE") && !function.equals("EXPLODE_OUTER")) {
                continue;
            }
            int close = closing(tokens, f + 1);
            int j = close + 1;
            if (j >= tokens.size() || !tokens.get(j).isName() || tokens.get(j).isWord("AS")) {
                continue;
            }
            String alias = tokens.get(j).text();
            j++;
            if (j >= tokens.size() || !tokens.get(j).isWord("AS")) {
                continue;
            }
            List<String> columns = new ArrayList<>();
            int last = j;
            j++;
            while (j < tokens.size() && tokens.get(j).isName()) {
                columns.add(tokens.get(j).text());
                last = j;
                if (j + 1 < tokens.size() && tokens.get(j + 1).isSymbol(',') && j + 2 < tokens.size()
                        && tokens.get(j + 2).isName() && !isClauseWord(tokens.get(j + 2))) {
                    j += 2;
                } else {
                    break;
                }
            }
            if (columns.isEmpty()) {
                continue;
            }
            if (positional && columns.size() == 2) {
                columns = List.of(columns.get(1), columns.get(0)); // UNNEST puts the ordinal last
            }
            out.append(sql, copied, tokens.get(i).start());
            out.append("CROSS JOIN UNNEST");
            out.append(sql, tokens.get(f + 1).start(), tokens.get(close).end());
            out.append(positional ? " WITH ORDINALITY AS " : " AS ").append(alias)
                    .append('(').append(String.join(", ", columns)).append(')');
            copied = tokens.get(last).end();
            i = last;
        }
        out.append(sql, copied, sql.length());
        return out.toString();
    }

    private static boolean isClauseWord(Token token) {
        return token.isWord("LATERAL") || token.isWord("WHERE") || token.isWord("GROUP") || token.isWord("ORDER")
                || token.isWord("JOIN") || token.isWord("LIMIT");
    }

    private static int closing(List<Token> tokens, int open) {
        int depth = tokens.get(open).depth();
        for (int k = open + 1; k < tokens.size(); k++) {
            if (tokens.get(k).isSymbol(')') && tokens.get(k).depth() == depth) {
                return k;
            }
        }
        return tokens.size() - 1;
    }

    private static void overwrite(char[] text, Token token, String word) {
        blank(text, token.start(), token.end());
        word.getChars(0, word.length(), text, token.start());
    }

    private static void blank(char[] text, int from, int to) {
        for (int k = from; k < to; k++) {
            if (text[k] != '\n' && text[k] != '\r') {
                text[k] = ' ';
            }
        }
    }

    private static String blank(String sql, int from, int to) {
        char[] text = sql.toCharArray();
        blank(text, from, to);
        return new String(text);
    }
}
