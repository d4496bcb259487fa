package io.custodian.server.atlas;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodian.atlas.testing.FakeAtlas;
import io.custodian.catalog.testing.TestDatabase;
import io.custodian.server.testing.TestServer;
import io.dropwizard.testing.ConfigOverride;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole service with the Atlas bridge on, against a fake Atlas on loopback: an export pushes a
 * steward's classification, an import brings Atlas's tables and classifications into the catalog
 * (readable, searchable, with provenance ATLAS), runs are audited and PRIVACY_OFFICER or ADMIN only,
 * and a failing Atlas ends a run FAILED with the call and the status.
 */
class AtlasBridgeApiTest {
    private static final String NS = "hive://metastore:9083";
    private static final String PASSWORD = "atlas-test-password";

    @ParameterizedTest
    @MethodSource("io.custodian.catalog.testing.TestDatabase#all")
    void exportAndImportThroughTheRunningService(String kind) throws Exception {
        try (FakeAtlas atlas = new FakeAtlas("custodian", PASSWORD)) {
            atlas.addTable("hive_table", "hive_column", "type", "sales.shipments@prod", "shipments", null,
                    List.of(new FakeAtlas.Column("shipment_code", "bigint", null), new FakeAtlas.Column("email", "string", null),
                            new FakeAtlas.Column("region", "string", null)));
            atlas.addTable("hive_table", "hive_column", "type", "crm.contacts@prod", "contacts", "Contacts from the CRM",
                    List.of(new FakeAtlas.Column("contact_id", "bigint", null),
                            new FakeAtlas.Column("work_email", "string", "the contact's address")));
            atlas.classify("hive_column", "crm.contacts.work_email@prod", "EMAIL_ADDRESS");
            for (String t : List.of("a1", "a2", "a3")) {
                atlas.addTable("hive_table", "hive_column", "type", "archive." + t + "@prod", t, null,
                        List.of(new FakeAtlas.Column("c", "string", null)));
            }
            try (TestServer server = TestServer.start(kind,
                    ConfigOverride.config("atlas.enabled", "true"),
                    ConfigOverride.config("atlas.url", atlas.url().toString()),
                    ConfigOverride.config("atlas.password", PASSWORD))) {
                assertThat(server.post("/api/v1/lineage", run("COMPLETE", UUID.randomUUID(), Instant.now())
                        .job("etl", "load_shipments")
                        .output(dataset(NS, "sales.shipments").schema("shipment_code:bigint", "email:string", "region:string"))
                        .bytes()).statusCode()).isEqualTo(201);
                String steward = server.createKey("steward", "STEWARD");
                String officer = server.createKey("privacy", "PRIVACY_OFFICER");
                String reader = server.createKey("reader", "READER");
                assertThat(call(server, "PUT", "/api/v1/namespaces/" + TestServer.encode(NS)
                        + "/datasets/sales.shipments/fields/email/classifications/EMAIL_ADDRESS", steward).statusCode())
                        .isEqualTo(200);

                assertThat(call(server, "POST", "/api/v1/atlas/export", reader).statusCode()).isEqualTo(403);
                JsonNode exported = finish(server, call(server, "POST", "/api/v1/atlas/export", officer), officer);
                assertThat(exported.get("status").asText()).isEqualTo("SUCCEEDED");
                assertThat(exported.get("report").get("added").asInt()).isEqualTo(4);
                assertThat(atlas.classificationNames("hive_column", "sales.shipments.email@prod"))
                        .containsExactly("EMAIL_ADDRESS", "PII");
                assertThat(atlas.classifications("hive_column", "sales.shipments.email@prod").stream()
                        .filter(c -> c.get("typeName").asText().equals("EMAIL_ADDRESS"))).singleElement()
                        .satisfies(c -> {
                            assertThat(c.get("typeName").asText()).isEqualTo("EMAIL_ADDRESS");
                            assertThat(c.get("propagate").asBoolean()).isFalse();
                            assertThat(c.get("attributes").get("custodianSource").asText()).isEqualTo("STEWARD");
                        });
                assertThat(atlas.classificationNames("hive_table", "sales.shipments@prod"))
                        .containsExactly("EMAIL_ADDRESS", "PII");
                assertThat(atlas.requests()).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Basic "
                        + java.util.Base64.getEncoder().encodeToString(("custodian:" + PASSWORD).getBytes())));

                atlas.clearRequests();
                JsonNode imported = finish(server, call(server, "POST", "/api/v1/atlas/import", officer), officer);
                assertThat(imported.get("status").asText()).isEqualTo("SUCCEEDED");
                assertThat(imported.get("report").get("tablesRead").asInt()).isEqualTo(5);
                assertThat(imported.get("report").get("ownSkipped").asInt()).isEqualTo(2);
                assertThat(atlas.requests().stream().filter(r -> r.path().endsWith("/search/basic")).count())
                        .as("five tables, two a page").isEqualTo(3);
                String contacts = "/api/v1/namespaces/" + TestServer.encode(NS) + "/datasets/crm.contacts";
                JsonNode dataset = server.getJson(contacts);
                assertThat(dataset.get("description").asText()).isEqualTo("Contacts from the CRM");
                assertThat(dataset.get("fields").findValuesAsText("name")).containsExactly("contact_id", "work_email");
                // Other fields may carry what ingest found from their names; work_email carries Atlas's.
                List<JsonNode> workEmail = new java.util.ArrayList<>();
                server.getJson(contacts + "/classifications").get("classifications").forEach(c -> {
                    if (c.get("field").asText().equals("work_email")) {
                        workEmail.add(c);
                    }
                });
                assertThat(workEmail).singleElement().satisfies(c -> {
                    assertThat(c.get("type").asText()).isEqualTo("EMAIL_ADDRESS");
                    assertThat(c.get("source").asText()).isEqualTo("ATLAS");
                });
                JsonNode found = server.getJson("/api/v1/search?q=classification:EMAIL_ADDRESS");
                assertThat(found.toString()).contains("crm.contacts", "sales.shipments");

                // A failing Atlas ends the run FAILED, saying which call and what status.
                atlas.failNext("GET", "/types/typedefs", 500, 1);
                JsonNode failed = finish(server, call(server, "POST", "/api/v1/atlas/export", TestServer.ADMIN_KEY),
                        TestServer.ADMIN_KEY);
                assertThat(failed.get("status").asText()).isEqualTo("FAILED");
                assertThat(failed.get("error").asText()).isEqualTo("Atlas answered 500 Internal Server Error to GET typedefs");

                JsonNode audit = TestServer.json(call(server, "GET", "/api/v1/audit?limit=100", TestServer.ADMIN_KEY).body());
                assertThat(audit.get("entries").findValuesAsText("action"))
                        .contains("atlas.export.request", "atlas.export", "atlas.import.request", "atlas.import");
                assertThat(audit.toString()).doesNotContain(PASSWORD);
            }
        }
        assertThat(TestDatabase.kinds()).contains(kind);
    }

    @ParameterizedTest
    @MethodSource("io.custodian.catalog.testing.TestDatabase#all")
    void withTheBridgeOffItsEndpointsSaySo(String kind) {
        try (TestServer server = TestServer.start(kind)) {
            HttpResponse<String> response = call(server, "POST", "/api/v1/atlas/export", TestServer.ADMIN_KEY);
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).contains("atlas-disabled");
        }
    }

    /** Follows a 202's Location until the run has finished. */
    private static JsonNode finish(TestServer server, HttpResponse<String> accepted, String key) throws InterruptedException {
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonNode run = TestServer.json(call(server, "GET", location, key).body());
            if (run.get("status").asText().equals("SUCCEEDED") || run.get("status").asText().equals("FAILED")) {
                return run;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the Atlas run did not finish in time");
    }

    private static HttpResponse<String> call(TestServer server, String method, String path, String key) {
        return server.send(HttpRequest.newBuilder(server.uri().resolve(path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + key)
                .build());
    }
}
