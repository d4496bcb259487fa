package io.custodian.server.lineage.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodian.catalog.testing.Events;
import io.custodian.server.testing.ServerPerDatabaseTest;
import io.custodian.server.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code POST /api/v1/lineage/sql} against a running server and the catalog's schemas. */
class SqlLineageApiTest extends ServerPerDatabaseTest {
    private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");

    private static byte[] request(String sql, String dialect, String namespace, String schema) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("sql", sql);
        body.put("dialect", dialect);
        body.put("defaultNamespace", namespace);
        if (schema != null) {
            body.put("defaultSchema", schema);
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void registerOrders(TestServer server, String namespace) {
        HttpResponse<String> posted = server.post("/api/v1/lineage", Events.run("COMPLETE", UUID.randomUUID(), T0)
                .output(Events.dataset(namespace, "shop.public.orders").schema("id:int", "email:text", "amount:numeric"))
                .bytes());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void sqlResolvesAgainstCatalogDatasetsOfTheNamespace(String kind) {
        TestServer server = server(kind);
        registerOrders(server, "pg://sql-api-1");

        HttpResponse<String> response = server.post("/api/v1/lineage/sql", request(
                "INSERT INTO report (who, total) SELECT email, sum(amount) FROM orders GROUP BY email; SELECT * FROM orders",
                "postgres", "pg://sql-api-1", "public"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = TestServer.json(response.body());
        JsonNode insert = body.get("statements").get(0);
        assertThat(insert.get("kind").asText()).isEqualTo("INSERT");
        assertThat(insert.get("target").asText()).isEqualTo("public.report");
        JsonNode who = insert.get("columns").get(0);
        assertThat(who.get("target").asText()).isEqualTo("who");
        assertThat(who.get("sources").get(0).get("namespace").asText()).isEqualTo("pg://sql-api-1");
        assertThat(who.get("sources").get(0).get("name").asText()).isEqualTo("shop.public.orders");
        assertThat(who.get("sources").get(0).get("field").asText()).isEqualTo("email");
        assertThat(insert.get("columns").get(1).get("sources").get(0).get("subtype").asText()).isEqualTo("AGGREGATION");
        assertThat(insert.get("indirect").findValuesAsText("subtype")).contains("GROUP_BY");
        JsonNode star = body.get("statements").get(1);
        assertThat(star.get("columns").findValuesAsText("target")).containsExactly("id", "email", "amount");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void tablesTheCatalogDoesNotKnowHaveNoNamespace(String kind) {
        HttpResponse<String> response = server(kind).post("/api/v1/lineage/sql", request(
                "SELECT a FROM nowhere.t", "trino", "pg://sql-api-empty", null));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode source = TestServer.json(response.body()).get("statements").get(0).get("columns").get(0)
                .get("sources").get(0);
        assertThat(source.get("namespace").isNull()).isTrue();
        assertThat(source.get("name").asText()).isEqualTo("nowhere.t");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void scriptWithOneBadStatementIs200WithThatStatementsPosition(String kind) {
        HttpResponse<String> response = server(kind).post("/api/v1/lineage/sql", request(
                "SELECT 1 AS x;\nSELECT FROM WHERE", "postgres", "pg://x", null));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode error = TestServer.json(response.body()).get("statements").get(1).get("error");
        assertThat(error.get("line").asInt()).isEqualTo(2);
        assertThat(error.get("column").asInt()).isPositive();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anUnknownDialectIsReadPermissivelyAndTheAnswerSaysSo(String kind) throws Exception {
        TestServer server = server(kind);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("sql", "SELECT customer_id, UPPER(email) AS mail FROM customers");
        body.put("dialect", "informix-x");
        body.put("defaultNamespace", "n");
        body.put("defaultDatabase", "prod");
        body.put("defaultSchema", "crm");

        HttpResponse<String> response = server.post("/api/v1/lineage/sql",
                body.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
        assertThat(answer.path("dialect").asText()).isEqualTo("generic");
        assertThat(answer.path("warnings").get(0).asText()).contains("unknown dialect \"informix-x\"");
        JsonNode mail = answer.path("statements").get(0).path("columns").get(1);
        assertThat(mail.path("target").asText()).isEqualTo("mail");
        // Unqualified names resolve against the default database and schema given with the SQL.
        assertThat(mail.path("sources").get(0).path("name").asText()).isEqualTo("prod.crm.customers");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void sqlOfWhichNothingParsesIs422WithLineAndColumn(String kind) {
        JsonNode problem = problem(server(kind).post("/api/v1/lineage/sql", request(
                "SELECT a FROM t WHERE", "postgres", "pg://x", null)), 422);

        assertThat(problem.get("errors").get(0).get("pointer").asText()).isEqualTo("/sql");
        assertThat(problem.get("errors").get(0).get("detail").asText()).startsWith("line 1, column ");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void badRequestsAreProblemsPointingAtTheField(String kind) {
        TestServer server = server(kind);
        problem(server.post("/api/v1/lineage/sql", "{\"sql\": ".getBytes(StandardCharsets.UTF_8)), 400);
        // Malformed JSON is located, never quoted back: a body may hold personal data.
        var quoted = problem(server.post("/api/v1/lineage/sql",
                "{\"sql\": jane.doe@example.com}".getBytes(StandardCharsets.UTF_8)), 400);
        assertThat(quoted.toString()).doesNotContain("jane").contains("line 1, column");
        assertThat(pointer(problem(server.post("/api/v1/lineage/sql",
                "[1]".getBytes(StandardCharsets.UTF_8)), 422))).isEqualTo("");
        assertThat(pointer(problem(server.post("/api/v1/lineage/sql",
                "{\"dialect\": \"postgres\", \"defaultNamespace\": \"n\"}".getBytes(StandardCharsets.UTF_8)), 422)))
                .isEqualTo("/sql");
        assertThat(pointer(problem(server.post("/api/v1/lineage/sql",
                "{\"sql\": 5, \"dialect\": \"postgres\", \"defaultNamespace\": \"n\"}".getBytes(StandardCharsets.UTF_8)),
                422))).isEqualTo("/sql");
        assertThat(pointer(problem(server.post("/api/v1/lineage/sql",
                request("  -- only a comment", "postgres", "n", null)), 422))).isEqualTo("/sql");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void quadraticSqlIsSkippedUnparsedWhetherSentToAnalyseOrInAJobsSqlFacet(String kind) {
        TestServer server = server(kind);
        registerOrders(server, "pg://sql-api-chain");
        // 80,000 chained terms (560 KB): 16 s of parsing unbounded, and the applier stalled as long.
        String chain = "INSERT INTO report (total) SELECT amount" + "+amount".repeat(80_000) + " FROM orders";

        long start = System.nanoTime();
        HttpResponse<String> analysed = server.post("/api/v1/lineage/sql", request(
                chain + ";\nSELECT id FROM orders", "postgres", "pg://sql-api-chain", "public"));
        java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - start);

        assertThat(analysed.statusCode()).as(analysed.body()).isEqualTo(200);
        JsonNode statements = TestServer.json(analysed.body()).get("statements");
        assertThat(statements.get(0).get("kind").asText()).isEqualTo("SKIPPED");
        assertThat(statements.get(0).get("error").get("message").asText())
                .isEqualTo("an expression chains 80000 operators, more than the 5000 analysed");
        assertThat(statements.get(1).get("kind").asText()).isEqualTo("QUERY");
        assertThat(took).isLessThan(java.time.Duration.ofSeconds(3));

        start = System.nanoTime();
        HttpResponse<String> posted = server.post("/api/v1/lineage", Events.run("COMPLETE", UUID.randomUUID(), T0)
                .job("etl", "chained_report").sql(chain)
                .input(Events.dataset("pg://sql-api-chain", "shop.public.orders"))
                .output(Events.dataset("pg://sql-api-chain", "shop.public.report").schema("total:numeric")).bytes());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        // A read sees the event applied at once: the SQL is analysed off the apply path.
        JsonNode job = server.getJson("/api/v1/namespaces/etl/jobs/chained_report");
        took = java.time.Duration.ofNanos(System.nanoTime() - start);

        assertThat(job.get("name").asText()).isEqualTo("chained_report");
        assertThat(took).isLessThan(java.time.Duration.ofSeconds(3));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void oversizedBodyIsRefused(String kind) {
        String sql = "SELECT 1;".repeat(130_000);
        problem(server(kind).post("/api/v1/lineage/sql", request(sql, "postgres", "n", null)), 413);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void onlyReadersMayAnalyseSql(String kind) {
        TestServer server = server(kind);
        String producer = server.createKey("producer-only-" + kind, "PRODUCER");
        HttpResponse<String> forbidden = server.send(as(server, producer));
        HttpResponse<String> admin = server.send(as(server, TestServer.ADMIN_KEY));
        HttpResponse<String> anonymous = server.send(as(server, null));

        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(403);
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aCallerIsRateLimited(String kind) {
        TestServer server = server(kind);
        String key = server.createKey("sql-burst-" + kind, "READER");
        int limited = 0;
        for (int i = 0; i < 120 && limited == 0; i++) {
            HttpResponse<String> response = server.send(as(server, key));
            if (response.statusCode() == 429) {
                limited++;
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
            }
        }
        assertThat(limited).as("a 429 within 120 quick requests").isEqualTo(1);
    }

    private static HttpRequest as(TestServer server, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve("/api/v1/lineage/sql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request("SELECT 1 AS x", "postgres", "n", null)));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return request.build();
    }

    private static JsonNode problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        return TestServer.json(response.body());
    }

    private static String pointer(JsonNode problem) {
        return problem.get("errors").get(0).get("pointer").asText();
    }
}
