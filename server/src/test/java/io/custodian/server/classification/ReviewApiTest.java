package io.custodian.server.classification;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodian.server.testing.ServerPerDatabaseTest;
import io.custodian.server.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The privacy review queue over HTTP: what ingestion classified at once, listed and decided by a steward, audited. */
class ReviewApiTest extends ServerPerDatabaseTest {
    private static final String NS = "postgres://review-db:5432";

    private static HttpResponse<String> call(TestServer server, String method, String path, String body, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + key)
                .timeout(Duration.ofSeconds(30));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return server.send(request.build());
    }

    private static JsonNode awaitItems(TestServer server, String steward, String query, int atLeast) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            HttpResponse<String> response = call(server, "GET", "/api/v1/reviews?" + query, null, steward);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode items = TestServer.json(response.body()).get("items");
            if (items.size() >= atLeast || System.nanoTime() > end) {
                return items;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aColumnAddedToCustomersIsClassifiedMaskedAndReviewed(String kind) {
        TestServer server = server(kind);
        String steward = server.createKey("review-steward", "STEWARD", "READER");
        String dataset = "bronze.customers_" + kind;
        Instant t0 = Instant.parse("2025-10-01T00:00:00Z");
        assertThat(server.post("/api/v1/lineage", run("COMPLETE", UUID.randomUUID(), t0).job("review-etl", "load")
                .output(dataset(NS, dataset).schema("loaded_at:timestamp", "email:text")).bytes()).statusCode())
                .isEqualTo(201);
        String filter = "namespace=" + TestServer.encode(NS) + "&dataset=" + dataset;
        // classified at ingest: the email column awaits review before any scan
        assertThat(awaitItems(server, steward, filter, 1)).hasSize(1);
        assertThat(server.post("/api/v1/lineage", run("COMPLETE", UUID.randomUUID(), t0.plusSeconds(60))
                .job("review-etl", "load")
                .output(dataset(NS, dataset).schema("loaded_at:timestamp", "email:text", "phone_number:text")).bytes())
                .statusCode()).isEqualTo(201);

        JsonNode items = awaitItems(server, steward, filter, 3);
        assertThat(items).extracting(i -> i.get("kind").asText() + ":" + i.path("type").asText(""))
                .containsExactlyInAnyOrder("NEW_CLASSIFICATION:EMAIL_ADDRESS", "NEW_CLASSIFICATION:PHONE_NUMBER",
                        "SCHEMA_CHANGE:");
        assertThat(awaitItems(server, steward, filter + "&kind=schema_change", 1)).hasSize(1);
        assertThat(awaitItems(server, steward, filter + "&sensitivity=RESTRICTED", 0)).isEmpty();
        assertThat(awaitItems(server, steward, filter + "&olderThan=P1D", 0)).isEmpty();
        // the new column is classified already: the dataset view shows it, so masking treats it as personal data
        JsonNode fields = server.getJson("/api/v1/namespaces/" + TestServer.encode(NS) + "/datasets/" + dataset)
                .get("fields");
        assertThat(fields.toString()).contains("PHONE_NUMBER").contains("INGEST");

        assertThat(call(server, "GET", "/api/v1/reviews", null, server.key()).statusCode()).isEqualTo(403);
        assertThat(call(server, "GET", "/api/v1/reviews?sensitivity=HUGE", null, steward).statusCode()).isEqualTo(400);
        assertThat(call(server, "POST", "/api/v1/reviews/decisions", "{\"ids\": [\"x\"], \"decision\": \"ACCEPT\"}",
                steward).body()).contains("/ids/0");

        StringBuilder ids = new StringBuilder();
        items.forEach(i -> ids.append(ids.length() == 0 ? "" : ",").append('"').append(i.get("id").asText()).append('"'));
        HttpResponse<String> decided = call(server, "POST", "/api/v1/reviews/decisions",
                "{\"ids\": [" + ids + "], \"decision\": \"ACCEPT\", \"note\": \"checked\"}", steward);
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        assertThat(TestServer.json(decided.body()).get("outcomes")).hasSize(3)
                .allSatisfy(o -> assertThat(o.get("problem").isNull()).isTrue());
        assertThat(awaitItems(server, steward, filter, 0)).isEmpty();
        assertThat(TestServer.json(call(server, "GET", "/api/v1/namespaces/" + TestServer.encode(NS) + "/datasets/"
                + dataset + "/classifications", null, steward).body()).toString()).contains("CONFIRMED");
        String audit = call(server, "GET", "/api/v1/audit?action=review.accept", null, TestServer.ADMIN_KEY).body();
        assertThat(TestServer.json(audit).get("entries")).hasSize(3);
    }
}
