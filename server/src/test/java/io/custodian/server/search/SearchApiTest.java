package io.custodian.server.search;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodian.catalog.testing.Events.DatasetBuilder;
import io.custodian.server.testing.ServerPerDatabaseTest;
import io.custodian.server.testing.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Search over datasets ingested through {@code /api/v1/lineage}, on a running server. */
class SearchApiTest extends ServerPerDatabaseTest {
    private static final String NS = "postgres://search-db:5432";

    private TestServer populated(String kind) {
        TestServer server = server(kind);
        if (server.get("/api/v1/namespaces/" + TestServer.encode(NS)).statusCode() == 404) {
            send(server, dataset(NS, "shop.public.customers").schema("id:bigint", "email:text", "full_name:text"));
            send(server, dataset(NS, "shop.public.orders").schema("order_id:bigint", "customer_id:bigint", "amount:numeric"));
            send(server, dataset(NS, "analytics.customer_email_stats").schema("domain:text", "email_count:bigint"));
            send(server, dataset(NS, "crm.contacts").schema("id:bigint", "phone:text")
                    .description("Customer contact details from the sales tool"));
            send(server, dataset(NS, "marketing.campaignResults").schema("campaign_id:bigint", "clicks:bigint"));
            send(server, dataset(NS, "finance.invoices").schema("invoice_id:bigint", "customer_id:bigint")
                    .dataSource("snowflake", "snowflake://acme")
                    .facet("tags", facet("{\"tags\": [{\"key\": \"gold\"}, {\"key\": \"finance\"}]}"))
                    .facet("ownership", facet("{\"owners\": [{\"name\": \"alice\", \"type\": \"team\"}]}")));
        }
        return server;
    }

    private static ObjectNode facet(String json) {
        return (ObjectNode) TestServer.json(json);
    }

    private static void send(TestServer server, DatasetBuilder output) {
        HttpResponse<String> response = server.post("/api/v1/lineage",
                run("COMPLETE", UUID.randomUUID(), Instant.parse("2025-09-01T00:00:00Z")).job("search-etl", "load")
                        .output(output).bytes());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private static List<String> names(TestServer server, String q) {
        // The query text is encoded; anything after '&' is passed on as request parameters.
        int amp = q.indexOf('&');
        String text = amp < 0 ? q : q.substring(0, amp);
        String rest = amp < 0 ? "" : q.substring(amp);
        HttpResponse<String> response = server.get("/api/v1/search?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8)
                + rest);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        for (JsonNode hit : TestServer.json(response.body()).get("results")) {
            names.add(hit.get("name").asText());
        }
        return names;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void nameWordFindsTheDatasetFirst(String kind) {
        assertThat(names(populated(kind), "customers")).first().isEqualTo("shop.public.customers");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void nameMatchRanksAboveColumnMatch(String kind) {
        List<String> names = names(populated(kind), "email");
        assertThat(names).startsWith("analytics.customer_email_stats").contains("shop.public.customers");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void prefixTypoAndCamelCaseFindTheirDatasets(String kind) {
        TestServer server = populated(kind);
        assertThat(names(server, "cust*")).contains("shop.public.customers", "analytics.customer_email_stats");
        assertThat(names(server, "custmers")).as("one letter missing").contains("shop.public.customers");
        assertThat(names(server, "campaign")).containsExactly("marketing.campaignResults");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void fieldTermsPhrasesAndFallbackToPartialMatches(String kind) {
        TestServer server = populated(kind);
        assertThat(names(server, "column:phone")).containsExactly("crm.contacts");
        assertThat(names(server, "\"contact details\"")).containsExactly("crm.contacts");
        assertThat(names(server, "campaign contacts")).as("no dataset has both; best partial matches")
                .contains("marketing.campaignResults", "crm.contacts");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void responseHasMarquezShapeWithScores(String kind) {
        JsonNode body = TestServer.json(populated(kind).get("/api/v1/search?q=orders").body());
        JsonNode hit = body.get("results").get(0);
        assertThat(body.get("totalCount").asLong()).isPositive();
        assertThat(hit.get("type").asText()).isEqualTo("DATASET");
        assertThat(hit.get("namespace").asText()).isEqualTo(NS);
        assertThat(hit.get("nodeId").asText()).isEqualTo("dataset:" + NS + ":shop.public.orders");
        assertThat(hit.get("updatedAt").asText()).isEqualTo("2025-09-01T00:00:00Z");
        assertThat(hit.get("score").asDouble()).isPositive();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void hostileQueriesAreRefusedOrHandledSafely(String kind) {
        TestServer server = populated(kind);
        assertThat(server.get("/api/v1/search").statusCode()).isEqualTo(400);
        HttpResponse<String> huge = server.get("/api/v1/search?q=" + "a".repeat(10_000));
        assertThat(huge.statusCode()).as("a 10 kB URI").isEqualTo(414);
        assertThat(huge.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(server.get("/api/v1/search?q=" + "a".repeat(1_500)).statusCode()).isEqualTo(400);
        assertThat(server.get("/api/v1/search?q=orders&limit=100000").statusCode()).isEqualTo(400);
        assertThat(server.get("/api/v1/search?q=orders&offset=-1").statusCode()).isEqualTo(400);
        assertThat(server.get("/api/v1/search?q=orders&limit=abc").statusCode()).isEqualTo(400);
        assertThat(server.get("/api/v1/search?q=" + URLEncoder.encode("*mers", StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(200);
        assertThat(server.get("/api/v1/search?q=" + URLEncoder.encode("\"unbalanced", StandardCharsets.UTF_8))
                .statusCode()).isEqualTo(200);
        assertThat(server.get("/api/v1/search?q=" + URLEncoder.encode("name:(a OR b) AND ~x^2", StandardCharsets.UTF_8))
                .statusCode()).isEqualTo(200);
        assertThat(server.get("/api/v1/search?q=" + URLEncoder.encode("x ".repeat(40), StandardCharsets.UTF_8))
                .statusCode()).as("too many terms").isEqualTo(400);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void filtersNarrowTheResults(String kind) {
        TestServer server = populated(kind);
        assertThat(names(server, "customers&namespace=" + URLEncoder.encode(NS, StandardCharsets.UTF_8)))
                .contains("shop.public.customers");
        assertThat(names(server, "customers&namespace=elsewhere")).isEmpty();
        assertThat(names(server, "customers&type=job")).isEmpty();
        assertThat(server.get("/api/v1/search?q=customers&type=table").statusCode()).isEqualTo(400);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void resultsSortByNameOrUpdateTime(String kind) {
        TestServer server = populated(kind);
        List<String> byName = names(server, "column:id&sort=name");
        assertThat(byName).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER).hasSizeGreaterThan(1);
        assertThat(server.get("/api/v1/search?q=id&sort=popular").statusCode()).isEqualTo(400);
        assertThat(server.get("/api/v1/search?q=id&sort=updated").statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void suggestCompletesDatasetNames(String kind) {
        TestServer server = populated(kind);
        JsonNode body = TestServer.json(server.get("/api/v1/search/suggest?q=SHOP.pub").body());
        List<String> names = new ArrayList<>();
        body.get("results").forEach(hit -> names.add(hit.get("name").asText()));

        assertThat(names).containsExactly("shop.public.customers", "shop.public.orders");
        assertThat(server.get("/api/v1/search/suggest").statusCode()).isEqualTo(400);
        assertThat(server.get("/api/v1/search/suggest?q=a&limit=1000").statusCode()).isEqualTo(400);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void searchHealthCheckCountsDocumentsAgainstDatasets(String kind) {
        TestServer server = populated(kind);
        JsonNode health = TestServer.json(server.send(java.net.http.HttpRequest.newBuilder(
                server.adminUri().resolve("/healthcheck")).GET().build()).body()).get("search");

        assertThat(health.get("healthy").asBoolean()).isTrue();
        assertThat(health.get("lag").asLong()).isZero();
        assertThat(health.get("documents").asLong()).isGreaterThanOrEqualTo(5);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void jobsAreSearchableToo(String kind) {
        TestServer server = populated(kind);
        JsonNode body = TestServer.json(server.get("/api/v1/search?q=load&type=job").body());

        assertThat(body.get("results")).singleElement().satisfies(hit -> {
            assertThat(hit.get("type").asText()).isEqualTo("JOB");
            assertThat(hit.get("nodeId").asText()).isEqualTo("job:search-etl:load");
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void hitsSayWhichFieldMatched(String kind) {
        TestServer server = populated(kind);
        JsonNode hits = TestServer.json(server.get("/api/v1/search?q=email").body()).get("results");

        JsonNode customers = null;
        for (JsonNode hit : hits) {
            if (hit.get("name").asText().equals("shop.public.customers")) {
                customers = hit;
            }
        }
        assertThat(customers).isNotNull();
        assertThat(customers.get("highlights")).anySatisfy(h -> {
            assertThat(h.get("field").asText()).isEqualTo("column");
            assertThat(h.get("value").asText()).isEqualTo("email");
            assertThat(h.get("matched").asText()).isEqualTo("email");
        });
        assertThat(hits.get(0).get("highlights")).anySatisfy(h ->
                assertThat(h.get("field").asText()).isEqualTo("name"));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void facetsCountEveryMatchNotOnlyThePage(String kind) {
        TestServer server = populated(kind);
        JsonNode body = TestServer.json(server.get("/api/v1/search?q=column:customer_id&limit=1").body());

        assertThat(body.get("results")).hasSize(1);
        assertThat(body.get("totalCount").asLong()).isEqualTo(2);
        JsonNode facets = body.get("facets");
        assertThat(facets.get("namespace")).singleElement().satisfies(value -> {
            assertThat(value.get("value").asText()).isEqualTo(NS);
            assertThat(value.get("count").asLong()).isEqualTo(2);
        });
        assertThat(facets.get("tag")).extracting(v -> v.get("value").asText()).containsExactlyInAnyOrder("gold", "finance");
        assertThat(facets.get("owner")).extracting(v -> v.get("value").asText()).containsExactly("alice");
        assertThat(facets.get("platform")).extracting(v -> v.get("value").asText()).containsExactly("snowflake");
        assertThat(facets.get("type")).extracting(v -> v.get("count").asLong()).containsExactly(2L);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void tagOwnerAndPlatformFilterAsQueryTermsAndParameters(String kind) {
        TestServer server = populated(kind);
        assertThat(names(server, "tag:gold")).containsExactly("finance.invoices");
        assertThat(names(server, "customer&owner=ALICE")).containsExactly("finance.invoices");
        assertThat(names(server, "customer&platform=snowflake")).containsExactly("finance.invoices");
        assertThat(names(server, "customer&tag=silver")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void usageBreaksTiesBetweenEquallyGoodMatches(String kind) {
        TestServer server = populated(kind);
        // Two datasets named alike; the one written last is read by two jobs.
        send(server, dataset(NS, "sales.daily_revenue").schema("day:date", "revenue:numeric"));
        send(server, dataset(NS, "ops.daily_revenue").schema("day:date", "revenue:numeric"));
        for (String reader : List.of("revenue_report", "revenue_forecast")) {
            HttpResponse<String> response = server.post("/api/v1/lineage",
                    run("COMPLETE", UUID.randomUUID(), Instant.parse("2025-09-02T00:00:00Z")).job("search-etl", reader)
                            .input(dataset(NS, "ops.daily_revenue"))
                            .output(dataset(NS, "reports." + reader).schema("day:date", "total:numeric")).bytes());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        }

        assertThat(names(server, "daily revenue&type=dataset")).startsWith("ops.daily_revenue", "sales.daily_revenue");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void nearMissesAreExplainedToo(String kind) {
        JsonNode hits = TestServer.json(populated(kind).get("/api/v1/search?q=custmers").body()).get("results");

        assertThat(hits.get(0).get("name").asText()).isEqualTo("shop.public.customers");
        assertThat(hits.get(0).get("highlights")).anySatisfy(h -> {
            assertThat(h.get("field").asText()).isEqualTo("name");
            assertThat(h.get("matched").asText()).isEqualTo("custmers");
        });
    }
}
