package io.custodian.lineage.sql;

import static java.util.Objects.requireNonNull;

import io.custodian.lineage.sql.SqlScanner.Kind;
import io.custodian.lineage.sql.SqlScanner.Token;
import io.custodian.lineage.sql.dialect.SqlDialect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * SQL with its literal values taken out, for readers who may see what a job does but not the
 * values its text names ({@code WHERE email = 'ada@example.org'}). Each statement is parsed as
 * column lineage parses it (same preparation, Calcite's Babel parser in the dialect); every
 * literal the parse finds becomes {@code ?}, as does any string the lexer sees that the parse did
 * not place (fail closed); comments are dropped (they hold anything). {@code NULL}, {@code TRUE}
 * and {@code FALSE} stay: they are not values anyone entered. A script in which any statement does
 * not parse, or that is over column lineage's budget (nesting, operator chains, 1 MiB, 5 s), is withheld whole: nothing of it is returned.
 */
public final class SqlLiteralRedaction {
    /** What a literal becomes. */
    public static final String PLACEHOLDER = "?";
    private static final int MAX_CHARS = 1 << 20;
    private static final Duration TIME_LIMIT = Duration.ofSeconds(5);

    private SqlLiteralRedaction() {}

    /** {@code sql} with its literals replaced by {@link #PLACEHOLDER} and comments dropped; empty when withheld. */
    public static Optional<String> redact(String sql, SqlDialect dialect) {
        requireNonNull(sql, "sql is null");
        requireNonNull(dialect, "dialect is null");
        if (sql.length() > MAX_CHARS) {
            return Optional.empty();
        }
        Deadline deadline = Deadline.after(TIME_LIMIT);
        List<int[]> spans = new ArrayList<>();
        try {
            for (StatementSplitter.Segment segment : StatementSplitter.split(sql, dialect)) {
                if (segment.unterminated() != null) {
                    return Optional.empty();
                }
                String text = sql.substring(segment.start(), segment.end());
                if (segment.control()) {
                    return Optional.empty(); // procedural control is not parsed: withheld, as any text not parsed
                }
                // The same bounds as column lineage: Calcite's parse of long operator chains is quadratic.
                StatementShape shape = StatementShape.of(text, dialect);
                if (shape.depth() > SqlLineageExtractor.MAX_NESTING || shape.operatorChain() > AnalysisBudget.DEFAULT.maxOperatorChain()) {
                    return Optional.empty();
                }
                StatementPreprocessor.Prepared prepared = StatementPreprocessor.prepare(text, dialect);
                if (prepared.form() == StatementPreprocessor.Form.CREATE_TABLE) {
                    continue; // a column list, not parsed: its strings become ? below all the same
                }
                List<String> texts = new ArrayList<>();
                texts.add(prepared.text());
                if (prepared.fromText() != null) {
                    texts.add(prepared.fromText());
                }
                for (String parsed : texts) {
                    // Prepared texts keep the statement's length and line breaks: positions map back.
                    SqlNode node = SqlParser.create(deadline.reader(parsed), dialect.parserConfig()).parseStmt();
                    int[] lineStarts = lineStarts(text);
                    node.accept(new SqlBasicVisitor<Void>() {
                        @Override
                        public Void visit(SqlLiteral literal) {
                            SqlTypeName type = literal.getTypeName();
                            if (type == SqlTypeName.SYMBOL || type == SqlTypeName.NULL || type == SqlTypeName.BOOLEAN) {
                                return null;
                            }
                            SqlParserPos pos = literal.getParserPosition();
                            if (pos == null || pos.getLineNum() <= 0) {
                                return null;
                            }
                            int from = offset(lineStarts, pos.getLineNum(), pos.getColumnNum());
                            int to = offset(lineStarts, pos.getEndLineNum(), pos.getEndColumnNum()) + 1;
                            if (from >= 0 && to > from) {
                                spans.add(new int[] {segment.start() + from, segment.start() + to});
                            }
                            return null;
                        }
                    });
                }
            }
        } catch (Exception | StackOverflowError | AssertionError e) {
            return Optional.empty(); // not parsed (or over time): withheld, never shown raw
        }
        return Optional.of(rebuild(sql, dialect, spans));
    }

    /** The script from its tokens: literal spans and stray strings as ?, comments gone, gaps as one space or line break. */
    private static String rebuild(String sql, SqlDialect dialect, List<int[]> spans) {
        spans.sort(java.util.Comparator.comparingInt((int[] s) -> s[0]));
        StringBuilder out = new StringBuilder(sql.length());
        int previousEnd = -1;
        int[] open = null;
        int next = 0; // spans before it end before the current token
        for (Token token : SqlScanner.scan(sql, dialect)) {
            while (next < spans.size() && spans.get(next)[1] <= token.start()) {
                next++;
            }
            int[] span = next < spans.size() && spans.get(next)[0] <= token.start() ? spans.get(next) : null;
            if (span != null && span == open) {
                previousEnd = token.end();
                continue; // the rest of a literal already written as ?
            }
            if (previousEnd >= 0 && token.start() > previousEnd) {
                out.append(sql.substring(previousEnd, token.start()).indexOf('\n') >= 0 ? "\n" : " ");
            }
            if (span != null || token.kind() == Kind.STRING) {
                out.append(PLACEHOLDER);
            } else {
                out.append(token.text());
            }
            open = span;
            previousEnd = token.end();
        }
        return out.toString();
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The offset of a 1-based line and column, or -1 when outside the text. */
    private static int offset(int[] lineStarts, int line, int column) {
        if (line < 1 || line > lineStarts.length || column < 1) {
            return -1;
        }
        return lineStarts[line - 1] + column - 1;
    }
}
