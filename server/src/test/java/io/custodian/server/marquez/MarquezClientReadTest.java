package io.custodian.server.marquez;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static io.custodian.server.marquez.MarquezModels.read;
import static io.custodian.server.testing.TestServer.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodian.catalog.testing.Events;
import io.custodian.catalog.testing.Events.RunEventBuilder;
import io.custodian.server.marquez.MarquezModels.ColumnLineageNodeData;
import io.custodian.server.marquez.MarquezModels.Dataset;
import io.custodian.server.marquez.MarquezModels.DatasetList;
import io.custodian.server.marquez.MarquezModels.DatasetNodeData;
import io.custodian.server.marquez.MarquezModels.DatasetVersion;
import io.custodian.server.marquez.MarquezModels.DatasetVersionList;
import io.custodian.server.marquez.MarquezModels.FacetsResult;
import io.custodian.server.marquez.MarquezModels.HttpError;
import io.custodian.server.marquez.MarquezModels.IntervalMetric;
import io.custodian.server.marquez.MarquezModels.Job;
import io.custodian.server.marquez.MarquezModels.JobList;
import io.custodian.server.marquez.MarquezModels.JobNodeData;
import io.custodian.server.marquez.MarquezModels.JobType;
import io.custodian.server.marquez.MarquezModels.JobVersion;
import io.custodian.server.marquez.MarquezModels.JobVersionList;
import io.custodian.server.marquez.MarquezModels.Lineage;
import io.custodian.server.marquez.MarquezModels.LineageEvents;
import io.custodian.server.marquez.MarquezModels.LineageMetric;
import io.custodian.server.marquez.MarquezModels.Namespace;
import io.custodian.server.marquez.MarquezModels.NamespaceList;
import io.custodian.server.marquez.MarquezModels.ResultType;
import io.custodian.server.marquez.MarquezModels.Run;
import io.custodian.server.marquez.MarquezModels.RunList;
import io.custodian.server.marquez.MarquezModels.RunState;
import io.custodian.server.marquez.MarquezModels.SearchResults;
import io.custodian.server.marquez.MarquezModels.Source;
import io.custodian.server.marquez.MarquezModels.SourceList;
import io.custodian.server.marquez.MarquezModels.UpstreamRunLineage;
import io.custodian.server.testing.ServerPerDatabaseTest;
import io.custodian.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every read path Marquez's Java client calls, over HTTP with an API key, read into the client's
 * shapes ({@link MarquezModels}) as strictly as the client reads them. One lineage story per
 * server: {@code extract} reads a table no event described (raw.users) and writes
 * staging.users; {@code load}, a streaming child of extract, reads it and writes
 * analytics.customers, and its second run fails.
 */
class MarquezClientReadTest extends ServerPerDatabaseTest {
    static final Instant T0 = Instant.parse("2025-06-01T08:00:00Z");
    static final String NS = "marquez-etl";
    static final String DB = "marquez-db";
    private final Map<String, Story> stories = new HashMap<>();

    /** The ids of the story's runs. */
    record Story(UUID extract, UUID load, UUID failedLoad) {}

    static ObjectNode facet(String schema) {
        return JsonNodeFactory.instance.objectNode().put("_producer", Events.PRODUCER)
                .put("_schemaURL", "https://openlineage.io/spec/facets/1-0-0/" + schema + ".json");
    }

    static void send(TestServer server, RunEventBuilder event) {
        HttpResponse<String> response = server.post("/api/v1/lineage", event.bytes());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    /** The story, sent once per server. */
    Story story(String kind) {
        TestServer server = server(kind);
        return stories.computeIfAbsent(kind, k -> {
            Story story = new Story(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
            send(server, run("START", story.extract(), T0).job(NS, "extract").input(dataset(DB, "raw.users")));
            send(server, run("COMPLETE", story.extract(), T0.plusSeconds(60)).job(NS, "extract")
                    .input(dataset(DB, "raw.users"))
                    .output(dataset(DB, "staging.users").schema("id:bigint", "email:text", "note")
                            .dataSource("marquez-pg", "postgres://db:5432")
                            .facet("lifecycleStateChange",
                                    facet("LifecycleStateChangeDatasetFacet").put("lifecycleStateChange", "OVERWRITE"))
                            .lineage("email", DB, "raw.users", "email", "IDENTITY")));
            ObjectNode streaming = facet("JobTypeJobFacet").put("processingType", "STREAMING")
                    .put("integration", "FLINK").put("jobType", "JOB");
            send(server, run("COMPLETE", story.load(), T0.plusSeconds(120)).job(NS, "load").jobFacet("jobType", streaming)
                    .parent(story.extract(), NS, "extract")
                    .input(dataset(DB, "staging.users").schema("id:bigint", "email:text", "note"))
                    .output(dataset(DB, "analytics.customers").schema("customer_id:bigint", "email:text")
                            .dataSource("marquez-pg", "postgres://db:5432")
                            .lineage("email", DB, "staging.users", "email", "IDENTITY")));
            send(server, run("FAIL", story.failedLoad(), T0.plusSeconds(180)).job(NS, "load")
                    .jobFacet("jobType", streaming).parent(story.extract(), NS, "extract"));
            return story;
        });
    }

    static String ns(String namespace) {
        return "/api/v1/namespaces/" + encode(namespace);
    }

    String body(String kind, String path) {
        return server(kind).getJson(path).toString();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void namespacesReadAsTheClientsNamespaces(String kind) {
        story(kind);
        Namespace one = read(body(kind, ns(NS)), Namespace.class);
        assertThat(one.name()).isEqualTo(NS);
        assertThat(one.ownerName()).isEqualTo("anonymous");
        assertThat(one.isHidden()).isFalse();
        assertThat(read(body(kind, "/api/v1/namespaces"), NamespaceList.class).namespaces())
                .extracting(Namespace::name).contains(NS, DB);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDatasetNoEventDescribedHasTheDefaultSourceAndAVersion(String kind) {
        story(kind);
        Dataset raw = read(body(kind, ns(DB) + "/datasets/raw.users"), Dataset.class);
        assertThat(raw.sourceName()).isEqualTo("default");
        assertThat(raw.currentVersion()).isNotNull();
        assertThat(raw.fields()).isEmpty();
        DatasetVersionList versions = read(body(kind, ns(DB) + "/datasets/raw.users/versions"), DatasetVersionList.class);
        assertThat(versions.versions()).singleElement()
                .satisfies(v -> assertThat(v.version()).isEqualTo(raw.currentVersion().toString()));
        DatasetVersion version = read(body(kind, ns(DB) + "/datasets/raw.users/versions/" + raw.currentVersion()),
                DatasetVersion.class);
        assertThat(version.sourceName()).isEqualTo("default");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDatasetCarriesItsSourceLifecycleColumnLineageAndFieldTags(String kind) {
        story(kind);
        String json = body(kind, ns(DB) + "/datasets/staging.users");
        Dataset staging = read(json, Dataset.class);
        assertThat(staging.sourceName()).isEqualTo("marquez-pg");
        assertThat(staging.fields()).extracting(MarquezModels.Field::name).containsExactly("id", "email", "note");
        assertThat(staging.fields()).allSatisfy(f -> assertThat(f.tags()).isNotNull());
        assertThat(staging.columnLineage()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("email");
            assertThat(c.inputFields()).singleElement().satisfies(i -> {
                assertThat(i.dataset()).isEqualTo("raw.users");
                assertThat(i.transformationType()).isEqualTo("DIRECT");
            });
        });
        assertThat(TestServer.json(json).get("lastLifecycleState").asText()).isEqualTo("OVERWRITE");
        assertThat(TestServer.json(json).get("deleted").asBoolean()).isFalse();
        assertThat(read(body(kind, ns(DB) + "/datasets"), DatasetList.class).datasets())
                .extracting(Dataset::name).containsExactly("analytics.customers", "raw.users", "staging.users");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDatasetVersionCarriesTheRunThatWroteIt(String kind) {
        Story story = story(kind);
        DatasetVersionList list = read(body(kind, ns(DB) + "/datasets/staging.users/versions"), DatasetVersionList.class);
        DatasetVersion listed = list.versions().get(0);
        assertThat(listed.createdByRun()).isNotNull();
        assertThat(listed.createdByRun().id()).isEqualTo(story.extract().toString());
        assertThat(listed.createdByRun().state()).isEqualTo(RunState.COMPLETED);
        String json = body(kind, ns(DB) + "/datasets/staging.users/versions/" + listed.version());
        DatasetVersion one = read(json, DatasetVersion.class);
        assertThat(one.fields()).extracting(MarquezModels.Field::name).containsExactly("id", "email", "note");
        assertThat(TestServer.json(json).get("createdByRunUuid").asText()).isEqualTo(story.extract().toString());
        assertThat(TestServer.json(json).get("lifecycleState").asText()).isEqualTo("OVERWRITE");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void jobsReadWithMarquezTypesParentsAndLatestRuns(String kind) {
        Story story = story(kind);
        String json = body(kind, ns(NS) + "/jobs/load");
        Job load = read(json, Job.class);
        assertThat(load.type()).isEqualTo(JobType.STREAM);
        assertThat(load.simpleName()).isEqualTo("load");
        assertThat(load.parentJobName()).isEqualTo("extract");
        assertThat(load.latestRun().id()).isEqualTo(story.failedLoad().toString());
        assertThat(load.latestRun().state()).isEqualTo(RunState.FAILED);
        assertThat(TestServer.json(json).get("latestRuns")).hasSize(2);
        assertThat(TestServer.json(json).get("parentJobUuid").asText()).isNotBlank();
        Job extract = read(body(kind, ns(NS) + "/jobs/extract"), Job.class);
        assertThat(extract.type()).isEqualTo(JobType.BATCH);
        assertThat(read(body(kind, ns(NS) + "/jobs"), JobList.class).jobs()).extracting(Job::name)
                .containsExactly("extract", "load");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void jobVersionsReadOneByOneAndListed(String kind) {
        Story story = story(kind);
        Job load = read(body(kind, ns(NS) + "/jobs/load"), Job.class);
        JobVersionList versions = read(body(kind, ns(NS) + "/jobs/load/versions"), JobVersionList.class);
        assertThat(versions.versions()).extracting(JobVersion::version).contains(load.currentVersion());
        // The failed run read and wrote nothing: its version is the current one, the first run's is older.
        JobVersion current = read(body(kind, ns(NS) + "/jobs/load/versions/" + load.currentVersion()), JobVersion.class);
        assertThat(current.id().name()).isEqualTo("load");
        assertThat(current.latestRun().id()).isEqualTo(story.failedLoad().toString());
        JobVersion reading = versions.versions().stream().filter(v -> !v.inputs().isEmpty()).findFirst().orElseThrow();
        JobVersion one = read(body(kind, ns(NS) + "/jobs/load/versions/" + reading.version()), JobVersion.class);
        assertThat(one.inputs()).extracting(MarquezModels.DatasetId::name).containsExactly("staging.users");
        assertThat(one.latestRun().id()).isEqualTo(story.load().toString());
        HttpResponse<String> otherJobs = server(kind).get(ns(NS) + "/jobs/extract/versions/" + load.currentVersion());
        assertThat(otherJobs.statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void jobsOfEveryNamespaceAreFilteredByTheirLatestRunsState(String kind) {
        story(kind);
        JobList failed = read(body(kind, "/api/v1/jobs?lastRunStates=FAILED&limit=1000"), JobList.class);
        assertThat(failed.jobs()).extracting(Job::name).contains("load").doesNotContain("extract");
        JobList all = read(body(kind, "/api/v1/jobs?limit=1000"), JobList.class);
        assertThat(all.jobs()).extracting(Job::name).contains("load", "extract");
        assertThat(server(kind).get("/api/v1/jobs?lastRunStates=DONE").statusCode()).isEqualTo(400);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void runsCarryMarquezStatesAndDatasetVersionsWithFacets(String kind) {
        Story story = story(kind);
        RunList runs = read(body(kind, ns(NS) + "/jobs/load/runs"), RunList.class);
        assertThat(runs.runs()).extracting(Run::state).containsExactly(RunState.FAILED, RunState.COMPLETED);
        String json = body(kind, "/api/v1/jobs/runs/" + story.extract());
        Run extract = read(json, Run.class);
        assertThat(extract.state()).isEqualTo(RunState.COMPLETED);
        assertThat(extract.args()).isEmpty();
        assertThat(extract.inputDatasetVersions()).singleElement()
                .satisfies(v -> assertThat(v.datasetVersionId().name()).isEqualTo("raw.users"));
        assertThat(extract.outputDatasetVersions()).singleElement()
                .satisfies(v -> assertThat(v.datasetVersionId().name()).isEqualTo("staging.users"));
        assertThat(TestServer.json(json).get("lastEventType").asText()).isEqualTo("COMPLETE");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRunsFacetsAndItsJobsAreRead(String kind) {
        Story story = story(kind);
        FacetsResult run = read(body(kind, "/api/v1/jobs/runs/" + story.load() + "/facets?type=run"), FacetsResult.class);
        assertThat(run.runId()).isEqualTo(story.load());
        assertThat(run.facets()).containsKey("parent");
        FacetsResult job = read(body(kind, "/api/v1/jobs/runs/" + story.load() + "/facets?type=job"), FacetsResult.class);
        assertThat(job.facets()).containsKey("jobType");
        assertThat(server(kind).get("/api/v1/jobs/runs/" + story.load() + "/facets").statusCode()).isEqualTo(400);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void sourcesReadListedAndByName(String kind) {
        story(kind);
        Source source = read(body(kind, "/api/v1/sources/marquez-pg"), Source.class);
        assertThat(source.type()).isEqualTo("POSTGRES");
        assertThat(source.connectionUrl()).hasToString("postgres://db:5432");
        assertThat(read(body(kind, "/api/v1/sources"), SourceList.class).sources()).extracting(Source::name)
                .contains("marquez-pg");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void searchAnswersMarquezsResultTypesFilterAndSort(String kind) {
        story(kind);
        SearchResults datasets = read(body(kind, "/api/v1/search?q=users&filter=DATASET&sort=UPDATE_AT"),
                SearchResults.class);
        assertThat(datasets.results()).isNotEmpty().allSatisfy(r -> assertThat(r.type()).isEqualTo(ResultType.DATASET));
        SearchResults jobs = read(body(kind, "/api/v1/search?q=load&filter=JOB&sort=NAME"), SearchResults.class);
        assertThat(jobs.results()).isNotEmpty().allSatisfy(r -> assertThat(r.type()).isEqualTo(ResultType.JOB));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void lineageGraphsReadAsTheClientsNodes(String kind) {
        story(kind);
        Lineage graph = read(body(kind, "/api/v1/lineage?nodeId="
                + encode("dataset:" + DB + ":staging.users") + "&depth=5"), Lineage.class);
        assertThat(graph.graph()).extracting(n -> n.data().getClass().getSimpleName())
                .contains(DatasetNodeData.class.getSimpleName(), JobNodeData.class.getSimpleName());
        Lineage columns = read(body(kind, "/api/v1/column-lineage?nodeId="
                + encode("datasetField:" + DB + ":analytics.customers:email") + "&withDownstream=false"), Lineage.class);
        assertThat(columns.graph()).isNotEmpty().allSatisfy(n -> assertThat(n.data())
                .isInstanceOf(ColumnLineageNodeData.class));
        // raw.users.email is typed by no schema: Marquez's field type is then "".
        assertThat(columns.graph()).map(n -> (ColumnLineageNodeData) n.data())
                .filteredOn(d -> d.dataset().equals("raw.users")).singleElement()
                .satisfies(d -> assertThat(d.fieldType()).isEmpty());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void lineageEventsAreSortedInEitherDirection(String kind) {
        story(kind);
        String window = "after=" + encode(T0.toString()) + "&before=" + encode(T0.plusSeconds(180).toString());
        LineageEvents ascending = read(body(kind, "/api/v1/events/lineage?sortDirection=asc&" + window),
                LineageEvents.class);
        LineageEvents descending = read(body(kind, "/api/v1/events/lineage?sortDirection=desc&" + window),
                LineageEvents.class);
        assertThat(ascending.events()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(ascending.events().get(0).eventTime().toInstant())
                .isBefore(ascending.events().get(ascending.events().size() - 1).eventTime().toInstant());
        assertThat(descending.events()).extracting(e -> e.eventTime().toInstant())
                .containsExactlyElementsOf(ascending.events().stream().map(e -> e.eventTime().toInstant())
                        .sorted(java.util.Comparator.reverseOrder()).toList());
        assertThat(server(kind).get("/api/v1/events/lineage?sortDirection=sideways").statusCode()).isEqualTo(400);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void statsReadPerIntervalForADayAndAWeek(String kind) {
        story(kind);
        LineageMetric[] day = read(body(kind, "/api/v1/stats/lineage-events?period=DAY"), LineageMetric[].class);
        assertThat(day).hasSize(24);
        LineageMetric[] week = read(body(kind, "/api/v1/stats/lineage-events?period=WEEK&timezone=Europe/Madrid"),
                LineageMetric[].class);
        assertThat(week).hasSize(7);
        for (String what : List.of("jobs", "datasets", "sources")) {
            IntervalMetric[] counts = read(body(kind, "/api/v1/stats/" + what + "?period=DAY"), IntervalMetric[].class);
            assertThat(counts).hasSize(24);
            // Everything the story made was created before the last hour ended.
            assertThat(counts[23].count()).as(what).isPositive();
        }
        assertThat(server(kind).get("/api/v1/stats/jobs?period=WEEK").statusCode()).isEqualTo(400);
        assertThat(server(kind).get("/api/v1/stats/jobs?period=MONTH").statusCode()).isEqualTo(400);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void runLineageGoesUpstreamToTheRunThatWroteWhatARunRead(String kind) {
        Story story = story(kind);
        UpstreamRunLineage lineage = read(body(kind, "/api/v1/runlineage/upstream?runId=" + story.load()),
                UpstreamRunLineage.class);
        assertThat(lineage.runs()).extracting(r -> r.run().id()).containsExactly(story.load(), story.extract());
        assertThat(lineage.runs().get(0).inputs()).singleElement()
                .satisfies(i -> assertThat(i.producedByRunId()).isEqualTo(story.extract()));
        assertThat(lineage.runs().get(1).run().status()).isEqualTo(RunState.COMPLETED);
        assertThat(read(body(kind, "/api/v1/runlineage/upstream?depth=0&runId=" + story.load()),
                UpstreamRunLineage.class).runs()).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void errorsCarryMarquezsCodeAndMessageBesideTheProblem(String kind) {
        HttpResponse<String> missing = server(kind).get(ns("no-such-namespace"));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        HttpError error = read(missing.body(), HttpError.class);
        assertThat(error.code()).isEqualTo(404);
        assertThat(error.message()).contains("no-such-namespace");
        assertThat(TestServer.json(missing.body()).get("detail").asText()).isEqualTo(error.message());
    }

    @Test
    void theStrictReadingRefusesWhatMarquezsClientRefuses() {
        // Lower-case run states and search types are what the client cannot read.
        assertThatThrownBy(() -> read("{\"type\":\"dataset\",\"name\":\"a\",\"updatedAt\":\"2025-01-01T00:00:00Z\","
                + "\"namespace\":\"n\",\"nodeId\":\"dataset:n:a\"}", MarquezModels.SearchResult.class))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> read("{\"id\":\"r\",\"createdAt\":\"2025-01-01T00:00:00Z\","
                + "\"updatedAt\":\"2025-01-01T00:00:00Z\",\"state\":\"COMPLETE\"}", Run.class))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> read("{\"name\":\"n\",\"createdAt\":\"2025-01-01T00:00:00Z\","
                + "\"updatedAt\":\"2025-01-01T00:00:00Z\"}", Namespace.class))
                .isInstanceOf(AssertionError.class);
        assertThat(read("{\"name\":\"n\",\"createdAt\":\"2025-01-01T00:00:00Z\",\"updatedAt\":\"2025-01-01T00:00:00Z\","
                + "\"ownerName\":\"o\",\"isHidden\":false,\"custodianOnly\":1}", Namespace.class).name()).isEqualTo("n");
    }
}
