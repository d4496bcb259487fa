package io.custodian.lineage.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.lineage.sql.dialect.SqlDialect;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SqlLineageExtractorTest {
    private final SqlLineageExtractor extractor = new SqlLineageExtractor();
    private final SchemaProvider schema = InMemorySchemaProvider.ofDotted(Map.of(
            "shop.orders", List.of("order_id", "customer_id", "amount", "status", "created_at"),
            "shop.customers", List.of("customer_id", "name", "email")));

    private ScriptLineage extract(String sql) {
        return extractor.extract(sql, SqlDialect.POSTGRES, SqlDefaults.NONE, schema);
    }

    @Test
    void directEdgesCarryTheirSubtype() {
        StatementLineage s = extract("""
                SELECT o.amount AS a, o.amount * 2 AS b, sum(o.amount) AS c
                FROM orders o GROUP BY o.amount""").statements().get(0);

        assertThat(s.columns()).extracting(c -> c.sources().get(0).subtype())
                .containsExactly(EdgeSubtype.IDENTITY, EdgeSubtype.TRANSFORMATION, EdgeSubtype.AGGREGATION);
    }

    @Test
    void indirectEdgesAreReportedPerStatementByClause() {
        StatementLineage s = extract("""
                SELECT c.name, CASE WHEN o.status = 'x' THEN 1 END AS flag,
                       row_number() OVER (PARTITION BY o.customer_id ORDER BY o.created_at) AS rn
                FROM orders o JOIN customers c ON c.customer_id = o.customer_id
                WHERE o.amount > 10 GROUP BY c.name, o.status, o.customer_id, o.created_at
                ORDER BY c.name""").statements().get(0);

        assertThat(s.indirect()).contains(
                new LineageEdge(new SourceColumn(TableName.of("shop", "customers"), "customer_id"), EdgeSubtype.JOIN),
                new LineageEdge(new SourceColumn(TableName.of("shop", "orders"), "amount"), EdgeSubtype.FILTER),
                new LineageEdge(new SourceColumn(TableName.of("shop", "orders"), "status"), EdgeSubtype.CONDITIONAL),
                new LineageEdge(new SourceColumn(TableName.of("shop", "orders"), "customer_id"), EdgeSubtype.WINDOW),
                new LineageEdge(new SourceColumn(TableName.of("shop", "orders"), "status"), EdgeSubtype.GROUP_BY),
                new LineageEdge(new SourceColumn(TableName.of("shop", "customers"), "name"), EdgeSubtype.SORT));
        assertThat(s.indirect()).allMatch(e -> e.type() == EdgeType.INDIRECT);
    }

    @Test
    void ambiguousColumnIsReportedNotGuessed() {
        StatementLineage s = extract("SELECT customer_id FROM orders o JOIN customers c ON true").statements().get(0);

        assertThat(s.columns().get(0).sources()).isEmpty();
        assertThat(s.warnings()).anyMatch(w -> w.contains("ambiguous"));
    }

    @Test
    void starOverUnknownSchemaIsUnresolvedWithAWarning() {
        StatementLineage s = extract("SELECT * FROM raw.events").statements().get(0);

        assertThat(s.columns()).isEmpty();
        assertThat(s.warnings()).anyMatch(w -> w.contains("not expanded"));
    }

    @Test
    void badStatementGetsItsPositionAndTheRestOfTheScriptIsAnalysed() {
        ScriptLineage script = extract("SELECT name FROM customers;\nSELECT amount\n  FROM orders WHERE WHERE;\nSELECT email FROM customers");

        assertThat(script.statements()).hasSize(3);
        LineageError error = script.statements().get(1).error().orElseThrow();
        assertThat(error.line()).isEqualTo(3);
        assertThat(error.column()).isEqualTo(15); // the first token of "WHERE WHERE"
        assertThat(script.statements().get(2).columns()).hasSize(1);
    }

    @Test
    void errorColumnOnTheStatementsFirstLineCountsFromTheLineStart() {
        ScriptLineage script = extract("SELECT 1;  SELECT FROM");

        LineageError error = script.statements().get(1).error().orElseThrow();
        assertThat(error.line()).isEqualTo(1);
        assertThat(error.column()).isEqualTo(19);
    }

    @Test
    void emptyAndCommentOnlyInputYieldNoStatements() {
        assertThat(extract("").statements()).isEmpty();
        assertThat(extract("  ;; -- nothing\n/* here */ ;").statements()).isEmpty();
    }

    @Test
    void unterminatedStringAndCommentAreErrorsWithTheirStart() {
        LineageError string = extract("SELECT 1;\nSELECT 'abc FROM t").statements().get(1).error().orElseThrow();
        assertThat(string.message()).contains("unterminated string");
        assertThat(string.line()).isEqualTo(2);
        assertThat(string.column()).isEqualTo(8);

        LineageError comment = extract("SELECT a /* open").statements().get(0).error().orElseThrow();
        assertThat(comment.message()).contains("unterminated comment");
    }

    @Test
    void deeplyNestedParenthesesAreRefusedNotOverflowed() {
        String sql = "SELECT " + "(".repeat(5000) + "amount" + ")".repeat(5000) + " FROM orders";

        StatementLineage s = extract(sql).statements().get(0);

        assertThat(s.kind()).isEqualTo(StatementKind.FAILED);
        assertThat(s.error().orElseThrow().message()).contains("nested");
    }

    @Test
    void longOperatorChainsDoNotOverflowTheStack() {
        String sql = "SELECT " + "amount + ".repeat(20_000) + "1 AS x FROM orders";

        StatementLineage s = extract(sql).statements().get(0);

        // Analysed, refused as too deep or skipped as over budget; never an exception.
        assertThat(s.kind()).isIn(StatementKind.QUERY, StatementKind.FAILED, StatementKind.SKIPPED);
    }

    @Test
    void aMegabyteScriptIsAnalysed() {
        StringBuilder sql = new StringBuilder();
        while (sql.length() < 1_000_000) {
            sql.append("INSERT INTO report (who, total) SELECT c.name, sum(o.amount) FROM orders o ")
                    .append("JOIN customers c ON c.customer_id = o.customer_id GROUP BY c.name;\n");
        }

        // About five seconds on one core; the time limit is not what this test is about.
        ScriptLineage script = extractor.extract(sql.toString(), SqlDialect.POSTGRES, SqlDefaults.NONE, schema,
                AnalysisBudget.DEFAULT.withTimeLimit(java.time.Duration.ofMinutes(2)));

        assertThat(script.hasErrors()).isFalse();
        assertThat(script.statements()).hasSizeGreaterThan(7000);
        assertThat(script.statements().get(7000).columns()).hasSize(2);
    }

    @Test
    void garbageBytesNeverThrow() {
        Random random = new Random(42);
        for (int i = 0; i < 300; i++) {
            char[] chars = new char[random.nextInt(200)];
            for (int j = 0; j < chars.length; j++) {
                chars[j] = (char) random.nextInt(0x3000);
            }
            for (SqlDialect dialect : SqlDialect.values()) {
                ScriptLineage script = extractor.extract(new String(chars), dialect, SqlDefaults.NONE, schema);
                assertThat(script.statements()).allMatch(s -> s.error().isPresent() || s.kind() != StatementKind.FAILED);
            }
        }
    }

    @Test
    void mutatedValidSqlNeverThrows() {
        String base = "WITH x AS (SELECT o.amount, c.name FROM orders o JOIN customers c USING (customer_id)) "
                + "SELECT name, sum(amount) OVER (PARTITION BY name) FROM x WHERE amount > (SELECT 1)";
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            StringBuilder sql = new StringBuilder(base);
            int cut = random.nextInt(sql.length());
            sql.delete(cut, Math.min(sql.length(), cut + 1 + random.nextInt(15)));
            extract(sql.toString()); // must return, whatever it finds
        }
    }

    @Test
    void createdTablesAreVisibleToLaterStatements() {
        ScriptLineage script = extract("""
                CREATE TABLE stage (id int, label text);
                CREATE VIEW v AS SELECT * FROM stage;
                SELECT label FROM v""");

        assertThat(script.statements().get(2).columns().get(0).sources())
                .extracting(e -> e.source().toString()).containsExactly("v.label");
    }

    @Test
    void dialectFoldsUnquotedIdentifiers() {
        ScriptLineage snowflake = extractor.extract("SELECT id, \"Mixed\" FROM raw.t", SqlDialect.SNOWFLAKE,
                SqlDefaults.NONE, SchemaProvider.EMPTY);
        assertThat(snowflake.statements().get(0).columns()).extracting(c -> c.sources().get(0).source().toString())
                .containsExactly("RAW.T.ID", "RAW.T.Mixed");
    }

    @Test
    void dialectNamesResolve() {
        assertThat(SqlDialect.named("PostgreSQL")).contains(SqlDialect.POSTGRES);
        assertThat(SqlDialect.named("presto")).contains(SqlDialect.TRINO);
        assertThat(SqlDialect.named("hive")).contains(SqlDialect.SPARK);
        assertThat(SqlDialect.named("mssql")).contains(SqlDialect.TSQL);
        assertThat(SqlDialect.named("cobol")).isEmpty();
    }
}
