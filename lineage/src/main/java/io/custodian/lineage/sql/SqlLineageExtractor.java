package io.custodian.lineage.sql;

import static java.util.Objects.requireNonNull;

import io.custodian.lineage.sql.StatementPreprocessor.Prepared;
import io.custodian.lineage.sql.dialect.SqlDialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlMerge;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Column-level lineage from SQL: splits a script into statements, parses each with Calcite's Babel
 * parser for the given dialect, and walks the parse tree to find, for every output column, the
 * source columns its value comes from (DIRECT edges) and the columns that only shape it (INDIRECT).
 *
 * <p>Statements are analysed in order; tables and views a statement creates are visible to the
 * statements after it. Bad SQL never throws: a statement that cannot be parsed or analysed gets an
 * error with its line and column, and the rest of the script is still analysed. Thread-safe and
 * stateless.
 */
public final class SqlLineageExtractor {
    /** Parentheses nested deeper than this are refused before parsing (the parser recurses). */
    public static final int MAX_NESTING = 200;
    private static final Pattern CALCITE_POSITION = Pattern.compile(" at line (\\d+), column (\\d+)\\.?");

    /** The lineage of every statement of {@code sql}, within the {@link AnalysisBudget#DEFAULT default budget}. */
    public ScriptLineage extract(String sql, SqlDialect dialect, SqlDefaults defaults, SchemaProvider schemas) {
        return extract(sql, dialect, defaults, schemas, AnalysisBudget.DEFAULT);
    }

    /**
     * The lineage of every statement of {@code sql}; statements over {@code budget}, and those left
     * when its time runs out, are {@link StatementKind#SKIPPED}.
     */
    public ScriptLineage extract(String sql, SqlDialect dialect, SqlDefaults defaults, SchemaProvider schemas,
            AnalysisBudget budget) {
        requireNonNull(sql, "sql is null");
        requireNonNull(dialect, "dialect is null");
        requireNonNull(defaults, "defaults is null");
        requireNonNull(schemas, "schemas is null");
        requireNonNull(budget, "budget is null");
        Deadline deadline = Deadline.after(budget.timeLimit());
        if (sql.length() > budget.maxChars()) {
            // Splitting is linear, but not free: a script over budget is not even split.
            return new ScriptLineage(List.of(StatementLineage.skipped(0, 1, new LineageError(
                    "SQL longer than " + budget.maxChars() + " characters", 1, 1))));
        }
        Lines lines = new Lines(sql);
        ScriptSchema script = new ScriptSchema(schemas);
        List<StatementLineage> statements = new ArrayList<>();
        List<Integer> temporary = new ArrayList<>();
        for (StatementSplitter.Segment segment : StatementSplitter.split(sql, dialect)) {
            if (segment.control()) {
                continue; // procedural control (DECLARE, IF ... THEN, BEGIN TRY): no lineage of its own
            }
            int index = statements.size();
            int line = lines.line(segment.start());
            int column = lines.column(segment.start());
            if (segment.unterminated() != null) {
                statements.add(StatementLineage.failed(index, line, new LineageError(
                        "unterminated " + segment.unterminated().text(), lines.line(segment.unterminated().start()),
                        lines.column(segment.unterminated().start()))));
                continue;
            }
            String text = sql.substring(segment.start(), segment.end());
            statements.add(statement(index, line, column, text, dialect, defaults, script, budget, deadline,
                    temporary));
        }
        // A temporary table read by a later statement is not a dataset: its sources went to that
        // statement, and its own lineage is dropped.
        for (int index : temporary) {
            StatementLineage s = statements.get(index);
            if (s.target().isPresent() && script.wasRead(s.target().get())) {
                List<String> warnings = new ArrayList<>(s.warnings());
                warnings.add("temporary table " + s.target().get()
                        + ": its lineage passes to the statements that read it");
                statements.set(index, new StatementLineage(s.index(), s.line(), s.kind(), s.target(), List.of(),
                        s.indirect(), warnings, s.error()));
            }
        }
        return new ScriptLineage(statements);
    }

    private StatementLineage statement(int index, int line, int column, String text, SqlDialect dialect,
            SqlDefaults defaults, ScriptSchema script, AnalysisBudget budget, Deadline deadline,
            List<Integer> temporary) {
        if (deadline.passed()) {
            return StatementLineage.skipped(index, line, new LineageError(deadline.reason(), line, column));
        }
        StatementShape shape = StatementShape.of(text, dialect);
        if (shape.depth() > MAX_NESTING) {
            return StatementLineage.failed(index, line, new LineageError(
                    "statement nested more than " + MAX_NESTING + " parentheses deep", line, column));
        }
        if (shape.operatorChain() > budget.maxOperatorChain()) {
            return StatementLineage.skipped(index, line, new LineageError("an expression chains "
                    + shape.operatorChain() + " operators, more than the " + budget.maxOperatorChain()
                    + " analysed", line, column));
        }
        AnalysisContext context = new AnalysisContext(dialect, defaults, script, deadline);
        try {
            StatementAnalyzer.Result result = analyse(text, dialect, context, script);
            if (result.temporary()) {
                temporary.add(index);
            }
            return new StatementLineage(index, line, result.kind(), Optional.ofNullable(result.target()),
                    result.columns(), List.copyOf(context.indirect), List.copyOf(context.warnings), Optional.empty());
        } catch (Deadline.Exceeded e) {
            return StatementLineage.skipped(index, line, new LineageError(e.reason(), line, column));
        } catch (SqlParseException e) {
            Deadline.Exceeded exceeded = Deadline.Exceeded.in(e);
            if (exceeded != null) {
                return StatementLineage.skipped(index, line, new LineageError(exceeded.reason(), line, column));
            }
            SqlParserPos pos = e.getPos() == null ? SqlParserPos.ZERO : e.getPos();
            return StatementLineage.failed(index, line, error(parseMessage(e), pos, line, column));
        } catch (AnalysisException e) {
            return StatementLineage.failed(index, line, error(e.getMessage(), e.pos(), line, column));
        } catch (StackOverflowError e) {
            return StatementLineage.failed(index, line, new LineageError(
                    "statement nested too deeply to analyse", line, column));
        } catch (RuntimeException | AssertionError e) {
            Deadline.Exceeded exceeded = Deadline.Exceeded.in(e);
            if (exceeded != null) {
                return StatementLineage.skipped(index, line, new LineageError(exceeded.reason(), line, column));
            }
            // The parser and the tree walk are not written to fail on valid input, but bad input
            // must not escape as an exception (Calcite also checks some input with assertions,
            // which tests run enabled): report it on the statement.
            return StatementLineage.failed(index, line, new LineageError(
                    "cannot analyse statement: " + describe(e), line, column));
        }
    }

    private StatementAnalyzer.Result analyse(String text, SqlDialect dialect, AnalysisContext context,
            ScriptSchema script) throws SqlParseException {
        Prepared prepared = StatementPreprocessor.prepare(text, dialect);
        StatementAnalyzer analyzer = new StatementAnalyzer(context, script);
        for (StatementPreprocessor.Cte cte : prepared.ctes()) {
            analyzer.cte(cte.name(), cte.columns(), query(cte.text(), dialect, context));
        }
        switch (prepared.form()) {
            case CREATE_TABLE:
                return prepared.temporary()
                        ? analyzer.temporary(StatementKind.OTHER, prepared.target(), prepared.columns(), null)
                        : analyzer.createTable(prepared.target(), prepared.columns());
            case VIEW:
            case CTAS: {
                SqlNode query = query(prepared.text(), dialect, context);
                StatementKind kind = prepared.form() == StatementPreprocessor.Form.VIEW
                        ? StatementKind.CREATE_VIEW : StatementKind.CREATE_TABLE_AS;
                if (prepared.temporary()) {
                    return analyzer.temporary(kind, prepared.target(), prepared.columns(), query);
                }
                return analyzer.create(kind, prepared.target(), prepared.columns(), query);
            }
            case UPDATE_FROM: {
                SqlNode update = parse(prepared.text(), dialect, context.deadline);
                SqlNode from = parse(prepared.fromText(), dialect, context.deadline);
                context.reading(prepared.text());
                if (!(update instanceof SqlUpdate u) || !(from instanceof SqlSelect s)) {
                    throw new AnalysisException("cannot read UPDATE ... FROM", update.getParserPosition());
                }
                return analyzer.update(u, s);
            }
            case MERGE: {
                List<SqlMerge> passes = new ArrayList<>();
                for (String pass : prepared.passes()) {
                    if (!(parse(pass, dialect, context.deadline) instanceof SqlMerge merge)) {
                        throw new AnalysisException("cannot read MERGE", SqlParserPos.ZERO);
                    }
                    passes.add(merge);
                }
                return analyzer.merge(passes);
            }
            default:
                break;
        }
        SqlNode node = parse(prepared.text(), dialect, context.deadline);
        context.reading(prepared.text());
        if (QueryAnalyzer.isQuery(node)) {
            return analyzer.query(node);
        }
        if (node instanceof SqlInsert insert) {
            return analyzer.insert(insert);
        }
        if (node instanceof SqlUpdate update) {
            return analyzer.update(update, null);
        }
        if (node instanceof SqlMerge merge) {
            return analyzer.merge(List.of(merge));
        }
        return new StatementAnalyzer.Result(StatementKind.OTHER, null, List.of());
    }

    private static SqlNode query(String text, SqlDialect dialect, AnalysisContext context) throws SqlParseException {
        SqlNode query = parse(text, dialect, context.deadline);
        context.reading(text);
        if (!QueryAnalyzer.isQuery(query)) {
            throw new AnalysisException("expected a query", query.getParserPosition());
        }
        return query;
    }

    private static SqlNode parse(String text, SqlDialect dialect, Deadline deadline) throws SqlParseException {
        return SqlParser.create(deadline.reader(text), dialect.parserConfig()).parseStmt();
    }

    /** Calcite's first message line, without its position (we report the script's) or expectations. */
    private static String parseMessage(SqlParseException e) {
        String message = e.getMessage() == null ? "syntax error" : e.getMessage();
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        Matcher m = CALCITE_POSITION.matcher(message);
        message = m.replaceAll("").trim();
        if (message.length() > 300) {
            message = message.substring(0, 300) + "...";
        }
        return message.isEmpty() ? "syntax error" : message;
    }

    /** An error at {@code pos} of a statement that starts at (line, column) of the script. */
    private static LineageError error(String message, SqlParserPos pos, int line, int column) {
        if (pos == null || pos.getLineNum() <= 0) {
            return new LineageError(message, line, column);
        }
        int absoluteLine = line + pos.getLineNum() - 1;
        int absoluteColumn = pos.getLineNum() == 1 ? column + pos.getColumnNum() - 1 : pos.getColumnNum();
        return new LineageError(message, absoluteLine, absoluteColumn);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }

    /** Line and column of offsets in the script. */
    private static final class Lines {
        private final int[] starts;

        Lines(String sql) {
            List<Integer> list = new ArrayList<>();
            list.add(0);
            for (int i = 0; i < sql.length(); i++) {
                if (sql.charAt(i) == '\n') {
                    list.add(i + 1);
                }
            }
            starts = list.stream().mapToInt(Integer::intValue).toArray();
        }

        int line(int offset) {
            int i = java.util.Arrays.binarySearch(starts, offset);
            return (i >= 0 ? i : -i - 2) + 1;
        }

        int column(int offset) {
            return offset - starts[line(offset) - 1] + 1;
        }
    }
}
