package io.custodian.server.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodian.server.testing.ServerPerDatabaseTest;
import io.custodian.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Events that Marquez accepts and the OpenLineage spec does not (no schemaURL, an eventTime
 * without offset) are accepted as sent, stored as received and read back with how they were read.
 */
class LenientEventsTest extends ServerPerDatabaseTest {
    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void eventsWithoutSchemaUrlOrOffsetAreAcceptedStoredAsSentAndSaySo(String kind) {
        TestServer server = server(kind);
        String runId = UUID.randomUUID().toString();
        String ns = "lenient-" + kind;
        // As Marquez's own sample pipelines send it: no schemaURL, and a local time.
        String run = """
                {"eventType": "COMPLETE", "eventTime": "2031-05-01T10:00:00.5", "producer": "https://hand.example",
                 "run": {"runId": "%s"}, "job": {"namespace": "%s", "name": "hand_written"},
                 "inputs": [{"namespace": "%s", "name": "raw.orders"}], "outputs": []}""".formatted(runId, ns, ns);
        String dataset = """
                {"eventTime": "2031-05-01T10:00:01Z", "producer": "p",
                 "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent",
                 "dataset": {"namespace": "%s", "name": "raw.customers"}}""".formatted(ns);

        HttpResponse<String> first = server.post("/api/v1/lineage", utf8(run));
        HttpResponse<String> second = server.post("/api/v1/lineage", utf8(dataset));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        JsonNode stored = server.getJson("/api/v1/jobs/runs/" + runId);
        assertThat(stored.get("id").asText()).isEqualTo(runId);
        assertThat(server.getJson("/api/v1/namespaces/" + ns + "/datasets/raw.customers").get("name").asText())
                .isEqualTo("raw.customers");

        JsonNode events = server.getJson("/api/v1/events/lineage?after=2031-05-01T09:00:00Z&before=2031-05-01T11:00:00Z");
        assertThat(events.get("totalCount").asLong()).isEqualTo(2);
        // Newest first: the dataset event, then the run event, each as sent (no schemaURL added).
        assertThat(events.get("events").get(1).has("schemaURL")).isFalse();
        assertThat(events.get("events").get(1).get("eventTime").asText()).isEqualTo("2031-05-01T10:00:00.5");
        JsonNode readAs = events.get("readAs");
        assertThat(readAs).hasSize(2);
        assertThat(readAs.get(0).get("index").asInt()).isZero();
        assertThat(readAs.get(0).get("notes").get(0).asText())
                .isEqualTo("kind from structure: schemaURL names a JobEvent");
        assertThat(readAs.get(1).get("index").asInt()).isEqualTo(1);
        assertThat(readAs.get(1).get("notes")).extracting(JsonNode::asText).containsExactly(
                "eventTime without offset read as UTC", "kind from structure: no schemaURL");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void whatTheSpecRequiresAndCustodianReadsIsStillRefusedWithAPointer(String kind) {
        HttpResponse<String> response = server(kind).post("/api/v1/lineage", utf8("""
                {"eventType": "COMPLETE", "eventTime": "2031-05-01", "producer": "p",
                 "run": {"runId": "not-a-uuid"}, "job": {"namespace": "n", "name": "j"}}"""));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode problem = TestServer.json(response.body());
        assertThat(problem.get("errors")).extracting(e -> e.get("pointer").asText())
                .containsExactlyInAnyOrder("/eventTime", "/run/runId");
    }
}
