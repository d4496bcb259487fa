package io.custodian.server.catalog;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static io.custodian.server.testing.TestServer.encode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodian.catalog.testing.Events.RunEventBuilder;
import io.custodian.server.testing.ServerPerDatabaseTest;
import io.custodian.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The read API over HTTP, on a running server: namespaces, datasets and their versions, jobs,
 * runs, sources, the raw event log and the OpenAPI description. Events go in through
 * {@code POST /api/v1/lineage}; each test uses namespaces of its own, since tests share a server.
 */
class CatalogReadApiTest extends ServerPerDatabaseTest {
    private static final Instant T0 = Instant.parse("2025-05-01T00:00:00Z");
    private static final String PROBLEM_JSON = "application/problem+json";
    // Fixed run ids for setup events that many parameterized cases send: the second copy is a duplicate.
    private static final UUID KNOWN_RUN = UUID.fromString("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a01");
    private static final UUID PAGED_RUN = UUID.fromString("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a02");

    private static void send(TestServer server, RunEventBuilder event) {
        HttpResponse<String> response = server.post("/api/v1/lineage", event.bytes());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private static JsonNode problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
        JsonNode problem = TestServer.json(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).isNotBlank();
        return problem;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.get(field).asText()));
        return values;
    }

    private static String datasetPath(String namespace, String name) {
        return "/api/v1/namespaces/" + encode(namespace) + "/datasets/" + encode(name);
    }

    // --- namespaces and datasets --------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("databases")
    void namespacesOfJobsAndDatasetsAreListedAndReadableOneByOne(String kind) {
        TestServer server = server(kind);
        send(server, run("COMPLETE", UUID.randomUUID(), T0).job("ns-list-jobs", "load")
                .output(dataset("ns-list-data", "orders").schema("id:int")));

        JsonNode list = server.getJson("/api/v1/namespaces?limit=1000");

        assertThat(texts(list.get("namespaces"), "name")).contains("ns-list-jobs", "ns-list-data").isSorted();
        assertThat(list.get("totalCount").asLong()).isEqualTo(list.get("namespaces").size());
        JsonNode one = server.getJson("/api/v1/namespaces/ns-list-data");
        assertThat(one.get("name").asText()).isEqualTo("ns-list-data");
        // Event times, not arrival times: the namespace dates from the first event naming it.
        assertThat(one.get("createdAt").asText()).isEqualTo(T0.toString());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void datasetsOfANamespaceArePagedByNameWithTheTotalCount(String kind) {
        TestServer server = server(kind);
        RunEventBuilder event = run("COMPLETE", UUID.randomUUID(), T0).job("paging-jobs", "fan_out");
        for (String name : List.of("e", "c", "a", "d", "b")) {
            event.output(dataset("paging-data", name).schema("id:int"));
        }
        send(server, event);

        String path = "/api/v1/namespaces/paging-data/datasets";
        JsonNode first = server.getJson(path + "?limit=2");
        JsonNode second = server.getJson(path + "?limit=2&offset=2");
        JsonNode last = server.getJson(path + "?limit=2&offset=4");
        JsonNode beyond = server.getJson(path + "?limit=2&offset=5");

        assertThat(texts(first.get("datasets"), "name")).containsExactly("a", "b");
        assertThat(texts(second.get("datasets"), "name")).containsExactly("c", "d");
        assertThat(texts(last.get("datasets"), "name")).containsExactly("e");
        assertThat(beyond.get("datasets")).isEmpty();
        assertThat(List.of(first, second, last, beyond)).allSatisfy(
                page -> assertThat(page.get("totalCount").asLong()).isEqualTo(5));
        // Without limit, the default page (100) holds all five.
        assertThat(server.getJson(path).get("datasets")).hasSize(5);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void datasetWithSlashesAndColonsInItsNamesIsReadThroughEncodedPathSegments(String kind) {
        TestServer server = server(kind);
        String namespace = "postgres://db.example:5432/encoded-" + kind;
        String name = "gold/orders:v2";
        send(server, run("COMPLETE", UUID.randomUUID(), T0).job("encoded-jobs", "publish")
                .output(dataset(namespace, name).schema("order_id:bigint", "total:decimal(10,2)")
                        .description("Orders, gold layer")
                        .dataSource("warehouse-encoded", "postgres://db.example:5432")));

        JsonNode dataset = server.getJson(datasetPath(namespace, name));

        assertThat(dataset.get("id").get("namespace").asText()).isEqualTo(namespace);
        assertThat(dataset.get("id").get("name").asText()).isEqualTo(name);
        assertThat(dataset.get("name").asText()).isEqualTo(name);
        assertThat(texts(dataset.get("fields"), "name")).containsExactly("order_id", "total");
        assertThat(texts(dataset.get("fields"), "type")).containsExactly("bigint", "decimal(10,2)");
        assertThat(dataset.get("description").asText()).isEqualTo("Orders, gold layer");
        assertThat(dataset.get("sourceName").asText()).isEqualTo("warehouse-encoded");
        assertThat(dataset.get("facets").has("schema")).isTrue();
        assertThat(texts(server.getJson("/api/v1/namespaces/" + encode(namespace) + "/datasets").get("datasets"),
                "name")).containsExactly(name);
        assertThat(server.getJson(datasetPath(namespace, name) + "/versions").get("totalCount").asLong())
                .isEqualTo(1);
        assertThat(server.getJson("/api/v1/namespaces/" + encode(namespace)).get("name").asText())
                .isEqualTo(namespace);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void schemaChangeMakesASecondDatasetVersionListedNewestFirst(String kind) {
        TestServer server = server(kind);
        UUID firstRun = UUID.randomUUID();
        UUID secondRun = UUID.randomUUID();
        send(server, run("COMPLETE", firstRun, T0).job("versions-jobs", "load")
                .output(dataset("versions-data", "customers").schema("id:bigint")));
        send(server, run("COMPLETE", secondRun, T0.plusSeconds(3600)).job("versions-jobs", "load")
                .output(dataset("versions-data", "customers").schema("id:bigint", "email:text")));

        JsonNode versions = server.getJson(datasetPath("versions-data", "customers") + "/versions");
        JsonNode dataset = server.getJson(datasetPath("versions-data", "customers"));

        assertThat(versions.get("totalCount").asLong()).isEqualTo(2);
        JsonNode newest = versions.get("versions").get(0);
        JsonNode oldest = versions.get("versions").get(1);
        assertThat(texts(newest.get("fields"), "name")).containsExactly("id", "email");
        assertThat(texts(oldest.get("fields"), "name")).containsExactly("id");
        assertThat(newest.get("createdAt").asText()).isEqualTo(T0.plusSeconds(3600).toString());
        assertThat(oldest.get("createdAt").asText()).isEqualTo(T0.toString());
        assertThat(newest.get("createdByRunUuid").asText()).isEqualTo(secondRun.toString());
        assertThat(oldest.get("createdByRunUuid").asText()).isEqualTo(firstRun.toString());
        assertThat(newest.get("createdByRun").get("id").asText()).isEqualTo(secondRun.toString());
        assertThat(newest.get("version").asText()).isNotEqualTo(oldest.get("version").asText());
        assertThat(dataset.get("currentVersion").asText()).isEqualTo(newest.get("version").asText());
        assertThat(texts(dataset.get("fields"), "name")).containsExactly("id", "email");
        JsonNode page = server.getJson(datasetPath("versions-data", "customers") + "/versions?limit=1&offset=1");
        assertThat(texts(page.get("versions"), "version")).containsExactly(oldest.get("version").asText());
    }

    // --- jobs and runs ------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("databases")
    void jobsAreListedAndAJobShowsItsSqlInputsOutputsAndLatestRun(String kind) {
        TestServer server = server(kind);
        String sql = "INSERT INTO analytics.customers SELECT id, email FROM raw.users";
        UUID earlier = UUID.randomUUID();
        UUID latest = UUID.randomUUID();
        RunEventBuilder load = run("COMPLETE", earlier, T0.plusSeconds(60)).job("jobs-ns", "load_customers").sql(sql)
                .input(dataset("jobs-data", "raw.users").schema("id:bigint", "email:text"))
                .output(dataset("jobs-data", "analytics.customers").schema("id:bigint", "email:text"));
        send(server, load);
        send(server, run("START", latest, T0.plusSeconds(3600)).job("jobs-ns", "load_customers").sql(sql));
        send(server, run("COMPLETE", UUID.randomUUID(), T0).job("jobs-ns", "audit"));

        JsonNode jobs = server.getJson("/api/v1/namespaces/jobs-ns/jobs");
        JsonNode job = server.getJson("/api/v1/namespaces/jobs-ns/jobs/load_customers");

        assertThat(texts(jobs.get("jobs"), "name")).containsExactly("audit", "load_customers");
        assertThat(jobs.get("totalCount").asLong()).isEqualTo(2);
        assertThat(job.get("id").get("namespace").asText()).isEqualTo("jobs-ns");
        assertThat(job.get("version").get("sql").asText()).isEqualTo(sql);
        assertThat(texts(job.get("inputs"), "name")).containsExactly("raw.users");
        assertThat(texts(job.get("outputs"), "name")).containsExactly("analytics.customers");
        assertThat(job.get("facets").get("sql").get("query").asText()).isEqualTo(sql);
        assertThat(job.get("latestRun").get("id").asText()).isEqualTo(latest.toString());
        assertThat(job.get("latestRun").get("state").asText()).isEqualTo("RUNNING");
        assertThat(job.get("latestRun").get("lastEventType").asText()).isEqualTo("START");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void runsOfAJobAreListedNewestFirstWhateverTheArrivalOrder(String kind) {
        TestServer server = server(kind);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        // Sent out of order: the list follows event time, not arrival.
        send(server, run("COMPLETE", second, T0.plusSeconds(3600)).job("runs-ns", "hourly"));
        send(server, run("COMPLETE", third, T0.plusSeconds(7200)).job("runs-ns", "hourly"));
        send(server, run("COMPLETE", first, T0).job("runs-ns", "hourly"));

        JsonNode runs = server.getJson("/api/v1/namespaces/runs-ns/jobs/hourly/runs");
        JsonNode page = server.getJson("/api/v1/namespaces/runs-ns/jobs/hourly/runs?limit=1&offset=1");

        assertThat(texts(runs.get("runs"), "id")).containsExactly(third.toString(), second.toString(),
                first.toString());
        assertThat(runs.get("totalCount").asLong()).isEqualTo(3);
        assertThat(texts(page.get("runs"), "id")).containsExactly(second.toString());
        assertThat(page.get("totalCount").asLong()).isEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void runIsReadByItsIdWithWhatItReadAndWroteAndItsParent(String kind) {
        TestServer server = server(kind);
        UUID runId = UUID.randomUUID();
        UUID parentId = UUID.randomUUID();
        send(server, run("START", runId, T0).job("run-by-id", "child").parent(parentId, "run-by-id", "dag"));
        send(server, run("COMPLETE", runId, T0.plusSeconds(90)).job("run-by-id", "child")
                .input(dataset("run-by-id-data", "in").schema("id:int"))
                .output(dataset("run-by-id-data", "out").schema("id:int")));

        JsonNode run = server.getJson("/api/v1/jobs/runs/" + runId);
        JsonNode out = server.getJson(datasetPath("run-by-id-data", "out"));

        assertThat(run.get("id").asText()).isEqualTo(runId.toString());
        assertThat(run.get("job").get("namespace").asText()).isEqualTo("run-by-id");
        assertThat(run.get("job").get("name").asText()).isEqualTo("child");
        assertThat(run.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(run.get("durationMs").asLong()).isEqualTo(90_000L);
        assertThat(run.get("inputDatasetVersions")).singleElement()
                .satisfies(v -> assertThat(v.get("datasetVersionId").get("name").asText()).isEqualTo("in"));
        assertThat(run.get("outputDatasetVersions").get(0).get("datasetVersionId").get("version").asText())
                .isEqualTo(out.get("currentVersion").asText());
        assertThat(run.get("parentRun").get("runId").asText()).isEqualTo(parentId.toString());
        assertThat(run.get("parentRun").get("jobName").asText()).isEqualTo("dag");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void runIdThatIsNotAUuidIsABadRequest(String kind) {
        JsonNode problem = problem(server(kind).get("/api/v1/jobs/runs/not-a-uuid"), 400);

        assertThat(problem.get("errors").findValuesAsText("pointer")).containsExactly("id");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void runIdInAShortUuidFormIsABadRequest(String kind) {
        JsonNode problem = problem(server(kind).get("/api/v1/jobs/runs/1-1-1-1-1"), 400);

        assertThat(problem.get("errors").findValuesAsText("pointer")).containsExactly("id");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void pathThatJettyRefusesIsAProblemToo(String kind) {
        problem(server(kind).get("/api/v1/namespaces/a%00b"), 400);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void decimalsInFacetsAreReadBackExactly(String kind) {
        TestServer server = server(kind);
        com.fasterxml.jackson.databind.node.ObjectNode quality =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        quality.put("_producer", "https://example.com/dq").put("nullRatio", new java.math.BigDecimal("0.10"))
                .put("rowCount", new java.math.BigDecimal("12345678901234567890.123456789"));
        send(server, run("COMPLETE", UUID.randomUUID(), T0).job("decimal-ns", "decimal_job")
                .output(dataset("decimal-ns", "decimal_dataset").facet("acme_quality", quality)));

        // The raw body: a test client parsing numbers as doubles would round them itself. A facet of
        // free values is served as received to a privacy officer only (others see it redacted).
        String officer = server.createKey("decimal-officer", "PRIVACY_OFFICER", "READER");
        String body = server.send(java.net.http.HttpRequest.newBuilder(
                        server.uri().resolve("/api/v1/namespaces/decimal-ns/datasets/decimal_dataset"))
                .header("Authorization", "Bearer " + officer).GET().build()).body();

        assertThat(body).contains("\"nullRatio\":0.10", "\"rowCount\":12345678901234567890.123456789");
    }

    // --- what is not there, and bad parameters ------------------------------------------------

    static Stream<Arguments> unknownThings() {
        return Stream.of(
                Arguments.of("/api/v1/namespaces/no-such-namespace", "no-such-namespace"),
                Arguments.of("/api/v1/namespaces/no-such-namespace/datasets", "no-such-namespace"),
                Arguments.of("/api/v1/namespaces/no-such-namespace/jobs", "no-such-namespace"),
                Arguments.of("/api/v1/namespaces/known-ns/datasets/no-such-dataset", "no-such-dataset"),
                Arguments.of("/api/v1/namespaces/known-ns/datasets/no-such-dataset/versions", "no-such-dataset"),
                Arguments.of("/api/v1/namespaces/known-ns/jobs/no-such-job", "no-such-job"),
                Arguments.of("/api/v1/namespaces/known-ns/jobs/no-such-job/runs", "no-such-job"),
                Arguments.of("/api/v1/jobs/runs/00000000-0000-4000-8000-000000000000",
                        "00000000-0000-4000-8000-000000000000"));
    }

    List<Arguments> unknownThingsOnEveryDatabase() {
        List<Arguments> arguments = new ArrayList<>();
        for (String kind : databases()) {
            unknownThings().forEach(a -> arguments.add(Arguments.of(kind, a.get()[0], a.get()[1])));
        }
        return arguments;
    }

    @ParameterizedTest
    @MethodSource("unknownThingsOnEveryDatabase")
    void unknownNamespaceDatasetJobOrRunIsNotFoundAsAProblem(String kind, String path, String missing) {
        TestServer server = server(kind);
        // The namespace exists, so only the dataset, job or run is missing.
        send(server, run("COMPLETE", KNOWN_RUN, T0).job("known-ns", "known_job")
                .output(dataset("known-ns", "known_dataset").schema("id:int")));

        JsonNode problem = problem(server.get(path), 404);

        assertThat(problem.get("detail").asText()).contains(missing);
    }

    static Stream<String> pagedPaths() {
        return Stream.of("/api/v1/namespaces", "/api/v1/namespaces/paged-ns/datasets",
                "/api/v1/namespaces/paged-ns/datasets/paged_dataset/versions", "/api/v1/namespaces/paged-ns/jobs",
                "/api/v1/namespaces/paged-ns/jobs/paged_job/runs", "/api/v1/sources", "/api/v1/events/lineage");
    }

    List<Arguments> badPaging() {
        List<Arguments> arguments = new ArrayList<>();
        for (String kind : databases()) {
            pagedPaths().forEach(path -> {
                arguments.add(Arguments.of(kind, path, "limit=0", "limit"));
                arguments.add(Arguments.of(kind, path, "limit=100000", "limit"));
                arguments.add(Arguments.of(kind, path, "offset=-1", "offset"));
                arguments.add(Arguments.of(kind, path, "limit=abc", "limit"));
                arguments.add(Arguments.of(kind, path, "offset=99999999999999999999", "offset"));
            });
        }
        return arguments;
    }

    @ParameterizedTest
    @MethodSource("badPaging")
    void pagingOutOfRangeIsABadRequestNamingTheParameter(String kind, String path, String query, String parameter) {
        TestServer server = server(kind);
        send(server, run("COMPLETE", PAGED_RUN, T0).job("paged-ns", "paged_job")
                .output(dataset("paged-ns", "paged_dataset").schema("id:int")));

        JsonNode problem = problem(server.get(path + "?" + query), 400);

        assertThat(problem.get("errors").findValuesAsText("pointer")).containsExactly(parameter);
        assertThat(problem.get("detail").asText()).startsWith(parameter);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void pagingAtItsLimitsIsAccepted(String kind) {
        TestServer server = server(kind);

        assertThat(server.get("/api/v1/namespaces?limit=1").statusCode()).isEqualTo(200);
        assertThat(server.get("/api/v1/namespaces?limit=1000&offset=0").statusCode()).isEqualTo(200);
        assertThat(server.get("/api/v1/namespaces?limit=1001").statusCode()).isEqualTo(400);
    }

    // --- sources, the event log, OpenAPI ------------------------------------------------------

    @ParameterizedTest
    @MethodSource("databases")
    void sourcesListTheSourceOfADataSourceFacet(String kind) {
        TestServer server = server(kind);
        send(server, run("COMPLETE", UUID.randomUUID(), T0).job("sources-ns", "load")
                .output(dataset("sources-data", "orders").dataSource("sources-warehouse", "postgres://wh:5432/shop")));

        JsonNode sources = server.getJson("/api/v1/sources?limit=1000");

        List<JsonNode> ours = new ArrayList<>();
        sources.get("sources").forEach(s -> {
            if (s.get("name").asText().equals("sources-warehouse")) {
                ours.add(s);
            }
        });
        assertThat(ours).singleElement().satisfies(source -> {
            assertThat(source.get("connectionUrl").asText()).isEqualTo("postgres://wh:5432/shop");
            assertThat(source.get("createdAt").asText()).isEqualTo(T0.toString());
        });
        assertThat(sources.get("totalCount").asLong()).isEqualTo(sources.get("sources").size());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void eventLogIsFilteredByEventTimeInclusiveAndListedNewestFirst(String kind) {
        TestServer server = server(kind);
        // A window of time no other test sends events in, and after every other test's events.
        Instant base = Instant.parse("2031-01-01T00:00:00Z");
        List<UUID> runs = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        for (int i = 0; i < runs.size(); i++) {
            send(server, run("START", runs.get(i), base.plusSeconds(3600L * i)).job("events-ns", "hourly"));
        }

        JsonNode window = server.getJson("/api/v1/events/lineage?after=2031-01-01T01:00:00Z"
                + "&before=2031-01-01T02:00:00Z");
        JsonNode afterOnly = server.getJson("/api/v1/events/lineage?after=2031-01-01T01:30:00Z");
        // 03:00+02:00 is 01:00Z; '+' travels as %2B, or it would read as a space.
        JsonNode withOffset = server.getJson("/api/v1/events/lineage?after=2031-01-01T03:00:00%2B02:00"
                + "&before=2031-01-01T01:00:00Z");

        assertThat(texts(window.get("events"), "eventTime"))
                .containsExactly("2031-01-01T02:00:00Z", "2031-01-01T01:00:00Z");
        assertThat(window.get("events").findValuesAsText("runId"))
                .containsExactly(runs.get(2).toString(), runs.get(1).toString());
        assertThat(window.get("totalCount").asLong()).isEqualTo(2);
        assertThat(texts(afterOnly.get("events"), "eventTime"))
                .containsExactly("2031-01-01T03:00:00Z", "2031-01-01T02:00:00Z");
        assertThat(texts(withOffset.get("events"), "eventTime")).containsExactly("2031-01-01T01:00:00Z");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void eventLogEventsAreTheEventsAsSent(String kind) {
        TestServer server = server(kind);
        Instant time = Instant.parse("2029-02-02T00:00:00Z");
        RunEventBuilder event = run("COMPLETE", UUID.randomUUID(), time).job("events-as-sent", "load")
                .output(dataset("events-as-sent", "out").schema("id:int").description("kept"));
        send(server, event);

        JsonNode events = server.getJson("/api/v1/events/lineage?after=" + time + "&before=" + time);

        assertThat(events.get("events")).singleElement()
                .isEqualTo(TestServer.json(new String(event.bytes(), StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void malformedAfterOrBeforeIsABadRequestNamingTheParameter(String kind) {
        TestServer server = server(kind);

        JsonNode after = problem(server.get("/api/v1/events/lineage?after=yesterday"), 400);
        JsonNode noOffset = problem(server.get("/api/v1/events/lineage?after=2031-01-01T00:00:00"), 400);
        JsonNode before = problem(server.get("/api/v1/events/lineage?before=2031-13-01T00:00:00Z"), 400);

        assertThat(after.get("errors").findValuesAsText("pointer")).containsExactly("after");
        assertThat(noOffset.get("errors").findValuesAsText("pointer")).containsExactly("after");
        assertThat(before.get("errors").findValuesAsText("pointer")).containsExactly("before");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void eventsBefore1970AreListedToo(String kind) {
        TestServer server = server(kind);
        UUID runId = UUID.randomUUID();
        send(server, run("COMPLETE", runId, Instant.parse("1969-07-20T20:17:40Z")).job("events-1969", "landing"));

        JsonNode events = server.getJson("/api/v1/events/lineage?before=1970-01-01T00:00:00Z");

        assertThat(events.get("events").findValuesAsText("runId")).contains(runId.toString());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void afterOrBeforeOutsideYearsOneTo9999IsABadRequest(String kind) {
        TestServer server = server(kind);

        // PostgreSQL cannot compare with +999999999-12-31: a 500 unless refused up front.
        JsonNode after = problem(server.get("/api/v1/events/lineage?after=%2B999999999-12-31T23:59:59Z"), 400);
        JsonNode before = problem(server.get("/api/v1/events/lineage?before=-999999999-01-01T00:00:00Z"), 400);

        assertThat(after.get("errors").findValuesAsText("pointer")).containsExactly("after");
        assertThat(before.get("errors").findValuesAsText("pointer")).containsExactly("before");
        assertThat(server.get("/api/v1/events/lineage?after=0001-01-01T00:00:00Z&before=9999-12-31T23:59:59Z")
                .statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void openApiDescriptionIsServedAndListsTheLineageEndpoint(String kind) {
        HttpResponse<String> response = server(kind).get("/openapi.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode paths = TestServer.json(response.body()).get("paths");
        assertThat(paths.has("/api/v1/lineage")).as(response.body()).isTrue();
        assertThat(paths.get("/api/v1/lineage").has("post")).isTrue();
        assertThat(paths.has("/api/v1/namespaces/{namespace}/datasets/{dataset}")).isTrue();
        assertThat(paths.has("/api/v1/jobs/runs/{id}")).isTrue();
    }
}
