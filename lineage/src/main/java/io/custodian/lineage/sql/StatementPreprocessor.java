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
    enum Form { PARSE, VIEW, CTAS, CREATE_TABLE, UPDATE_FROM, MERGE }

    /**
     * A CTE written before an INSERT, UPDATE, MERGE or DELETE, which Calcite reads only before a
     * query: analysed on its own and visible to the statement.
     *
     * @param text the statement with everything but the CTE's query blanked
     */
    record Cte(Identifier name, List<Identifier> columns, String text) {
        Cte {
            columns = List.copyOf(columns);
        }
    }

    /**
     * A statement ready for the parser.
     *
     * @param text the text to parse (same length and line breaks as the original)
     * @param target the written table's name parts, for VIEW, CTAS and CREATE_TABLE
     * @param columns the column list written after the name, if any
     * @param fromText for UPDATE_FROM, {@code SELECT * FROM ...} at the original positions
     * @param passes for MERGE, one Calcite-readable MERGE per WHEN clause that writes
     * @param ctes CTEs written before the statement
     * @param temporary whether a created table is temporary (its lineage passes through it)
     */
    record Prepared(Form form, String text, List<Identifier> target, List<Identifier> columns, String fromText,
            List<String> passes, List<Cte> ctes, boolean temporary) {
        Prepared {
            target = List.copyOf(target);
            columns = List.copyOf(columns);
            passes = List.copyOf(passes);
            ctes = List.copyOf(ctes);
        }

        Prepared(Form form, String text, List<Identifier> target, List<Identifier> columns, String fromText) {
            this(form, text, target, columns, fromText, List.of(), List.of(), false);
        }

        static Prepared parse(String text) {
            return new Prepared(Form.PARSE, text, List.of(), List.of(), null);
        }

        Prepared withCtes(List<Cte> ctes) {
            return new Prepared(form, text, target, columns, fromText, passes, ctes, temporary);
        }

        Prepared temporary(boolean temporary) {
            return new Prepared(form, text, target, columns, fromText, passes, ctes, temporary);
        }

        /** Every text the parser reads for this statement, each at the statement's positions. */
        List<String> texts() {
            List<String> texts = new ArrayList<>();
            ctes.forEach(c -> texts.add(c.text()));
            if (form == Form.MERGE) {
                texts.addAll(passes);
            } else if (text != null) {
                texts.add(text);
            }
            if (fromText != null) {
                texts.add(fromText);
            }
            return texts;
        }
    }

    private static final Set<String> SET_OPERATORS = Set.of("UNION", "MINUS", "EXCEPT", "INTERSECT", "ALL",
            "DISTINCT");
    private static final Set<String> DATE_PART_FUNCTIONS = Set.of("DATEDIFF", "DATEADD", "DATE_DIFF", "DATE_ADD",
            "TIMESTAMPDIFF", "TIMESTAMPADD", "TIMESTAMP_DIFF", "DATETIME_DIFF", "TIMEDIFF");
    private static final Set<String> TABLE_HINTS = Set.of("NOLOCK", "READUNCOMMITTED", "UPDLOCK", "ROWLOCK",
            "HOLDLOCK", "TABLOCK", "TABLOCKX", "READPAST", "INDEX", "FORCESEEK", "NOWAIT", "SERIALIZABLE",
            "REPEATABLEREAD", "READCOMMITTED", "XLOCK", "PAGLOCK", "SNAPSHOT");
    private static final Set<String> DURATIONS = Set.of("DAYS", "MONTHS", "YEARS", "HOURS", "MINUTES", "SECONDS");
    private static final Set<String> INTERVAL_UNITS = Set.of("YEAR", "YEARS", "MONTH", "MONTHS", "DAY", "DAYS",
            "HOUR", "HOURS", "MINUTE", "MINUTES", "SECOND", "SECONDS", "WEEK", "WEEKS", "QUARTER", "MILLISECOND",
            "MICROSECOND", "TO");
    /** Words a value cannot end with: a string after them is a value, not an alias. */
    private static final Set<String> NOT_ITEM_ENDS = Set.of("SELECT", "DISTINCT", "LIKE", "AND", "OR", "NOT", "IS",
            "IN", "THEN", "ELSE", "WHEN", "BY", "ON", "WHERE", "HAVING", "SET", "VALUES", "RLIKE", "REGEXP",
            "BETWEEN", "CASE", "INTERVAL", "ESCAPE", "SEPARATOR", "DATE", "TIMESTAMP", "TIME", "BINARY", "COLLATE",
            "AGAINST", "RETURN", "DEFAULT", "COMMENT", "CHARSET", "USING", "INTO", "FROM", "JOIN", "LIMIT");
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
        String shifted = shifting(sql, tokens, dialect);
        if (shifted != null) {
            sql = shifted;
            tokens = SqlScanner.scan(sql, dialect);
        }
        char[] text = sql.toCharArray();
        blankHints(text, tokens);
        inPlace(text, tokens, dialect);
        String rewritten = new String(text);
        if (!rewritten.equals(sql)) { // most statements need no rewrite: scan again only when one changed it
            sql = rewritten;
            tokens = SqlScanner.scan(sql, dialect);
        }
        if (tokens.get(0).isWord("WITH")) {
            List<Cte> ctes = new ArrayList<>();
            int main = ctePrefix(text, tokens, ctes);
            if (main > 0) {
                // The CTEs are read apart; the statement they precede is prepared as if alone.
                return prepare(new String(text), dialect, SqlScanner.scan(new String(text), dialect)).withCtes(ctes);
            }
        }
        return prepare(sql, dialect, tokens);
    }

    private static Prepared prepare(String sql, SqlDialect dialect, List<Token> tokens) {
        char[] text = sql.toCharArray();
        Token first = tokens.get(0);
        if (first.isWord("CREATE") || first.isWord("DECLARE") && tokens.size() > 1
                && tokens.get(1).isWord("GLOBAL")) { // DB2: DECLARE GLOBAL TEMPORARY TABLE session.t AS (...)
            Prepared created = create(sql, tokens);
            if (created != null) {
                return created;
            }
        }
        if ((first.isWord("REPLACE") || first.isWord("UPSERT")) && tokens.size() > 1 && tokens.get(1).isWord("INTO")) {
            overwrite(text, first, "INSERT"); // MySQL REPLACE INTO, UPSERT INTO: rows written all the same
        }
        if (first.isWord("INSERT") || first.isWord("REPLACE") || first.isWord("UPSERT")) {
            insertTail(text, tokens);
            insertOverwrite(text, tokens);
        }
        removeTop(text, tokens);
        if (first.isWord("UPDATE")) {
            Prepared joined = updateJoin(text, tokens);
            if (joined != null) {
                return joined;
            }
            Prepared update = updateFrom(text, tokens);
            if (update != null) {
                return update;
            }
        }
        if (first.isWord("MERGE")) {
            Prepared merge = merge(text, tokens);
            if (merge != null) {
                return merge;
            }
        }
        Prepared into = selectInto(text, tokens);
        return into != null ? into : Prepared.parse(new String(text));
    }

    /**
     * {@code WITH a AS (...), b AS (...) INSERT|UPDATE|MERGE|DELETE ...}: each CTE into {@code ctes}
     * and blanked from {@code text}; the index of the statement's first token, or -1 when the CTEs
     * precede a query (which Calcite reads as it is).
     */
    private static int ctePrefix(char[] text, List<Token> tokens, List<Cte> ctes) {
        int i = 1;
        if (i < tokens.size() && tokens.get(i).isWord("RECURSIVE")) {
            i++;
        }
        List<Cte> found = new ArrayList<>();
        while (i < tokens.size() && tokens.get(i).isName()) {
            Identifier name = SqlScanner.identifier(tokens.get(i++));
            List<Identifier> columns = new ArrayList<>();
            if (i < tokens.size() && tokens.get(i).isSymbol('(')) {
                int close = closing(tokens, i);
                for (int k = i + 1; k < close; k++) {
                    if (tokens.get(k).isName()) {
                        columns.add(SqlScanner.identifier(tokens.get(k)));
                    }
                }
                i = close + 1;
            }
            if (i + 1 >= tokens.size() || !tokens.get(i).isWord("AS")) {
                return -1;
            }
            i++;
            if (i < tokens.size() && (tokens.get(i).isWord("MATERIALIZED") || tokens.get(i).isWord("NOT"))) {
                i += tokens.get(i).isWord("NOT") ? 2 : 1;
            }
            if (i >= tokens.size() || !tokens.get(i).isSymbol('(')) {
                return -1;
            }
            int close = closing(tokens, i);
            char[] body = text.clone();
            blank(body, 0, tokens.get(i + 1 > close ? close : i + 1).start());
            blank(body, tokens.get(close).start(), body.length);
            found.add(new Cte(name, columns, new String(body)));
            i = close + 1;
            if (i < tokens.size() && tokens.get(i).isSymbol(',')) {
                i++;
                continue;
            }
            break;
        }
        if (i >= tokens.size() || !(tokens.get(i).isWord("INSERT") || tokens.get(i).isWord("UPDATE")
                || tokens.get(i).isWord("MERGE") || tokens.get(i).isWord("DELETE"))) {
            return -1;
        }
        blank(text, 0, tokens.get(i).start());
        ctes.addAll(found);
        return i;
    }

    /**
     * The rewrites that insert text (columns after them on their line shift; lines do not move):
     * Spark's LATERAL VIEW, Teradata's {@code SEL}, ClickHouse's {@code ARRAY JOIN}, BigQuery's
     * {@code MERGE} without {@code INTO}. Null when there is none.
     */
    private static String shifting(String original, List<Token> tokens, SqlDialect dialect) {
        String sql = original;
        if (hasLateralView(tokens)) {
            sql = lateralView(sql, tokens);
            tokens = SqlScanner.scan(sql, dialect);
        }
        StringBuilder out = new StringBuilder();
        int copied = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            Token previous = i > 0 ? tokens.get(i - 1) : null;
            if (t.isWord("SEL") && (previous == null || previous.isSymbol('(') || previous.isSymbol(')')
                    || previous.kind() == Kind.WORD && SET_OPERATORS.contains(previous.upper()))) {
                out.append(sql, copied, t.start()).append("SELECT");
                copied = t.end();
            } else if (t.isWord("MERGE") && t.depth() == 0 && i + 1 < tokens.size()
                    && !tokens.get(i + 1).isWord("INTO") && (i == 0 || previous.isSymbol(')'))) {
                out.append(sql, copied, t.end()).append(" INTO");
                copied = t.end();
            } else if (dialect == SqlDialect.TSQL && t.kind() == Kind.WORD && t.text().startsWith("#")) {
                out.append(sql, copied, t.start()).append('[').append(t.text()).append(']');
                copied = t.end(); // a temporary table: #t is [#t] to the parser
            } else if (isFlatten(tokens, i)) {
                // Snowflake: [LATERAL] FLATTEN(input => e, ...) f  ->  UNNEST(e) WITH ORDINALITY AS f(value, index)
                int open = t.isWord("LATERAL") ? i + 2 : i + 1;
                int close = closing(tokens, open);
                int input = open + 1;
                for (int k = open + 1; k + 2 < close; k++) {
                    if (tokens.get(k).isWord("INPUT") && tokens.get(k + 1).isSymbol('=')
                            && tokens.get(k + 2).isSymbol('>')) {
                        input = k + 3;
                    }
                }
                int inputEnd = input;
                while (inputEnd < close && !(tokens.get(inputEnd).isSymbol(',')
                        && tokens.get(inputEnd).depth() == tokens.get(open).depth() + 1)) {
                    inputEnd++;
                }
                int alias = close + 1;
                if (alias < tokens.size() && tokens.get(alias).isWord("AS")) {
                    alias++;
                }
                if (input >= inputEnd || alias >= tokens.size() || !tokens.get(alias).isName()
                        || isClauseWord(tokens.get(alias))) {
                    continue;
                }
                out.append(sql, copied, t.start()).append("UNNEST(")
                        .append(sql, tokens.get(input).start(), tokens.get(inputEnd - 1).end())
                        .append(") WITH ORDINALITY AS ").append(tokens.get(alias).text()).append("(value, index)");
                copied = tokens.get(alias).end();
                i = alias;
            } else if (t.isWord("ANY") && i + 1 < tokens.size() && tokens.get(i + 1).isSymbol('(')
                    && previous != null && (previous.isSymbol(',') || previous.isWord("SELECT")
                    || previous.isWord("DISTINCT"))) {
                out.append(sql, copied, t.start()).append("any_value"); // ClickHouse's any(x) aggregate
                copied = t.end();
            } else if (t.isWord("ARRAY") && i + 1 < tokens.size() && tokens.get(i + 1).isWord("JOIN")) {
                // ClickHouse: [LEFT] ARRAY JOIN e AS x  ->  CROSS JOIN UNNEST(e) AS x
                int end = i + 2;
                while (end < tokens.size() && tokens.get(end).depth() > t.depth() || end < tokens.size()
                        && !tokens.get(end).isWord("AS") && !isClauseWord(tokens.get(end))
                        && !tokens.get(end).isSymbol(',') && !tokens.get(end).isSymbol(')')) {
                    end++;
                }
                if (end == i + 2) {
                    continue;
                }
                int from = previous != null && previous.isWord("LEFT") ? previous.start() : t.start();
                out.append(sql, copied, from).append("CROSS JOIN UNNEST(")
                        .append(sql, tokens.get(i + 2).start(), tokens.get(end - 1).end()).append(')');
                copied = tokens.get(end - 1).end();
                i = end - 1;
            }
        }
        if (copied == 0) {
            return sql.equals(original) ? null : sql;
        }
        return out.append(sql, copied, sql.length()).toString();
    }

    private static boolean isFlatten(List<Token> tokens, int i) {
        int f = tokens.get(i).isWord("LATERAL") ? i + 1 : i;
        return f + 1 < tokens.size() && tokens.get(f).isWord("FLATTEN") && tokens.get(f + 1).isSymbol('(')
                && (i == 0 || !tokens.get(i - 1).isSymbol('.'));
    }

    /** Optimizer hints, {@code /*+ ... *}{@code /}: comments to lineage, syntax to Calcite's parser. */
    private static void blankHints(char[] text, List<Token> tokens) {
        int from = 0;
        for (int i = 0; i <= tokens.size(); i++) {
            int to = i < tokens.size() ? tokens.get(i).start() : text.length;
            for (int k = from; k + 2 < to; k++) {
                if (text[k] == '/' && text[k + 1] == '*' && text[k + 2] == '+') {
                    int close = new String(text, k, to - k).indexOf("*/");
                    int end = close < 0 ? to : k + close + 2;
                    blank(text, k, end);
                    k = end - 1;
                }
            }
            from = i < tokens.size() ? tokens.get(i).end() : text.length;
        }
    }

    /** Same-length rewrites of constructs Calcite does not read and lineage does not need. */
    private static void inPlace(char[] text, List<Token> tokens, SqlDialect dialect) {
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            Token previous = i > 0 ? tokens.get(i - 1) : null;
            if (t.isWord("DISTINCT") && next != null && next.isWord("ON") && i + 2 < tokens.size()
                    && tokens.get(i + 2).isSymbol('(')) {
                blank(text, next.start(), tokens.get(closing(tokens, i + 2)).end()); // PostgreSQL DISTINCT ON (...)
            } else if (t.isWord("BY") && previous != null && previous.isWord("GROUP") && next != null
                    && next.isWord("ALL")) {
                blank(text, previous.start(), next.end()); // GROUP BY ALL: grouping, not lineage
            } else if (t.isWord("WITH") && next != null && next.isWord("OFFSET")) {
                // BigQuery: UNNEST(a) AS x WITH OFFSET [AS] pos: the position has no source
                int end = i + 2 < tokens.size() && tokens.get(i + 2).isWord("AS") ? i + 3 : i + 2;
                blank(text, t.start(), (end < tokens.size() ? tokens.get(end) : next).end());
            } else if (t.isWord("STRUCT") && next != null && next.isSymbol('(')) {
                // BigQuery: STRUCT(a AS x, b AS y): the field names are not lineage
                int close = closing(tokens, i + 1);
                for (int k = i + 2; k + 1 < close; k++) {
                    if (tokens.get(k).isWord("AS") && tokens.get(k).depth() == next.depth() + 1) {
                        blank(text, tokens.get(k).start(), tokens.get(k + 1).end());
                    }
                }
            } else if ((t.isWord("CONVERT") || t.isWord("TRY_CONVERT")) && next != null && next.isSymbol('(')
                    && dialect == SqlDialect.TSQL) {
                // T-SQL CONVERT(type, value [, style]): the value's sources, read as a plain call
                int close = closing(tokens, i + 1);
                int comma = i + 2;
                while (comma < close && !(tokens.get(comma).isSymbol(',')
                        && tokens.get(comma).depth() == next.depth() + 1)) {
                    comma++;
                }
                if (comma < close) {
                    blank(text, next.end(), tokens.get(comma).end());
                    if (t.isWord("CONVERT")) {
                        overwrite(text, t, "CONVRT");
                    }
                }
            } else if ((t.isWord("NVARCHAR") || t.isWord("NCHAR")) && previous != null
                    && (previous.isWord("AS") || previous.isSymbol('(') || previous.isSymbol(':'))) {
                overwrite(text, t, t.text().substring(1)); // T-SQL national types: VARCHAR to lineage
            } else if (t.isWord("LIMIT") && t.depth() > 0 && next != null && isInCall(tokens, i)) {
                blank(text, t.start(), next.end()); // BigQuery: ARRAY_AGG(x ORDER BY y LIMIT 5)
            } else if (t.kind() == Kind.WORD && DURATIONS.contains(t.upper()) && previous != null
                    && previous.kind() == Kind.WORD && Character.isDigit(previous.text().charAt(0))
                    && !(i >= 2 && tokens.get(i - 2).isWord("INTERVAL"))) {
                blank(text, t.start(), t.end()); // DB2 labelled durations: CURRENT DATE - 30 DAYS
            } else if (t.isWord("CURRENT") && next != null && next.start() == t.end() + 1
                    && (next.isWord("DATE") || next.isWord("TIMESTAMP") || next.isWord("TIME"))) {
                text[t.end()] = '_'; // DB2: CURRENT DATE
            } else if (t.kind() == Kind.WORD && t.text().charAt(0) == '@') {
                // T-SQL and MySQL variables (@cutoff, @@ROWCOUNT): never a column; _cutoff to the parser.
                for (int k = t.start(); k < t.end() && text[k] == '@'; k++) {
                    text[k] = '_';
                }
            } else if (t.kind() == Kind.WORD && DATE_PART_FUNCTIONS.contains(t.upper()) && next != null
                    && next.isSymbol('(') && i + 2 < tokens.size() && tokens.get(i + 2).kind() == Kind.STRING
                    && tokens.get(i + 2).text().startsWith("'")
                    && INTERVAL_UNITS.contains(unquote(tokens.get(i + 2)).toUpperCase(java.util.Locale.ROOT))) {
                Token unit = tokens.get(i + 2);
                text[unit.start()] = ' '; // DATEDIFF('second', a, b): the unit as a keyword
                text[unit.end() - 1] = ' ';
            } else if (t.isWord("NUMBER") && next != null && next.isSymbol('(') && previous != null
                    && (previous.isSymbol(':') || previous.isWord("AS"))) {
                overwrite(text, t, "DEC"); // Snowflake: ::NUMBER(p, s)
            } else if (t.isSymbol('(') && next != null && next.isSymbol('+') && i + 2 < tokens.size()
                    && tokens.get(i + 2).isSymbol(')')) {
                blank(text, t.start(), tokens.get(i + 2).end()); // Oracle's (+) outer join marker
            } else if (t.isWord("WITH") && next != null && next.isSymbol('(') && previous != null
                    && previous.isName() && i + 2 < tokens.size() && TABLE_HINTS.contains(tokens.get(i + 2).upper())) {
                blank(text, t.start(), tokens.get(closing(tokens, i + 1)).end()); // T-SQL: FROM t WITH (NOLOCK)
            } else if (t.isSymbol(':') && next != null && next.kind() == Kind.WORD && previous != null
                    && !previous.isName() && !previous.isSymbol(')') && !previous.isSymbol(']')
                    && !previous.isSymbol(':') && next.start() == t.end()) {
                text[t.start()] = ' '; // a bind variable, :start_date: never a column
            } else if (t.kind() == Kind.STRING && t.text().startsWith("\"") && dialect == SqlDialect.MYSQL
                    && !isAlias(tokens, i) && t.text().indexOf('\'') < 0) {
                text[t.start()] = '\''; // MySQL "text" is a string; Calcite reads only 'text'
                text[t.end() - 1] = '\'';
            } else if (t.isSymbol(',') && next != null && next.isWord("FROM") && next.depth() == t.depth()) {
                blank(text, t.start(), t.end()); // Snowflake: SELECT a, b, FROM t
            } else if (t.isWord("INTERVAL") && next != null && next.kind() == Kind.STRING
                    && !(i + 2 < tokens.size() && INTERVAL_UNITS.contains(tokens.get(i + 2).upper()))) {
                // INTERVAL '90 days': a constant, no lineage; Calcite wants INTERVAL '90' DAY.
                blank(text, t.start(), next.end());
                "NULL".getChars(0, 4, text, t.start());
                i++;
            } else if (t.isSymbol(':') && next != null && next.isSymbol(':') && i + 2 < tokens.size()
                    && tokens.get(i + 2).isWord("INTERVAL")) {
                blank(text, t.start(), tokens.get(i + 2).end()); // '90 days'::interval
            } else if (t.isSymbol(':') && previous != null && next != null && next.isName()
                    && !previous.isSymbol(':') && !next.isSymbol(':') && (previous.isName() || previous.isSymbol(')')
                    || previous.isSymbol(']')) && previous.end() == t.start()
                    && (dialect == SqlDialect.SNOWFLAKE || dialect == SqlDialect.SPARK)) {
                // Snowflake and Databricks semi-structured paths, v:a.b[0]: the value is v's.
                int end = i + 1;
                while (end < tokens.size() && (tokens.get(end).isName() || tokens.get(end).isSymbol('.')
                        || tokens.get(end).isSymbol('[') || tokens.get(end).isSymbol(']')
                        || tokens.get(end - 1).isSymbol('[') && tokens.get(end).kind() != Kind.SYMBOL)
                        && !(tokens.get(end).isSymbol(':') && end + 1 < tokens.size())) {
                    if (tokens.get(end).isName() && end > i + 1 && tokens.get(end - 1).isName()) {
                        break; // the next word is an alias
                    }
                    end++;
                }
                blank(text, t.start(), tokens.get(end - 1).end());
                i = end - 1;
            } else if (t.kind() == Kind.STRING && dialect == SqlDialect.MYSQL && isAlias(tokens, i)) {
                // MySQL: SELECT a "Total", b AS 'Name' -- a string in alias position is an alias.
                text[t.start()] = '`';
                text[t.end() - 1] = '`';
            } else if (t.isSymbol('(') && isColumnAttribute(tokens, i) && previous != null
                    && (previous.isName() && !NOT_ITEM_ENDS.contains(previous.upper()) || previous.isSymbol(')'))) {
                // Teradata column attributes: amount (TITLE 'Amount'), d (FORMAT 'YYYY-MM-DD')
                blank(text, t.start(), tokens.get(closing(tokens, i)).end());
            } else if (t.isWord("FINAL") && previous != null && previous.isName() && (next == null
                    || next.kind() == Kind.WORD && (isClauseWord(next) || next.isWord("AS") || next.isWord("INNER")
                    || next.isWord("LEFT") || next.isWord("ARRAY") || next.isWord("PREWHERE"))
                    || next.isSymbol(')') || next.isSymbol(','))) {
                blank(text, t.start(), t.end()); // ClickHouse: FROM t FINAL
            } else if (t.depth() == 0 && t.isWord("SETTINGS") && previous != null && next != null && next.isName()
                    && i + 2 < tokens.size() && tokens.get(i + 2).isSymbol('=')) {
                blank(text, t.start(), text.length); // ClickHouse query settings, at the end
                return;
            } else if (t.depth() == 0 && t.isWord("FORMAT") && next != null && next.kind() == Kind.WORD
                    && i + 2 == tokens.size()) {
                blank(text, t.start(), next.end()); // ClickHouse: ... FORMAT JSONEachRow
            } else if (t.isWord("SEMANTIC_VIEW") && next != null && next.isSymbol('(') && i + 2 < tokens.size()
                    && tokens.get(i + 2).isName()) {
                // Snowflake: FROM SEMANTIC_VIEW(v DIMENSIONS ... METRICS ...): read as the view itself.
                int close = closing(tokens, i + 1);
                int nameEnd = i + 2;
                while (nameEnd + 2 < close && tokens.get(nameEnd + 1).isSymbol('.')) {
                    nameEnd += 2;
                }
                blank(text, t.start(), next.end());
                blank(text, tokens.get(nameEnd).end(), tokens.get(close).end());
                i = close;
            } else if (t.depth() == 0 && t.isWord("WITH") && next != null && (next.isWord("DATA")
                    || next.isWord("NO") && i + 2 < tokens.size() && tokens.get(i + 2).isWord("DATA"))) {
                blank(text, t.start(), text.length); // Teradata: CREATE TABLE t AS (SELECT ...) WITH DATA ...
                return;
            }
        }
    }

    private static String unquote(Token string) {
        String text = string.text();
        return text.length() < 2 ? text : text.substring(1, text.length() - 1);
    }

    /** Whether token {@code i} is directly inside a function call's parentheses (not a subquery's). */
    private static boolean isInCall(List<Token> tokens, int i) {
        int depth = tokens.get(i).depth();
        for (int k = i - 1; k > 0; k--) {
            Token t = tokens.get(k);
            if (t.isSymbol('(') && t.depth() == depth - 1) {
                Token before = tokens.get(k - 1);
                Token after = tokens.get(k + 1);
                return before.kind() == Kind.WORD && !NOT_ITEM_ENDS.contains(before.upper())
                        && !after.isWord("SELECT") && !after.isWord("WITH");
            }
        }
        return false;
    }

    /** Teradata's (TITLE 'x'), (FORMAT 'x'), (NAMED x), ([NOT] CASESPECIFIC), (UPPERCASE) at {@code open}. */
    private static boolean isColumnAttribute(List<Token> tokens, int open) {
        if (open + 2 >= tokens.size()) {
            return false;
        }
        Token word = tokens.get(open + 1);
        Token after = tokens.get(open + 2);
        return (word.isWord("TITLE") || word.isWord("FORMAT")) && after.kind() == Kind.STRING
                || word.isWord("NAMED") && after.isName()
                || word.isWord("NOT") && after.isWord("CASESPECIFIC")
                || (word.isWord("CASESPECIFIC") || word.isWord("UPPERCASE")) && after.isSymbol(')');
    }

    /** A string where MySQL reads an alias: after AS, or right after a select item, before , or FROM. */
    private static boolean isAlias(List<Token> tokens, int i) {
        Token previous = i > 0 ? tokens.get(i - 1) : null;
        Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
        if (previous == null) {
            return false;
        }
        if (previous.isWord("AS")) {
            return true;
        }
        boolean itemEnd = previous.kind() == Kind.QUOTED || previous.isSymbol(')') || previous.kind() == Kind.WORD
                && !NOT_ITEM_ENDS.contains(previous.upper());
        boolean aliasEnd = next == null || next.isSymbol(',') && next.depth() == tokens.get(i).depth()
                || next.isWord("FROM") || next.isSymbol(')') && next.depth() < tokens.get(i).depth();
        return itemEnd && aliasEnd;
    }

    /** CREATE ... VIEW / TABLE: the header read here; null when it is neither. */
    private static Prepared create(String sql, List<Token> tokens) {
        int i = 1;
        Form form = null;
        boolean temporary = false;
        while (i < tokens.size() && tokens.get(i).kind() == Kind.WORD) {
            Token t = tokens.get(i++);
            temporary |= t.isWord("TEMP") || t.isWord("TEMPORARY") || t.isWord("VOLATILE");
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
        temporary |= name.get(name.size() - 1).text().startsWith("#");
        if (form == Form.VIEW && i + 1 < tokens.size() && tokens.get(i).isWord("TO") && tokens.get(i + 1).isName()) {
            // ClickHouse: CREATE MATERIALIZED VIEW mv TO target AS SELECT: the rows go to target.
            form = Form.CTAS;
            name = new ArrayList<>();
            i++;
            while (i < tokens.size() && tokens.get(i).isName()) {
                name.add(SqlScanner.identifier(tokens.get(i++)));
                if (i < tokens.size() && tokens.get(i).isSymbol('.')) {
                    i++;
                } else {
                    break;
                }
            }
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
                    return new Prepared(form, new String(body), name, columns, null).temporary(temporary);
                }
            }
            if (t.depth() == 0 && form == Form.CTAS && t.kind() == Kind.WORD && QUERY_STARTS.contains(t.upper())
                    && !t.isWord("TABLE") && (!t.isWord("WITH") || StatementSplitter.isCteStart(tokens, j))) {
                // MySQL: CREATE TABLE t [options] SELECT ... (no AS)
                return new Prepared(form, blank(sql, 0, t.start()), name, columns, null).temporary(temporary);
            }
        }
        if (form == Form.CTAS) {
            return new Prepared(Form.CREATE_TABLE, null, name, definitions || !columns.isEmpty() ? columns : List.of(),
                    null).temporary(temporary);
        }
        return null;
    }

    /**
     * What follows the rows an INSERT writes and changes no lineage Calcite could read: {@code
     * IGNORE}, Snowflake's {@code OVERWRITE INTO}, {@code ON CONFLICT ...}, {@code ON DUPLICATE KEY
     * UPDATE ...}, {@code RETURNING ...}.
     */
    private static void insertTail(char[] text, List<Token> tokens) {
        if (tokens.size() > 2 && (tokens.get(1).isWord("IGNORE")
                || tokens.get(1).isWord("OVERWRITE") && tokens.get(2).isWord("INTO"))) {
            blank(text, tokens.get(1).start(), tokens.get(1).end());
        }
        for (int i = 2; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.depth() == 0 && t.isWord("AS") && tokens.get(i - 1).isSymbol(')') && i + 2 < tokens.size()
                    && tokens.get(i + 2).isWord("ON")) {
                blank(text, t.start(), tokens.get(i + 1).end()); // MySQL: VALUES (...) AS new ON DUPLICATE KEY
            }
            if (t.depth() == 0 && (t.isWord("RETURNING") || t.isWord("ON") && i + 1 < tokens.size()
                    && (tokens.get(i + 1).isWord("CONFLICT") || tokens.get(i + 1).isWord("DUPLICATE")))) {
                blank(text, t.start(), text.length);
                return;
            }
        }
    }

    private static void insertOverwrite(char[] text, List<Token> tokens) {
        int i = 1;
        if (tokens.size() > 2 && (tokens.get(1).isWord("IGNORE") || tokens.get(1).isWord("OVERWRITE")
                && tokens.get(2).isWord("INTO"))) {
            i = 2; // blanked by insertTail
        }
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
        // "SELECT *" fits in what "UPDATE t SET a = b" leaves blank, on whichever lines it spans.
        if (!writeWords(select, 0, fromStart, "SELECT", "*")) {
            return null;
        }
        blank(text, fromStart, fromEnd);
        return new Prepared(Form.UPDATE_FROM, new String(text), List.of(), List.of(), new String(select));
    }

    /**
     * MERGE with the clauses Calcite does not read ({@code WHEN MATCHED AND c}, several WHEN
     * MATCHED, {@code NOT MATCHED BY SOURCE|TARGET}, {@code THEN DELETE}): one pass per clause that
     * writes, each a MERGE with that one clause (and one INSERT clause) and the others blanked.
     * Null when the statement has no WHEN clause (the parser then reports it).
     */
    private static Prepared merge(char[] text, List<Token> tokens) {
        List<Integer> clauses = new ArrayList<>();
        int cases = 0;
        for (int i = 1; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.depth() != 0) {
                continue;
            }
            if (t.isWord("CASE")) {
                cases++;
            } else if (t.isWord("END") && cases > 0) {
                cases--;
            } else if (t.isWord("WHEN") && cases == 0 && i + 1 < tokens.size()
                    && (tokens.get(i + 1).isWord("MATCHED") || tokens.get(i + 1).isWord("NOT"))) {
                clauses.add(i);
            }
        }
        if (clauses.isEmpty()) {
            return null;
        }
        char[] header = text.clone();
        blank(header, tokens.get(clauses.get(0)).start(), header.length);
        List<int[]> updates = new ArrayList<>(); // token ranges [from, to) of clauses that update
        List<int[]> inserts = new ArrayList<>();
        for (int c = 0; c < clauses.size(); c++) {
            int from = clauses.get(c);
            int to = c + 1 < clauses.size() ? clauses.get(c + 1) : tokens.size();
            int then = from;
            while (then < to && !(tokens.get(then).isWord("THEN") && tokens.get(then).depth() == 0)) {
                then++;
            }
            if (then + 1 >= to) {
                continue;
            }
            Token action = tokens.get(then + 1);
            if (action.isWord("UPDATE")) {
                updates.add(new int[] {from, then, to});
            } else if (action.isWord("INSERT")) {
                inserts.add(new int[] {from, then, to});
            }
        }
        List<String> passes = new ArrayList<>();
        int count = Math.max(updates.size(), inserts.size());
        for (int k = 0; k < count; k++) {
            char[] pass = header.clone();
            String star = null; // Databricks: UPDATE SET * / INSERT *, every column of the source
            int insertStar = -1;
            if (k < updates.size()) {
                clause(pass, text, tokens, updates.get(k), "WHEN MATCHED");
                int set = updates.get(k)[1] + 2;
                if (set + 1 < tokens.size() && tokens.get(set).isWord("SET") && tokens.get(set + 1).isSymbol('*')) {
                    star = "update";
                }
            }
            if (k < inserts.size()) {
                clause(pass, text, tokens, inserts.get(k), "WHEN NOT MATCHED");
                int after = inserts.get(k)[1] + 2;
                if (after < tokens.size() && tokens.get(after).isSymbol('*')) {
                    insertStar = tokens.get(after).start();
                }
            }
            String written = new String(pass);
            // The stars become a marker column the analyser expands; the text after them shifts.
            if (insertStar >= 0) {
                written = written.substring(0, insertStar) + "(" + StatementAnalyzer.ALL_COLUMNS + ") VALUES ("
                        + StatementAnalyzer.ALL_COLUMNS + ")" + written.substring(insertStar + 1);
            }
            if (star != null) {
                int at = tokens.get(updates.get(k)[1] + 3).start();
                written = written.substring(0, at) + StatementAnalyzer.ALL_COLUMNS + " = "
                        + StatementAnalyzer.ALL_COLUMNS + written.substring(at + 1);
            }
            passes.add(written);
        }
        return new Prepared(Form.MERGE, null, List.of(), List.of(), null, passes, List.of(), false);
    }

    /** Copies a clause's action into {@code pass} behind a plain {@code WHEN [NOT] MATCHED THEN}. */
    private static void clause(char[] pass, char[] text, List<Token> tokens, int[] clause, String when) {
        int whenStart = tokens.get(clause[0]).start();
        int thenStart = tokens.get(clause[1]).start();
        int end = clause[2] < tokens.size() ? tokens.get(clause[2]).start() : text.length;
        System.arraycopy(text, thenStart, pass, thenStart, end - thenStart);
        // "WHEN [NOT] MATCHED [BY SOURCE|TARGET] [AND condition]" has room for the plain form.
        writeWords(pass, whenStart, thenStart, when.split(" "));
    }

    /** Writes {@code words} into blank positions of [from, to), one space apart, never over a line break. */
    private static boolean writeWords(char[] text, int from, int to, String... words) {
        int at = from;
        for (String word : words) {
            while (at + word.length() < to && !fits(text, at, word.length())) {
                at++;
            }
            if (at + word.length() >= to) {
                return false;
            }
            word.getChars(0, word.length(), text, at);
            at += word.length() + 1;
        }
        return true;
    }

    private static boolean fits(char[] text, int at, int length) {
        for (int k = at; k < at + length; k++) {
            if (text[k] == '\n' || text[k] == '\r') {
                return false;
            }
        }
        return true;
    }

    /**
     * MySQL's {@code UPDATE a JOIN b ON ... SET ...} and Teradata's {@code UPDATE t FROM a AS t, b
     * SET ...}: the table list is read as a FROM list and the target as its alias, as for
     * {@code UPDATE ... FROM}. Null when the statement is not of that form.
     */
    private static Prepared updateJoin(char[] text, List<Token> tokens) {
        int set = -1;
        for (int i = 1; i < tokens.size(); i++) {
            if (tokens.get(i).depth() == 0 && tokens.get(i).isWord("SET")) {
                set = i;
                break;
            }
        }
        if (set < 2) {
            return null;
        }
        int from;
        String alias;
        if (tokens.get(1).isName() && tokens.get(2).isWord("FROM")) {
            from = 3; // Teradata
            alias = tokens.get(1).text();
        } else {
            boolean joined = false;
            for (int i = 1; i < set; i++) {
                Token t = tokens.get(i);
                joined |= t.depth() == 0 && (t.isWord("JOIN") || t.isSymbol(','));
            }
            if (!joined) {
                return null;
            }
            from = 1;
            int i = 1;
            while (i + 1 < set && tokens.get(i + 1).isSymbol('.')) {
                i += 2;
            }
            Token next = tokens.get(i + 1);
            alias = next.isWord("AS") ? tokens.get(i + 2).text()
                    : next.isName() && !isJoinWord(next) ? next.text() : tokens.get(i).text();
        }
        int regionStart = tokens.get(from).start();
        int regionEnd = tokens.get(set).start();
        String select = "SELECT * FROM " + new String(text, regionStart, regionEnd - regionStart);
        blank(text, tokens.get(1).start(), regionEnd);
        alias.getChars(0, alias.length(), text, tokens.get(1).start());
        return new Prepared(Form.UPDATE_FROM, new String(text), List.of(), List.of(), select);
    }

    private static boolean isJoinWord(Token t) {
        return t.isWord("JOIN") || t.isWord("INNER") || t.isWord("LEFT") || t.isWord("RIGHT") || t.isWord("CROSS")
                || t.isWord("FULL") || t.isWord("STRAIGHT_JOIN");
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
                return new Prepared(Form.CTAS, new String(text), name, List.of(), null)
                        .temporary(name.get(name.size() - 1).text().startsWith("#"));
            }
        }
        return null;
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
