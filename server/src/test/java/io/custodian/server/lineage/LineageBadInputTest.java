package io.custodian.server.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodian.catalog.testing.Events;
import io.custodian.server.testing.ServerPerDatabaseTest;
import io.custodian.server.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input at {@code POST /api/v1/lineage}: each request is refused with a problem that says
 * what and where, and nothing of it is written.
 */
class LineageBadInputTest extends ServerPerDatabaseTest {
    private static final Instant T0 = Instant.parse("2025-05-01T00:00:00Z");

    private static String validEvent() {
        return new String(Events.run("START", UUID.randomUUID(), T0)
                .output(Events.dataset("s3://bucket", "orders").schema("id:int")).bytes(), StandardCharsets.UTF_8);
    }

    private JsonNode refused(TestServer server, byte[] body, Map<String, String> headers, int status) {
        long before = server.eventCount();
        HttpResponse<String> response = server.post("/api/v1/lineage", body, headers);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(server.eventCount()).as("nothing written").isEqualTo(before);
        JsonNode problem = TestServer.json(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).isNotBlank();
        return problem;
    }

    private JsonNode refused(TestServer server, String body, int status) {
        return refused(server, body.getBytes(StandardCharsets.UTF_8), Map.of(), status);
    }

    private static List<String> pointers(JsonNode problem) {
        return problem.get("errors").findValuesAsText("pointer");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void malformedJsonIsRefusedWithItsLocation(String kind) {
        JsonNode problem = refused(server(kind), "{\"eventType\": \"START\",\n \"eventTime\": }", 400);
        assertThat(problem.get("detail").asText()).contains("line 2");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void emptyBodyIsRefused(String kind) {
        refused(server(kind), "", 400);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void missingRequiredFieldsAreEachPointedAt(String kind) {
        JsonNode event = TestServer.json(validEvent());
        ((com.fasterxml.jackson.databind.node.ObjectNode) event).remove("eventTime");
        ((com.fasterxml.jackson.databind.node.ObjectNode) event.get("run")).remove("runId");
        ((com.fasterxml.jackson.databind.node.ObjectNode) event.get("job")).remove("name");
        JsonNode problem = refused(server(kind), event.toString(), 422);
        assertThat(pointers(problem)).contains("/eventTime", "/run/runId", "/job/name");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void wrongTypesArePointedAt(String kind) {
        String event = validEvent()
                .replaceFirst("\"runId\":\"[^\"]+\"", "\"runId\":42")
                .replaceFirst("\"eventTime\":\"[^\"]+\"", "\"eventTime\":\"yesterday\"");
        JsonNode problem = refused(server(kind), event, 422);
        assertThat(pointers(problem)).contains("/run/runId", "/eventTime");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void badSchemaFacetFieldIsPointedAt(String kind) {
        String event = validEvent().replace("{\"name\":\"id\",\"type\":\"int\"}", "{\"type\":\"int\"}");
        JsonNode problem = refused(server(kind), event, 422);
        assertThat(pointers(problem)).containsExactly("/outputs/0/facets/schema/fields/0/name");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void unknownEventTypeIsRefused(String kind) {
        JsonNode problem = refused(server(kind), validEvent().replace("\"START\"", "\"FINISHED\""), 422);
        assertThat(pointers(problem)).containsExactly("/eventType");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void somethingThatIsNotAnEventIsRefused(String kind) {
        refused(server(kind), "[1, 2, 3]", 422);
        refused(server(kind), "{\"hello\": \"world\", \"eventTime\": \"2025-01-01T00:00:00Z\"}", 422);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void twentyMebibyteBodyIsRefusedAsTooLarge(String kind) {
        byte[] body = new byte[20 << 20];
        java.util.Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';
        TestServer server = server(kind);
        long before = server.eventCount();
        HttpResponse<String> response = server.post("/api/v1/lineage", body);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(server.eventCount()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void gzipBombIsRefusedAsTooLarge(String kind) throws IOException {
        // 20 MiB of spaces compress to about 20 KiB: the limit must hold after decompression.
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write('{');
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 20; i++) {
                gzip.write(spaces);
            }
            gzip.write('}');
        }
        assertThat(compressed.size()).isLessThan(100_000);
        refused(server(kind), compressed.toByteArray(), Map.of("Content-Encoding", "gzip"), 413);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void bodyThatIsNotGzipDespiteItsHeaderIsRefusedAsNotGzip(String kind) {
        for (byte[] garbage : List.of(validEvent().getBytes(StandardCharsets.UTF_8),
                "garbage!!!".getBytes(StandardCharsets.UTF_8),
                // The gzip magic number, then nonsense.
                new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9})) {
            JsonNode problem = refused(server(kind), garbage, Map.of("Content-Encoding", "gzip"), 400);
            assertThat(problem.get("type").asText()).endsWith("/malformed-gzip");
            assertThat(problem.get("detail").asText()).contains("not valid gzip");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void truncatedGzipBodyIsRefusedAsNotGzipNotAsEmptyOrShort(String kind) throws IOException {
        byte[] whole = gzip(validEvent());
        // Inside the gzip header (what read as "the body is empty"), inside the compressed data (what
        // read as JSON that ends early), and inside the trailer (what read as the whole event).
        for (int length : new int[] {5, whole.length / 2, whole.length - 4}) {
            JsonNode problem = refused(server(kind), java.util.Arrays.copyOf(whole, length),
                    Map.of("Content-Encoding", "gzip"), 400);
            assertThat(problem.get("type").asText()).as("cut at %d", length).endsWith("/malformed-gzip");
            assertThat(problem.get("detail").asText()).as("cut at %d", length)
                    .isEqualTo("the body is not valid gzip: it ends before its gzip stream does");
        }
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return compressed.toByteArray();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void hostileNestingIsRefused(String kind) {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        String event = validEvent().replace("\"facets\":{}", "\"facets\":{\"deep\":" + deep + "}");
        refused(server(kind), event, 400);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void oversizedNameIsRefused(String kind) {
        String event = validEvent().replace("\"name\":\"orders\"", "\"name\":\"" + "x".repeat(3_000) + "\"");
        JsonNode problem = refused(server(kind), event, 422);
        assertThat(pointers(problem)).containsExactly("/outputs/0/name");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void validEventGzippedIsAccepted(String kind) throws IOException {
        HttpResponse<String> response = server(kind).post("/api/v1/lineage", gzip(validEvent()),
                Map.of("Content-Encoding", "gzip"));
        assertThat(response.statusCode()).isEqualTo(201);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void sameEventDeliveredTwiceIsStoredOnce(String kind) {
        TestServer server = server(kind);
        byte[] event = validEvent().getBytes(StandardCharsets.UTF_8);
        long before = server.eventCount();

        HttpResponse<String> first = server.post("/api/v1/lineage", event);
        HttpResponse<String> second = server.post("/api/v1/lineage", event);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(TestServer.json(second.body()).get("duplicate").asBoolean()).isTrue();
        assertThat(server.eventCount()).isEqualTo(before + 1);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void completeDeliveredBeforeStartLeavesTheRunComplete(String kind) {
        TestServer server = server(kind);
        UUID runId = UUID.randomUUID();
        byte[] start = Events.run("START", runId, T0).job("etl", "late_start").bytes();
        byte[] complete = Events.run("COMPLETE", runId, T0.plusSeconds(45)).job("etl", "late_start").bytes();

        assertThat(server.post("/api/v1/lineage", complete).statusCode()).isEqualTo(201);
        assertThat(server.post("/api/v1/lineage", start).statusCode()).isEqualTo(201);

        JsonNode run = server.getJson("/api/v1/jobs/runs/" + runId);
        assertThat(run.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(run.get("startedAt").asText()).isEqualTo(T0.toString());
        assertThat(run.get("durationMs").asLong()).isEqualTo(45_000L);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void batchAcceptsValidEventsAndRejectsInvalidOnesOneByOne(String kind) {
        TestServer server = server(kind);
        long before = server.eventCount();
        String batch = "[" + validEvent() + ", {\"eventTime\": \"not a time\"}, " + validEvent() + "]";

        HttpResponse<String> response = server.post("/api/v1/lineage/batch", batch.getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = TestServer.json(response.body());
        assertThat(body.get("accepted").asInt()).isEqualTo(2);
        assertThat(body.get("rejected").asInt()).isEqualTo(1);
        JsonNode rejected = body.get("results").get(1);
        assertThat(rejected.get("status").asText()).isEqualTo("rejected");
        assertThat(rejected.get("errors").findValuesAsText("pointer")).contains("/1/eventTime");
        assertThat(server.eventCount()).isEqualTo(before + 2);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void batchThatIsNotAnArrayIsRefused(String kind) {
        TestServer server = server(kind);
        HttpResponse<String> response = server.post("/api/v1/lineage/batch",
                validEvent().getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
}
