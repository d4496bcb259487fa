package io.custodian.masking.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodian.catalog.sql.CatalogTables.CatalogColumn;
import io.custodian.catalog.sql.CatalogTables.CatalogTable;
import io.custodian.lineage.sql.SqlDefaults;
import io.custodian.masking.MaskingDialect;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The rewrite's text splicing and its refusals, against an in-memory catalog. */
class QueryRewriterTest {
    private static final String NS = "postgres://db:5432";
    private static final SqlDefaults DEFAULTS = SqlDefaults.of("crm", "shop");
    private static final CatalogTable CUSTOMERS = table("crm.shop.customers",
            col("id", "bigint"), col("name", "text", "PERSON_NAME"), col("email", "text", "EMAIL_ADDRESS"));
    private static final CatalogTable ORDERS = table("crm.shop.orders", col("id", "bigint"),
            col("customer_id", "bigint"), col("note", "text"));
    private static final CatalogTable MIXED = table("crm.shop.Mixed \"Case\"",
            col("Email Address", "text", "EMAIL_ADDRESS"), col("id", "bigint"));
    private static final CatalogTable EVENTS_A = table("crm.a.events", col("id", "bigint"));
    private static final CatalogTable EVENTS_B = table("crm.b.events", col("id", "bigint"));
    private static final CatalogTable NO_SCHEMA = table("crm.shop.pending");
    private static final QueryRewriter REWRITER = new QueryRewriter(
            TableCatalog.of(List.of(CUSTOMERS, ORDERS, MIXED, EVENTS_A, EVENTS_B, NO_SCHEMA)));
    /** Masks every classified column with a constant: the tests read where the masks land. */
    private static final TableMasks MASK_CLASSIFIED = table -> {
        var out = new java.util.LinkedHashMap<String, String>();
        table.columns().stream().filter(CatalogColumn::isClassified)
                .forEach(c -> out.put(c.name(), "CAST('***' AS text)"));
        return out;
    };

    private static CatalogColumn col(String name, String type, String... classifications) {
        return new CatalogColumn(name, type, List.of(classifications));
    }

    private static CatalogTable table(String name, CatalogColumn... columns) {
        return new CatalogTable(NS, name, List.of(columns));
    }

    private static RewrittenQuery rewrite(String sql) throws RewriteException {
        return REWRITER.rewrite(sql, MaskingDialect.POSTGRESQL, NS, DEFAULTS, MASK_CLASSIFIED);
    }

    private static final String CUSTOMERS_MASKED = "(SELECT \"id\" AS \"id\", (CAST('***' AS text)) AS \"name\","
            + " (CAST('***' AS text)) AS \"email\" FROM ";

    @Test
    void aTableWithoutAliasIsAliasedByItsOwnName() throws Exception {
        RewrittenQuery q = rewrite("SELECT email FROM customers WHERE email LIKE '%@x.org'");
        assertThat(q.sql()).isEqualTo("SELECT email FROM " + CUSTOMERS_MASKED + "customers) AS customers"
                + " WHERE email LIKE '%@x.org'");
        assertThat(q.maskedColumns()).containsExactly(new MaskedColumn("crm.shop.customers", "name"),
                new MaskedColumn("crm.shop.customers", "email"));
        assertThat(q.tablesRead()).containsExactly("crm.shop.customers");
    }

    @Test
    void aQuerySeenBeforeIsResolvedAndMaskedAgainOnEveryCall() throws Exception {
        String sql = "SELECT c.email FROM customers c";
        java.util.List<CatalogTable> known = new java.util.ArrayList<>(List.of(CUSTOMERS));
        QueryRewriter rewriter = new QueryRewriter((namespace, names) -> TableCatalog.of(known).resolve(namespace, names));

        RewrittenQuery first = rewriter.rewrite(sql, MaskingDialect.POSTGRESQL, NS, DEFAULTS, MASK_CLASSIFIED);
        assertThat(rewriter.rewrite(sql, MaskingDialect.POSTGRESQL, NS, DEFAULTS, MASK_CLASSIFIED)).isEqualTo(first);
        assertThat(rewriter.rewrite(sql, MaskingDialect.POSTGRESQL, NS, DEFAULTS, table -> java.util.Map.of()).sql())
                .as("masks are asked again").doesNotContain("***");

        // The catalog changes between two calls of the same text: the kept parse does not keep the answer.
        known.add(table("crm.other.customers", col("id", "bigint")));
        assertThatThrownBy(() -> rewriter.rewrite(sql, MaskingDialect.POSTGRESQL, NS, SqlDefaults.of("crm", null),
                MASK_CLASSIFIED)).isInstanceOf(RewriteException.class).hasMessageContaining("ambiguous");
    }

    @Test
    void aWrittenAliasIsKeptAsWritten() throws Exception {
        assertThat(rewrite("SELECT c.email FROM shop.customers AS c").sql())
                .isEqualTo("SELECT c.email FROM " + CUSTOMERS_MASKED + "shop.customers) AS c");
        assertThat(rewrite("SELECT c.email FROM shop.customers c(a, b, e)").sql())
                .isEqualTo("SELECT c.email FROM " + CUSTOMERS_MASKED + "shop.customers) c(a, b, e)");
    }

    @Test
    void dialectSyntaxOutsideTheTableReferencesIsKeptVerbatim() throws Exception {
        String sql = "SELECT DISTINCT ON (c.id) c.email::text, o.note->>'k', count(*) FILTER (WHERE c.name ILIKE 'a%')\n"
                + "FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY 1, 2, 3";
        String out = rewrite(sql).sql();
        assertThat(out).startsWith("SELECT DISTINCT ON (c.id) c.email::text, o.note->>'k', count(*) FILTER"
                + " (WHERE c.name ILIKE 'a%')\nFROM " + CUSTOMERS_MASKED + "customers) c JOIN (SELECT \"id\" AS \"id\","
                + " \"customer_id\" AS \"customer_id\", \"note\" AS \"note\" FROM orders) o ON o.customer_id = c.id");
    }

    @Test
    void quotedMultiLineAndCommentedNamesAreFoundWhereTheyAreWritten() throws Exception {
        String sql = "SELECT *\r\n\tFROM\t\"shop\" /* the schema */\n . \"Mixed \"\"Case\"\"\"\nWHERE 1 = 1";
        RewrittenQuery q = rewrite(sql);
        assertThat(q.sql()).isEqualTo("SELECT *\r\n\tFROM\t(SELECT (CAST('***' AS text)) AS \"Email Address\","
                + " \"id\" AS \"id\" FROM \"shop\" /* the schema */\n . \"Mixed \"\"Case\"\"\")"
                + " AS \"Mixed \"\"Case\"\"\"\nWHERE 1 = 1");
        assertThat(q.maskedColumns()).containsExactly(new MaskedColumn("crm.shop.Mixed \"Case\"", "Email Address"));
    }

    @Test
    void unicodeBeforeATableDoesNotShiftTheSplice() throws Exception {
        String sql = "SELECT 'é😀 ü' AS x, email FROM customers";
        assertThat(rewrite(sql).sql()).isEqualTo("SELECT 'é😀 ü' AS x, email FROM " + CUSTOMERS_MASKED
                + "customers) AS customers");
    }

    @Test
    void tablesAreFoundInEveryPlaceAQueryCanReadThem() throws Exception {
        String sql = """
                WITH recent AS (SELECT customer_id FROM orders), named AS (SELECT * FROM recent r JOIN customers c ON c.id = r.customer_id)
                SELECT (SELECT max(email) FROM customers), n.email
                FROM named n, LATERAL (SELECT o.note FROM orders o WHERE o.customer_id = n.id) l
                WHERE n.id IN (SELECT id FROM customers WHERE email IS NOT NULL)
                  AND EXISTS (SELECT 1 FROM orders WHERE orders.customer_id = n.id)
                GROUP BY n.email HAVING count(*) > (SELECT count(*) FROM customers)
                UNION ALL SELECT name, email FROM customers
                ORDER BY 2""";
        RewrittenQuery q = rewrite(sql);
        // every read of customers and orders is wrapped: 5 + 3, and the CTE names are left alone
        assertThat(q.sql().split("FROM customers\\)", -1)).hasSize(1 + 5);
        assertThat(q.sql().split("FROM orders( o)?\\)", -1)).hasSize(1 + 3);
        assertThat(q.sql()).contains("FROM recent r JOIN").contains("FROM named n,");
        assertThat(q.tablesRead()).containsExactly("crm.shop.orders", "crm.shop.customers");
    }

    @Test
    void insertSelectRewritesItsSourcesNotItsTarget() throws Exception {
        String out = rewrite("INSERT INTO orders (id, note) SELECT id, email FROM customers").sql();
        assertThat(out).isEqualTo("INSERT INTO orders (id, note) SELECT id, email FROM " + CUSTOMERS_MASKED
                + "customers) AS customers");
    }

    @Test
    void aCteNamedLikeATableIsRefused() {
        // Standard SQL reads the table in the body and the CTE after it; H2 reads the table in both
        assertRefused("WITH customers AS (SELECT * FROM customers) SELECT * FROM customers",
                "has the name of a table");
        assertRefused("WITH x AS (SELECT 1 AS id), orders AS (SELECT * FROM x) SELECT * FROM orders",
                "has the name of a table");
    }

    @Test
    void aNameDifferingFromACteOnlyInCaseIsRefused() {
        assertRefused("WITH \"Customers\" AS (SELECT 1 AS x) SELECT * FROM customers", "differs only in case");
    }

    @Test
    void unknownAmbiguousAndSchemalessTablesAreRefused() {
        assertRefused("SELECT * FROM nope", "unknown table nope");
        assertThatThrownBy(() -> REWRITER.rewrite("SELECT * FROM customers c JOIN\n  events e ON true",
                MaskingDialect.POSTGRESQL, NS, SqlDefaults.NONE, MASK_CLASSIFIED))
                .isInstanceOfSatisfying(RewriteException.class, e -> {
                    assertThat(e.getMessage()).contains("ambiguous").contains("crm.a.events", "crm.b.events");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(3);
                });
        assertRefused("SELECT * FROM pending", "no known schema");
    }

    @Test
    void commentsHidingTableNamesAreNotTablesAndTheirNeighboursAre() throws Exception {
        String out = rewrite("SELECT * /* FROM customers */ FROM -- customers\n orders").sql();
        assertThat(out).contains("/* FROM customers */").contains("-- customers\n (SELECT");
        assertThat(out).doesNotContain("FROM customers)");
    }

    @Test
    void deniedFunctionsAreRefusedWhereverTheyAre() {
        assertRefused("SELECT query_to_xml('select ssn from customers', true, false, '')", "query_to_xml");
        assertRefused("SELECT * FROM customers WHERE id IN (SELECT pg_catalog.table_to_xml('x', true, true, ''))",
                "table_to_xml");
        assertRefused("SELECT dblink_exec('x')", "dblink_exec");
        assertRefused("SELECT lo_get(1)", "lo_get");
        assertRefused("SELECT pg_read_file('/etc/passwd')", "pg_read_file");
        assertRefused("SELECT * FROM dblink('db', 'select email from customers') AS t", "table function dblink");
        assertRefused("SELECT * FROM my_function() f", "table function my_function");
        assertThatThrownBy(() -> REWRITER.rewrite("SELECT * FROM TABLE(system.query(query => 'x'))",
                MaskingDialect.TRINO, NS, DEFAULTS, MASK_CLASSIFIED)).isInstanceOf(RewriteException.class);
        assertThatThrownBy(() -> REWRITER.rewrite("SELECT * FROM IDENTIFIER('customers')",
                MaskingDialect.SNOWFLAKE, NS, DEFAULTS, MASK_CLASSIFIED)).isInstanceOf(RewriteException.class);
    }

    @Test
    void allowedTableFunctionsStillHaveTheirArgumentsRewritten() throws Exception {
        String out = rewrite("SELECT * FROM generate_series(1, (SELECT count(*) FROM customers)) g").sql();
        assertThat(out).contains(CUSTOMERS_MASKED + "customers) AS customers");
    }

    @Test
    void statementsOtherThanQueriesAndInsertAreRefused() {
        assertRefused("UPDATE customers SET name = 'x' WHERE email = 'a@b.c'", "UPDATE statements are refused");
        assertRefused("DELETE FROM customers WHERE email LIKE 'a%'", "DELETE statements are refused");
        assertRefused("MERGE INTO orders o USING customers c ON o.id = c.id WHEN MATCHED THEN UPDATE SET note = c.email",
                "refused");
        assertRefused("CREATE TABLE x AS SELECT * FROM customers", "");
        assertRefused("DROP TABLE customers", "");
        assertRefused("COPY customers TO STDOUT", "");
        assertRefused("TABLE customers", "");
        assertRefused("SELECT email INTO copy FROM customers", "");
        assertRefused("WITH gone AS (DELETE FROM customers RETURNING *) SELECT * FROM gone", "");
        assertRefused("EXPLAIN PLAN FOR SELECT * FROM customers", "");
        assertRefused("INSERT INTO orders SELECT * FROM customers ON CONFLICT DO NOTHING", "");
        assertRefused("INSERT INTO orders SELECT * FROM customers RETURNING *", "");
    }

    @Test
    void moreThanOneStatementIsRefused() {
        assertRefused("SELECT 1; SELECT email FROM customers", "exactly one statement", 1, 11);
    }

    @Test
    void lexemesTheParserAndTheDatabaseReadDifferentlyAreRefused() {
        // PostgreSQL reads E'\'' as a quote, the parser as a backslash and a new string
        assertRefused("SELECT E'\\'' , (SELECT email FROM customers) -- '", "backslash");
        assertRefused("SELECT $$ x $$, email FROM customers", "dollar");
        assertRefused("SELECT $q$ x $q$, email FROM customers", "dollar");
        assertRefused("SELECT 1 /* a /* b */ , email FROM customers */", "nested comments");
        assertRefused("SELECT 1 // , email FROM customers", "'//'");
        assertRefused("SELECT U&'\\0041' FROM customers", "");
        assertRefused("SELECT `email` FROM customers", "does not quote identifiers");
        assertRefused("SELECT 'open FROM customers", "unterminated string");
        assertRefused("SELECT \"open FROM customers", "unterminated quoted identifier");
        assertRefused("SELECT 1 /* open FROM customers", "unterminated comment");
    }

    @Test
    void quotedNamesWithEmbeddedQuotesAndHostileTextStayQuoted() throws Exception {
        assertRefused("SELECT * FROM \"customers\"\"; DROP TABLE orders; --\"", "unknown table");
        assertRefused("SELECT * FROM \"x\"\" FROM customers --\"", "unknown table");
    }

    @Test
    @Timeout(10)
    void oneMegabyteIsRefusedQuickly() {
        String big = "SELECT email FROM customers WHERE name IN (" + "'aaaaaaaaa',".repeat(100_000) + "'a')";
        assertThat(big.length()).isGreaterThan(1_000_000);
        long start = System.nanoTime();
        assertRefused(big, "longer than");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));
    }

    @Test
    @Timeout(30)
    void theLargestInputUnderTheLimitsIsHandledInBoundedTime() throws Exception {
        // a long operator chain is the parser's slowest input per character
        String wide = "SELECT email FROM customers WHERE " + "id = 1 OR ".repeat(2_495) + "id = 2";
        long start = System.nanoTime();
        assertRefused(wide, "levels deep");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertRefused(wide + " OR id = 3".repeat(5), "more than 10000 tokens");
        String longList = "SELECT email FROM customers WHERE name IN (" + "'n',".repeat(4_900) + "'m')";
        start = System.nanoTime();
        assertThat(rewrite(longList).sql()).contains(CUSTOMERS_MASKED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        String many = "SELECT 1" + " UNION ALL SELECT 1 FROM customers, orders".repeat(260);
        assertRefused(many, "more than 500 table references");
    }

    @Test
    @Timeout(20)
    void deeplyNestedSubqueriesAreRefused() {
        int depth = 300;
        String nested = "SELECT * FROM ".repeat(1) + "(SELECT * FROM ".repeat(depth) + "customers"
                + ") t".repeat(depth);
        assertRefused(nested, "parentheses deep");
        String parens = "SELECT " + "(".repeat(20_000) + "1" + ")".repeat(20_000);
        assertRefused(parens, "parentheses deep");
        String withinDepth = "SELECT * FROM " + "(SELECT * FROM ".repeat(150) + "customers" + ") t".repeat(150);
        try {
            assertThat(rewrite(withinDepth).sql()).contains(CUSTOMERS_MASKED);
        } catch (RewriteException e) {
            assertThat(e.getMessage()).contains("deep"); // refusing is fine; any other failure is not
        }
    }

    @Test
    void theMessageOfASyntaxErrorHoldsNoTextOfTheQuery() {
        assertThatThrownBy(() -> rewrite("SELECT '123-45-6789' FRO customers"))
                .isInstanceOfSatisfying(RewriteException.class, e -> {
                    assertThat(e.getMessage()).doesNotContain("123-45-6789").contains("does not parse");
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.column()).isPositive();
                });
    }

    @Test
    void aPrincipalWithoutMasksReadsEveryColumnAsItIs() throws Exception {
        RewrittenQuery q = REWRITER.rewrite("SELECT email FROM customers", MaskingDialect.POSTGRESQL, NS, DEFAULTS,
                t -> Map.of());
        assertThat(q.sql()).isEqualTo("SELECT email FROM (SELECT \"id\" AS \"id\", \"name\" AS \"name\","
                + " \"email\" AS \"email\" FROM customers) AS customers");
        assertThat(q.maskedColumns()).isEmpty();
    }

    @Test
    void bindParametersAreKeptAsWritten() throws Exception {
        assertThat(rewrite("SELECT email FROM customers WHERE id = $1 AND name <> $12").sql())
                .isEqualTo("SELECT email FROM " + CUSTOMERS_MASKED + "customers) AS customers WHERE id = $1"
                        + " AND name <> $12");
        assertThat(rewrite("SELECT email FROM customers WHERE id = ?").sql()).endsWith("AS customers WHERE id = ?");
    }

    @Test
    void everyDialectQuotesTheColumnsItsOwnWay() throws Exception {
        for (MaskingDialect dialect : List.of(MaskingDialect.TRINO, MaskingDialect.SNOWFLAKE, MaskingDialect.H2)) {
            RewrittenQuery q = REWRITER.rewrite("SELECT c.email FROM shop.customers c JOIN orders o ON o.customer_id = c.id",
                    dialect, NS, DEFAULTS, MASK_CLASSIFIED);
            assertThat(q.sql()).as(dialect.displayName()).isEqualTo("SELECT c.email FROM " + CUSTOMERS_MASKED
                    + "shop.customers) c JOIN (SELECT \"id\" AS \"id\", \"customer_id\" AS \"customer_id\","
                    + " \"note\" AS \"note\" FROM orders) o ON o.customer_id = c.id");
        }
    }

    @Test
    void sparkQuotesWithBackticks() throws Exception {
        RewrittenQuery q = REWRITER.rewrite("SELECT `email` FROM `shop`.`customers`", MaskingDialect.SPARK, NS,
                DEFAULTS, MASK_CLASSIFIED);
        assertThat(q.sql()).isEqualTo("SELECT `email` FROM (SELECT `id` AS `id`, (CAST('***' AS text)) AS `name`,"
                + " (CAST('***' AS text)) AS `email` FROM `shop`.`customers`) AS `customers`");
    }

    private static void assertRefused(String sql, String message) {
        assertThatThrownBy(() -> rewrite(sql)).isInstanceOf(RewriteException.class).hasMessageContaining(message);
    }

    private static void assertRefused(String sql, String message, int line, int column) {
        assertThatThrownBy(() -> rewrite(sql)).isInstanceOfSatisfying(RewriteException.class, e -> {
            assertThat(e.getMessage()).contains(message);
            assertThat(e.line()).isEqualTo(line);
            assertThat(e.column()).isEqualTo(column);
        });
    }
}
