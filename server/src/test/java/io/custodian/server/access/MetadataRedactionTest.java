package io.custodian.server.access;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static io.custodian.server.testing.TestServer.encode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodian.server.testing.ServerPerDatabaseTest;
import io.custodian.server.testing.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An email address and a card number planted in a job's WHERE clause, a Spark logical-plan facet and
 * data-quality facets never reach a READER: not through any catalog endpoint, the raw events, the
 * lineage graphs, nor search. A privacy officer still sees the SQL as received.
 */
class MetadataRedactionTest extends ServerPerDatabaseTest {
    private static final String NS = "postgres://planted:5432";
    private static final String EMAIL = "ada.lovelace@example.org";
    private static final String CARD = "4111111111111111";
    private static final List<String> PLANTED = List.of(EMAIL, "ada.lovelace", "lovelace", CARD, "4111");

    private static ObjectNode facet(String schema) {
        ObjectNode facet = JsonNodeFactory.instance.objectNode();
        facet.put("_producer", "https://example.com/spark");
        facet.put("_schemaURL", "https://openlineage.io/spec/facets/1-0-0/" + schema + ".json");
        return facet;
    }

    private static UUID plant(TestServer server) {
        UUID runId = UUID.randomUUID();
        ObjectNode plan = facet("LogicalPlanFacet");
        plan.putArray("plan").addObject().put("class", "org.apache.spark.sql.catalyst.plans.logical.Filter")
                .put("condition", "(email#12 = " + EMAIL + ") OR (card#13 = " + CARD + ")");
        ObjectNode quality = facet("DataQualityMetricsInputDatasetFacet");
        quality.put("rowCount", 3);
        quality.putObject("columnMetrics").putObject("email").put("min", EMAIL).put("max", CARD);
        ObjectNode assertions = facet("DataQualityAssertionsDatasetFacet");
        assertions.putArray("assertions").addObject().put("assertion", "email <> '" + EMAIL + "'")
                .put("success", true);
        byte[] event = run("COMPLETE", runId, Instant.parse("2025-11-01T00:00:00Z")).job("planted", "vip_customers")
                .sql("INSERT INTO mart.vip SELECT id, email FROM raw.users WHERE email = '" + EMAIL
                        + "' OR card_number = '" + CARD + "'")
                .runFacet("spark.logicalPlan", plan)
                .input(dataset(NS, "raw.users").schema("id:bigint", "email:text", "card_number:text")
                        .facet("dataQualityMetrics", quality))
                .output(dataset(NS, "mart.vip").schema("id:bigint", "email:text")
                        .outputFacet("dataQualityAssertions", assertions))
                .bytes();
        HttpResponse<String> response = server.post("/api/v1/lineage", event);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        server.awaitDerivedLineage();
        return runId;
    }

    private static HttpResponse<String> get(TestServer server, String path, String key) {
        return server.send(HttpRequest.newBuilder(server.uri().resolve(path)).header("Authorization", "Bearer " + key)
                .GET().build());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aReaderSeesNoPlantedValueThroughAnyEndpointOrSearch(String kind) {
        TestServer server = server(kind);
        UUID runId = plant(server);
        String reader = server.createKey("planted-reader", "READER");
        String ns = encode(NS);
        List<String> paths = List.of(
                "/api/v1/namespaces", "/api/v1/namespaces/planted", "/api/v1/namespaces/" + ns + "/datasets",
                "/api/v1/namespaces/" + ns + "/datasets/raw.users", "/api/v1/namespaces/" + ns + "/datasets/mart.vip",
                "/api/v1/namespaces/" + ns + "/datasets/raw.users/versions",
                "/api/v1/namespaces/" + ns + "/datasets/raw.users/classifications",
                "/api/v1/namespaces/planted/jobs", "/api/v1/namespaces/planted/jobs/vip_customers",
                "/api/v1/namespaces/planted/jobs/vip_customers/runs", "/api/v1/jobs/runs/" + runId,
                "/api/v1/events/lineage?limit=1000", "/api/v1/sources",
                "/api/v1/lineage?nodeId=" + encode("job:planted:vip_customers"),
                "/api/v1/lineage?nodeId=" + encode("dataset:" + NS + ":mart.vip"),
                "/api/v1/column-lineage?nodeId=" + encode("datasetField:" + NS + ":mart.vip:email"),
                "/api/v1/search?q=vip", "/api/v1/search?q=users", "/api/v1/search/suggest?q=vip");
        for (String path : paths) {
            HttpResponse<String> response = get(server, path, reader);
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
            for (String planted : PLANTED) {
                assertThat(response.body()).as(path).doesNotContain(planted);
            }
        }
        for (String planted : PLANTED) {
            JsonNode found = TestServer.json(get(server, "/api/v1/search?q="
                    + URLEncoder.encode(planted, StandardCharsets.UTF_8), reader).body());
            assertThat(found.get("results")).as(planted).isEmpty();
        }
        // What a reader is shown instead: the SQL with placeholders, the facets marked redacted.
        JsonNode job = TestServer.json(get(server, "/api/v1/namespaces/planted/jobs/vip_customers", reader).body());
        assertThat(job.at("/version/sql").asText())
                .isEqualTo("INSERT INTO mart.vip SELECT id, email FROM raw.users WHERE email = ? OR card_number = ?");
        assertThat(job.at("/facets/sql/query").asText()).endsWith("WHERE email = ? OR card_number = ?");
        JsonNode run = TestServer.json(get(server, "/api/v1/jobs/runs/" + runId, reader).body());
        assertThat(run.at("/facets/spark.logicalPlan/_redacted").asBoolean()).isTrue();

        // A privacy officer reads what was received.
        String officer = server.createKey("planted-officer", "PRIVACY_OFFICER", "READER");
        assertThat(get(server, "/api/v1/namespaces/planted/jobs/vip_customers", officer).body()).contains(EMAIL, CARD);
        assertThat(get(server, "/api/v1/events/lineage?limit=1000", officer).body()).contains(EMAIL);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void sqlThatDoesNotParseIsWithheldFromReaders(String kind) {
        TestServer server = server(kind);
        byte[] event = run("COMPLETE", UUID.randomUUID(), Instant.parse("2025-11-01T00:00:00Z"))
                .job("planted", "broken_sql").sql("SELEC * FRM users WHERE email = '" + EMAIL + "'").bytes();
        assertThat(server.post("/api/v1/lineage", event).statusCode()).isEqualTo(201);
        server.awaitDerivedLineage();
        String reader = server.createKey("planted-reader-2", "READER");
        String body = get(server, "/api/v1/namespaces/planted/jobs/broken_sql", reader).body();
        assertThat(body).doesNotContain(EMAIL).doesNotContain("SELEC");
        assertThat(TestServer.json(body).at("/version/sql").isNull()).isTrue();
    }
}
