package io.custodian.server.lineage;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static io.custodian.server.testing.TestServer.encode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodian.catalog.testing.Events.RunEventBuilder;
import io.custodian.server.testing.ServerPerDatabaseTest;
import io.custodian.server.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code GET /api/v1/lineage} and {@code GET /api/v1/column-lineage} on a running server, with
 * events sent through {@code POST /api/v1/lineage}. Each test uses namespaces of its own.
 */
class LineageGraphApiTest extends ServerPerDatabaseTest {
    private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");
    private static final String PROBLEM_JSON = "application/problem+json";

    private static void send(TestServer server, RunEventBuilder event) {
        HttpResponse<String> response = server.post("/api/v1/lineage", event.bytes());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private static RunEventBuilder job(String namespace, String name, String input, String output) {
        return run("COMPLETE", UUID.randomUUID(), T0).job(namespace, name)
                .input(dataset(namespace, input).schema("id:bigint"))
                .output(dataset(namespace, output).schema("id:bigint").lineage("id", namespace, input, "id", "IDENTITY"));
    }

    /** a -> j1 -> b -> j2 -> c -> j3 -> d, in namespace ns, with column lineage on id. */
    private static void chain(TestServer server, String ns) {
        send(server, job(ns, "j1", "a", "b"));
        send(server, job(ns, "j2", "b", "c"));
        send(server, job(ns, "j3", "c", "d"));
    }

    private static JsonNode lineage(TestServer server, String query) {
        return server.getJson("/api/v1/lineage?" + query);
    }

    private static List<String> ids(JsonNode graph) {
        List<String> ids = new ArrayList<>();
        graph.get("graph").forEach(node -> ids.add(node.get("id").asText()));
        return ids;
    }

    private static JsonNode node(JsonNode graph, String id) {
        for (JsonNode node : graph.get("graph")) {
            if (node.get("id").asText().equals(id)) {
                return node;
            }
        }
        throw new AssertionError(id + " not in " + ids(graph));
    }

    private static JsonNode problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
        JsonNode problem = TestServer.json(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        return problem;
    }

    private static void badParameter(TestServer server, String path, String parameter, String detail) {
        JsonNode problem = problem(server.get(path), 400);
        assertThat(problem.get("errors").get(0).get("pointer").asText()).as(path).isEqualTo(parameter);
        assertThat(problem.get("detail").asText()).as(path).contains(detail);
    }

    // -- one path, two resources --------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("databases")
    void postAndBatchAndGetAllWorkOnTheLineagePath(String kind) {
        TestServer server = server(kind);
        HttpResponse<String> one = server.post("/api/v1/lineage", job("shared-path", "load", "in", "out").bytes());
        String batch = "[" + new String(job("shared-path", "load2", "out", "out2").bytes(), StandardCharsets.UTF_8) + "]";
        HttpResponse<String> many = server.post("/api/v1/lineage/batch", batch.getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> read = server.get("/api/v1/lineage?nodeId=" + encode("dataset:shared-path:out2"));

        assertThat(one.statusCode()).as(one.body()).isEqualTo(201);
        assertThat(many.statusCode()).as(many.body()).isEqualTo(200);
        assertThat(TestServer.json(many.body()).get("accepted").asInt()).isEqualTo(1);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(ids(TestServer.json(read.body()))).containsExactly("dataset:shared-path:out2",
                "job:shared-path:load2", "dataset:shared-path:out", "job:shared-path:load", "dataset:shared-path:in");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theOpenApiDocumentDescribesBothReadsAndThePosts(String kind) {
        JsonNode paths = server(kind).getJson("/openapi.json").get("paths");

        assertThat(paths.get("/api/v1/lineage").has("get")).isTrue();
        assertThat(paths.get("/api/v1/lineage").has("post")).isTrue();
        assertThat(paths.get("/api/v1/column-lineage").has("get")).isTrue();
    }

    // -- dataset level ------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("databases")
    void upstreamDownstreamAndBothInMarquezShape(String kind) {
        TestServer server = server(kind);
        chain(server, "dirs");

        JsonNode up = lineage(server, "nodeId=dataset:dirs:c&direction=upstream");
        JsonNode down = lineage(server, "nodeId=dataset:dirs:c&direction=downstream");
        JsonNode both = lineage(server, "nodeId=dataset:dirs:c");

        assertThat(ids(up)).containsExactly("dataset:dirs:c", "job:dirs:j2", "dataset:dirs:b", "job:dirs:j1",
                "dataset:dirs:a");
        assertThat(ids(down)).containsExactly("dataset:dirs:c", "job:dirs:j3", "dataset:dirs:d");
        assertThat(ids(both)).containsExactlyInAnyOrder("dataset:dirs:a", "job:dirs:j1", "dataset:dirs:b",
                "job:dirs:j2", "dataset:dirs:c", "job:dirs:j3", "dataset:dirs:d");
        assertThat(both.get("truncated").asBoolean()).isFalse();
        JsonNode c = node(both, "dataset:dirs:c");
        assertThat(c.get("type").asText()).isEqualTo("DATASET");
        assertThat(c.get("data").get("id").get("namespace").asText()).isEqualTo("dirs");
        assertThat(c.get("data").get("name").asText()).isEqualTo("c");
        assertThat(c.get("data").get("fields").get(0).get("name").asText()).isEqualTo("id");
        assertThat(c.get("inEdges").get(0).get("origin").asText()).isEqualTo("job:dirs:j2");
        assertThat(c.get("inEdges").get(0).get("destination").asText()).isEqualTo("dataset:dirs:c");
        assertThat(c.get("outEdges").get(0).get("destination").asText()).isEqualTo("job:dirs:j3");
        JsonNode j2 = node(both, "job:dirs:j2");
        assertThat(j2.get("type").asText()).isEqualTo("JOB");
        assertThat(j2.get("data").get("name").asText()).isEqualTo("j2");
        assertThat(j2.get("data").get("inputs").get(0).get("name").asText()).isEqualTo("b");
        // A job node id works as a start too.
        assertThat(ids(lineage(server, "nodeId=job:dirs:j3&direction=upstream&depth=1")))
                .containsExactly("job:dirs:j3", "dataset:dirs:c");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void depthCountsEdgesFromTheNode(String kind) {
        TestServer server = server(kind);
        chain(server, "depth");

        assertThat(ids(lineage(server, "nodeId=dataset:depth:a&direction=downstream&depth=2")))
                .containsExactly("dataset:depth:a", "job:depth:j1", "dataset:depth:b");
        assertThat(ids(lineage(server, "nodeId=dataset:depth:a&depth=0"))).containsExactly("dataset:depth:a");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aCycleIsReturnedOnce(String kind) {
        TestServer server = server(kind);
        send(server, job("cycle", "there", "x", "y"));
        send(server, job("cycle", "back", "y", "x"));

        JsonNode graph = lineage(server, "nodeId=dataset:cycle:x&depth=1000");

        assertThat(ids(graph)).containsExactlyInAnyOrder("dataset:cycle:x", "job:cycle:there", "dataset:cycle:y",
                "job:cycle:back");
        assertThat(node(graph, "dataset:cycle:x").get("inEdges")).hasSize(1);
        assertThat(node(graph, "dataset:cycle:x").get("outEdges")).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void nodeLimitTruncatesAndSaysWhichNodesWereNotExpanded(String kind) {
        TestServer server = server(kind);
        RunEventBuilder fan = run("COMPLETE", UUID.randomUUID(), T0).job("trunc", "fan").input(dataset("trunc", "src"));
        for (int i = 0; i < 8; i++) {
            fan.output(dataset("trunc", "out" + i));
        }
        send(server, fan);

        JsonNode graph = lineage(server, "nodeId=dataset:trunc:src&maxNodes=4");

        assertThat(graph.get("graph")).hasSize(4);
        assertThat(graph.get("truncated").asBoolean()).isTrue();
        assertThat(graph.get("incompleteNodes").get(0).asText()).isEqualTo("job:trunc:fan");
        assertThat(lineage(server, "nodeId=dataset:trunc:src").get("graph")).hasSize(10);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void namespacesWithColonsWorkPlainAndUrlEncoded(String kind) {
        TestServer server = server(kind);
        String pg = "postgres://db.example.com:5432/" + kind;
        String kafka = "kafka://broker:9092/" + kind;
        send(server, run("COMPLETE", UUID.randomUUID(), T0).job("colons", "sink")
                .input(dataset(kafka, "orders:v2")).output(dataset(pg, "shop.orders")));
        String id = "dataset:" + pg + ":shop.orders";

        JsonNode encoded = lineage(server, "nodeId=" + encode(id) + "&direction=upstream");
        // Parts encoded once more, as some clients build ids from encoded path segments.
        JsonNode doubly = lineage(server, "nodeId=" + encode("dataset:" + encode(pg) + ":shop.orders")
                + "&direction=upstream");

        assertThat(ids(encoded)).containsExactly(id, "job:colons:sink", "dataset:" + kafka + ":orders:v2");
        assertThat(ids(doubly)).isEqualTo(ids(encoded));
        assertThat(node(encoded, "dataset:" + kafka + ":orders:v2").get("data").get("namespace").asText())
                .isEqualTo(kafka);
    }

    // -- column level -------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("databases")
    void columnLineageIsUpstreamByDefaultAndBothWithDownstream(String kind) {
        TestServer server = server(kind);
        chain(server, "cols");

        JsonNode up = server.getJson("/api/v1/column-lineage?nodeId=" + encode("datasetField:cols:c:id"));
        JsonNode both = server.getJson("/api/v1/column-lineage?nodeId=datasetField:cols:c:id&withDownstream=true");
        JsonNode down = server.getJson("/api/v1/column-lineage?nodeId=datasetField:cols:c:id&direction=downstream");
        JsonNode dataset = server.getJson("/api/v1/column-lineage?nodeId=dataset:cols:b&direction=both&depth=1");

        assertThat(ids(up)).containsExactly("datasetField:cols:c:id", "datasetField:cols:b:id", "datasetField:cols:a:id");
        assertThat(ids(both)).containsExactlyInAnyOrder("datasetField:cols:a:id", "datasetField:cols:b:id",
                "datasetField:cols:c:id", "datasetField:cols:d:id");
        assertThat(ids(down)).containsExactly("datasetField:cols:c:id", "datasetField:cols:d:id");
        assertThat(ids(dataset)).containsExactlyInAnyOrder("datasetField:cols:b:id", "datasetField:cols:a:id",
                "datasetField:cols:c:id");
        JsonNode c = node(up, "datasetField:cols:c:id");
        assertThat(c.get("type").asText()).isEqualTo("DATASET_FIELD");
        JsonNode data = c.get("data");
        assertThat(data.get("namespace").asText()).isEqualTo("cols");
        assertThat(data.get("dataset").asText()).isEqualTo("c");
        assertThat(data.get("field").asText()).isEqualTo("id");
        assertThat(data.get("fieldType").asText()).isEqualTo("bigint");
        assertThat(data.get("transformationType").asText()).isEqualTo("DIRECT");
        JsonNode input = data.get("inputFields").get(0);
        assertThat(input.get("namespace").asText()).isEqualTo("cols");
        assertThat(input.get("dataset").asText()).isEqualTo("b");
        assertThat(input.get("field").asText()).isEqualTo("id");
        assertThat(input.get("transformationType").asText()).isEqualTo("DIRECT");
        assertThat(input.get("transformationSubtype").asText()).isEqualTo("IDENTITY");
        assertThat(input.get("provenance").asText()).isEqualTo("PRODUCER");
        assertThat(c.get("inEdges").get(0).get("origin").asText()).isEqualTo("datasetField:cols:b:id");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void lineageDerivedFromAnIngestedSqlFacetIsServedWithItsProvenance(String kind) {
        TestServer server = server(kind);
        // No columnLineage facet: only the job's SQL says where the columns come from.
        send(server, run("COMPLETE", UUID.randomUUID(), T0).job("airflow", "daily_totals")
                .sql("INSERT INTO analytics.daily (day, total) SELECT created_at, sum(amount) FROM raw.orders "
                        + "WHERE status = 'paid' GROUP BY created_at")
                .input(dataset("warehouse", "raw.orders").schema("id:bigint", "amount:numeric", "status:text",
                        "created_at:date"))
                .output(dataset("warehouse", "analytics.daily").schema("day:date", "total:numeric")));
        server.awaitDerivedLineage();

        JsonNode total = node(server.getJson("/api/v1/column-lineage?nodeId="
                + encode("datasetField:warehouse:analytics.daily:total")), "datasetField:warehouse:analytics.daily:total");
        JsonNode input = total.get("data").get("inputFields").get(0);
        assertThat(input.get("dataset").asText()).isEqualTo("raw.orders");
        assertThat(input.get("field").asText()).isEqualTo("amount");
        assertThat(input.get("transformationSubtype").asText()).isEqualTo("AGGREGATION");
        assertThat(input.get("provenance").asText()).isEqualTo("DERIVED");
        assertThat(ids(server.getJson("/api/v1/column-lineage?nodeId="
                + encode("datasetField:warehouse:raw.orders:created_at") + "&direction=downstream")))
                .contains("datasetField:warehouse:analytics.daily:day");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void columnLineageTruncatesAtTheNodeLimit(String kind) {
        TestServer server = server(kind);
        chain(server, "coltrunc");

        JsonNode graph = server.getJson("/api/v1/column-lineage?nodeId=datasetField:coltrunc:a:id"
                + "&direction=downstream&maxNodes=2");

        assertThat(ids(graph)).containsExactly("datasetField:coltrunc:a:id", "datasetField:coltrunc:b:id");
        assertThat(graph.get("truncated").asBoolean()).isTrue();
        assertThat(graph.get("incompleteNodes").get(0).asText()).isEqualTo("datasetField:coltrunc:b:id");
    }

    // -- bad input and access -----------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("databases")
    void badParametersAre400sNamingTheParameter(String kind) {
        TestServer server = server(kind);
        chain(server, "bad");
        String ok = "nodeId=dataset:bad:a";

        badParameter(server, "/api/v1/lineage", "nodeId", "required");
        badParameter(server, "/api/v1/lineage?nodeId=table:bad:a", "nodeId", "must start with");
        badParameter(server, "/api/v1/lineage?nodeId=dataset:bad", "nodeId", "dataset:NAMESPACE:NAME");
        badParameter(server, "/api/v1/lineage?nodeId=" + encode("datasetField:bad:a:id"), "nodeId", "column-level");
        // Jetty refuses a URI over its 8 KiB limit before the resource sees it, still as problem+json.
        problem(server.get("/api/v1/lineage?nodeId=dataset:bad:" + "x".repeat(9_000)), 414);
        badParameter(server, "/api/v1/lineage?nodeId=dataset:bad:a%00b", "nodeId", "NUL character");
        badParameter(server, "/api/v1/lineage?" + ok + "&depth=-1", "depth", "from 0 to 1000");
        badParameter(server, "/api/v1/lineage?" + ok + "&depth=1001", "depth", "from 0 to 1000");
        badParameter(server, "/api/v1/lineage?" + ok + "&depth=deep", "depth", "whole number");
        badParameter(server, "/api/v1/lineage?" + ok + "&direction=sideways", "direction", "upstream, downstream or both");
        badParameter(server, "/api/v1/lineage?" + ok + "&maxNodes=0", "maxNodes", "from 1 to 10000");
        badParameter(server, "/api/v1/lineage?" + ok + "&maxNodes=10001", "maxNodes", "from 1 to 10000");
        badParameter(server, "/api/v1/column-lineage", "nodeId", "required");
        badParameter(server, "/api/v1/column-lineage?nodeId=job:bad:j1", "nodeId", "names a job");
        badParameter(server, "/api/v1/column-lineage?" + ok + "&withDownstream=maybe", "withDownstream", "true or false");
        badParameter(server, "/api/v1/column-lineage?" + ok + "&withDownstream=true&direction=upstream", "direction",
                "contradicts");
        badParameter(server, "/api/v1/column-lineage?" + ok + "&depth=1001", "depth", "from 0 to 1000");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void unknownNodesAre404sNamingTheNode(String kind) {
        TestServer server = server(kind);
        chain(server, "missing");

        JsonNode dataset = problem(server.get("/api/v1/lineage?nodeId=dataset:missing:nope"), 404);
        JsonNode job = problem(server.get("/api/v1/lineage?nodeId=job:missing:nope"), 404);
        JsonNode field = problem(server.get("/api/v1/column-lineage?nodeId=datasetField:missing:a:nope"), 404);
        JsonNode namespace = problem(server.get("/api/v1/column-lineage?nodeId=dataset:no-such-namespace:a"), 404);

        assertThat(dataset.get("detail").asText()).contains("dataset:missing:nope");
        assertThat(job.get("detail").asText()).contains("job:missing:nope");
        assertThat(field.get("detail").asText()).contains("datasetField:missing:a:nope");
        assertThat(namespace.get("detail").asText()).contains("dataset:no-such-namespace:a");
        // Well formed as given, malformed once decoded: still a node that does not exist.
        problem(server.get("/api/v1/lineage?nodeId=" + encode("dataset:missing:%3Anope%00")), 404);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void readingLineageNeedsTheReaderRole(String kind) {
        TestServer server = server(kind);
        chain(server, "auth");
        String producer = server.createKey("producer only", "PRODUCER");
        for (String path : List.of("/api/v1/lineage?nodeId=dataset:auth:a",
                "/api/v1/column-lineage?nodeId=datasetField:auth:a:id")) {
            HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve(path)).GET();

            problem(server.send(request.build()), 401);
            problem(server.send(HttpRequest.newBuilder(server.uri().resolve(path))
                    .header("Authorization", "Bearer " + TestServer.ADMIN_KEY).GET().build()), 403);
            problem(server.send(HttpRequest.newBuilder(server.uri().resolve(path))
                    .header("Authorization", "Bearer " + producer).GET().build()), 403);
            assertThat(server.get(path).statusCode()).isEqualTo(200);
        }
    }
}
