package io.custodian.lineage.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.lineage.sql.dialect.SqlDialect;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SQL analysis stays within its budget whatever the SQL: long chains, long statements, long scripts. */
class AnalysisBudgetTest {
    private final SqlLineageExtractor extractor = new SqlLineageExtractor();
    private final SchemaProvider schema = InMemorySchemaProvider.ofDotted(Map.of(
            "shop.orders", List.of("order_id", "amount"), "shop.totals", List.of("total")));

    private static String chain(int terms) {
        StringBuilder sql = new StringBuilder(terms * 2 + 40).append("SELECT amount");
        for (int i = 1; i < terms; i++) {
            sql.append("+amount");
        }
        return sql.append(" AS total FROM orders").toString();
    }

    private ScriptLineage extract(String sql, AnalysisBudget budget) {
        return extractor.extract(sql, SqlDialect.POSTGRES, SqlDefaults.NONE, schema, budget);
    }

    @Test
    void aLongOperatorChainIsSkippedBeforeParsingAndTheRestOfTheScriptIsAnalysed() {
        // Unbounded, this chain took the parser about 16 s (its time grows with the square of the chain).
        String sql = chain(80_000) + ";\nINSERT INTO totals (total) SELECT amount FROM orders";

        long start = System.nanoTime();
        ScriptLineage lineage = extract(sql, AnalysisBudget.DEFAULT);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(Duration.ofSeconds(2));
        StatementLineage skipped = lineage.statements().get(0);
        assertThat(skipped.kind()).isEqualTo(StatementKind.SKIPPED);
        assertThat(skipped.error().orElseThrow().message())
                .isEqualTo("an expression chains 79999 operators, more than the 5000 analysed");
        StatementLineage insert = lineage.statements().get(1);
        assertThat(insert.kind()).isEqualTo(StatementKind.INSERT);
        assertThat(insert.columns()).singleElement().satisfies(c -> assertThat(c.sources())
                .extracting(e -> e.source().column()).containsExactly("amount"));
    }

    @Test
    void chainsWithinTheBudgetAreAnalysed() {
        StatementLineage s = extract(chain(300), AnalysisBudget.DEFAULT).statements().get(0);

        assertThat(s.kind()).isEqualTo(StatementKind.QUERY);
        assertThat(s.columns()).singleElement().satisfies(c -> assertThat(c.sources()).hasSize(1));
    }

    @Test
    void sqlLongerThanTheBudgetIsSkippedWhole() {
        AnalysisBudget budget = new AnalysisBudget(100, 5_000, Duration.ofSeconds(3));
        String longOne = "SELECT " + "amount, ".repeat(20) + "amount FROM orders";

        ScriptLineage lineage = extract(longOne + "; SELECT amount FROM orders", budget);

        assertThat(lineage.statements()).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(StatementKind.SKIPPED);
            assertThat(s.error().orElseThrow().message()).isEqualTo("SQL longer than 100 characters");
        });
        assertThat(extract("SELECT amount FROM orders", budget).statements().get(0).kind())
                .isEqualTo(StatementKind.QUERY);
    }

    @Test
    void whenTheScriptsTimeRunsOutTheStatementsLeftAreSkipped() {
        StringBuilder wide = new StringBuilder("SELECT amount AS c0");
        for (int i = 1; i < 100; i++) {
            wide.append(", amount * ").append(i).append(" + order_id AS c").append(i);
        }
        String statement = wide.append(" FROM orders").toString();
        extract(statement, AnalysisBudget.DEFAULT); // the parser's classes load and warm up outside the limit
        long one = System.nanoTime();
        extract(statement, AnalysisBudget.DEFAULT);
        Duration perStatement = Duration.ofNanos(System.nanoTime() - one);
        // Nearly a megabyte: 300 such statements, seconds of analysis unbounded.
        String script = String.join(";\n", java.util.Collections.nCopies(300, statement));
        // Long enough for a few statements however loaded the machine is, far shorter than all 300.
        // (A fixed floor of 600 ms was more than half the whole script on a quiet machine.)
        Duration limit = Duration.ofMillis(Math.max(100, perStatement.multipliedBy(30).toMillis()));
        assertThat(perStatement.multipliedBy(300)).as("unbounded, the script takes longer than the limit")
                .isGreaterThan(limit.multipliedBy(2));

        long start = System.nanoTime();
        ScriptLineage lineage = extract(script, AnalysisBudget.DEFAULT.withTimeLimit(limit));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(limit.plus(perStatement.multipliedBy(5)).plusMillis(800));
        assertThat(lineage.statements()).hasSize(300);
        assertThat(lineage.statements().get(0).kind()).isEqualTo(StatementKind.QUERY);
        StatementLineage last = lineage.statements().get(299);
        assertThat(last.kind()).isEqualTo(StatementKind.SKIPPED);
        assertThat(last.error().orElseThrow().message())
                .isEqualTo("the analysis time limit (" + limit.toMillis() + " ms) ran out");
        assertThat(last.error().orElseThrow().line()).isEqualTo(300);
    }

    @Test
    void operatorChainsAreCountedPerExpressionAndDepth() {
        assertThat(StatementShape.of("SELECT a + b, c + d + e FROM t", SqlDialect.POSTGRES).operatorChain())
                .isEqualTo(2);
        // Symbols written together are one operator; a parenthesised group is its own chain.
        assertThat(StatementShape.of("SELECT a <= b || c AND (d - e - f - g) FROM t", SqlDialect.POSTGRES)
                .operatorChain()).isEqualTo(3);
        assertThat(StatementShape.of("SELECT f(a + b) FROM t WHERE x = 1 OR y = 2 OR z = 3", SqlDialect.POSTGRES)
                .operatorChain()).isEqualTo(5);
        // Operators inside strings and comments are not operators.
        assertThat(StatementShape.of("SELECT '+++' -- a+b+c\n FROM t", SqlDialect.POSTGRES).operatorChain())
                .isZero();
        assertThat(StatementShape.of("SELECT ((a)) FROM t", SqlDialect.POSTGRES).depth()).isEqualTo(2);
    }
}
