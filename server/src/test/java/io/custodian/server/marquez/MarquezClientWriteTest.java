package io.custodian.server.marquez;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static io.custodian.server.marquez.MarquezModels.read;
import static io.custodian.server.testing.TestServer.encode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodian.server.marquez.MarquezModels.Dataset;
import io.custodian.server.marquez.MarquezModels.DatasetList;
import io.custodian.server.marquez.MarquezModels.HttpError;
import io.custodian.server.marquez.MarquezModels.Job;
import io.custodian.server.marquez.MarquezModels.JobList;
import io.custodian.server.marquez.MarquezModels.Namespace;
import io.custodian.server.marquez.MarquezModels.NamespaceList;
import io.custodian.server.marquez.MarquezModels.Tag;
import io.custodian.server.marquez.MarquezModels.TagList;
import io.custodian.server.testing.ServerPerDatabaseTest;
import io.custodian.server.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What Marquez's Java client changes besides sending events, over HTTP: tags (registered, on
 * datasets, on fields, where a tag naming personal data is a steward's classification), soft
 * deletes, and the older create paths, which are refused with a problem. Each test has a
 * namespace of its own.
 */
class MarquezClientWriteTest extends ServerPerDatabaseTest {
    private static final Instant T0 = Instant.parse("2025-07-01T08:00:00Z");
    private final Map<String, String> stewards = new HashMap<>();

    private String steward(String kind) {
        return stewards.computeIfAbsent(kind, k -> server(k).createKey("marquez steward", "STEWARD", "READER"));
    }

    /** A namespace of its own with a job writing {@code customers (id, email, note)}. */
    private static void seed(TestServer server, String namespace) {
        HttpResponse<String> sent = server.post("/api/v1/lineage", run("COMPLETE", UUID.randomUUID(), T0)
                .job(namespace, "load").output(dataset(namespace, "customers").schema("id:bigint", "email:text",
                        "note:text")).bytes());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
    }

    private static HttpResponse<String> call(TestServer server, String method, String path, String key, String body) {
        return server.send(HttpRequest.newBuilder(server.uri().resolve(path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private static String ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static String datasetPath(String namespace) {
        return "/api/v1/namespaces/" + encode(namespace) + "/datasets/customers";
    }

    private static Set<String> fieldTags(Dataset dataset, String field) {
        return dataset.fields().stream().filter(f -> f.name().equals(field)).findFirst().orElseThrow().tags();
    }

    private static List<JsonNode> audit(TestServer server, String action) {
        JsonNode entries = TestServer.json(server.send(HttpRequest.newBuilder(server.uri().resolve(
                "/api/v1/audit?action=" + action)).header("Authorization", "Bearer " + TestServer.ADMIN_KEY).GET()
                .build()).body()).get("entries");
        List<JsonNode> list = new ArrayList<>();
        entries.forEach(list::add);
        return list;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aStewardRegistersATagAndTagsADatasetWithIt(String kind) {
        TestServer server = server(kind);
        seed(server, "mq-dataset-tags");
        Tag tag = read(ok(call(server, "PUT", "/api/v1/tags/SENSITIVE", steward(kind),
                "{\"description\": \"Contains sensitive information\"}")), Tag.class);
        assertThat(tag.description()).isEqualTo("Contains sensitive information");
        TagList tags = read(server.get("/api/v1/tags").body(), TagList.class);
        assertThat(tags.tags()).extracting(Tag::name).contains("SENSITIVE", "PII", "EMAIL_ADDRESS", "PERSONAL_DATA");

        Dataset tagged = read(ok(call(server, "POST", datasetPath("mq-dataset-tags") + "/tags/SENSITIVE", steward(kind),
                null)), Dataset.class);
        assertThat(tagged.tags()).contains("SENSITIVE");
        assertThat(read(server.get(datasetPath("mq-dataset-tags")).body(), Dataset.class).tags()).contains("SENSITIVE");
        Dataset untagged = read(ok(call(server, "DELETE", datasetPath("mq-dataset-tags") + "/tags/SENSITIVE",
                steward(kind), null)), Dataset.class);
        assertThat(untagged.tags()).doesNotContain("SENSITIVE");
        assertThat(audit(server, "dataset.tag")).anySatisfy(e ->
                assertThat(e.get("target").asText()).isEqualTo("mq-dataset-tags/customers SENSITIVE"));
        assertThat(audit(server, "tag.put")).anySatisfy(e -> assertThat(e.get("target").asText()).isEqualTo("SENSITIVE"));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aPiiFieldTagIsAStewardClassificationAndRemovingItRejectsTheType(String kind) {
        TestServer server = server(kind);
        seed(server, "mq-pii");
        Dataset tagged = read(ok(call(server, "POST", datasetPath("mq-pii") + "/fields/email/tags/pii", steward(kind),
                null)), Dataset.class);
        assertThat(fieldTags(tagged, "email")).contains("PERSONAL_DATA");
        JsonNode classifications = server.getJson(datasetPath("mq-pii") + "/classifications").get("classifications");
        assertThat(classifications).anySatisfy(c -> {
            assertThat(c.get("field").asText()).isEqualTo("email");
            assertThat(c.get("type").asText()).isEqualTo("PERSONAL_DATA");
            assertThat(c.get("source").asText()).isEqualTo("STEWARD");
            assertThat(c.get("decision").asText()).isEqualTo("CONFIRMED");
        });
        assertThat(audit(server, "classification.confirm")).anySatisfy(e -> {
            assertThat(e.get("target").asText()).isEqualTo("mq-pii/customers/email PERSONAL_DATA");
            assertThat(e.get("detail").asText()).contains("Marquez field tag PII");
        });

        Dataset untagged = read(ok(call(server, "DELETE", datasetPath("mq-pii") + "/fields/email/tags/PII", steward(kind),
                null)), Dataset.class);
        assertThat(fieldTags(untagged, "email")).doesNotContain("PERSONAL_DATA");
        assertThat(server.getJson(datasetPath("mq-pii") + "/classifications").get("classifications")).anySatisfy(c -> {
            assertThat(c.get("type").asText()).isEqualTo("PERSONAL_DATA");
            assertThat(c.get("decision").asText()).isEqualTo("REJECTED");
        });
        assertThat(audit(server, "classification.reject")).anySatisfy(e ->
                assertThat(e.get("target").asText()).isEqualTo("mq-pii/customers/email PERSONAL_DATA"));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aFieldTagNamingATypeClassifiesAsThatTypeAndOtherTagsStayPlainTags(String kind) {
        TestServer server = server(kind);
        seed(server, "mq-field-tags");
        Dataset typed = read(ok(call(server, "POST", datasetPath("mq-field-tags") + "/fields/email/tags/email_address",
                steward(kind), null)), Dataset.class);
        assertThat(fieldTags(typed, "email")).contains("EMAIL_ADDRESS");

        ok(call(server, "PUT", "/api/v1/tags/DEPRECATED", steward(kind), null));
        Dataset plain = read(ok(call(server, "POST", datasetPath("mq-field-tags") + "/fields/note/tags/deprecated",
                steward(kind), null)), Dataset.class);
        assertThat(fieldTags(plain, "note")).containsExactly("DEPRECATED");
        assertThat(server.getJson(datasetPath("mq-field-tags") + "/classifications").get("classifications"))
                .noneSatisfy(c -> assertThat(c.get("field").asText()).isEqualTo("note"));
        Dataset removed = read(ok(call(server, "DELETE", datasetPath("mq-field-tags") + "/fields/note/tags/DEPRECATED",
                steward(kind), null)), Dataset.class);
        assertThat(fieldTags(removed, "note")).isEmpty();
        assertThat(audit(server, "field.tag")).anySatisfy(e ->
                assertThat(e.get("target").asText()).isEqualTo("mq-field-tags/customers/note DEPRECATED"));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void taggingNeedsAStewardAKnownTagAndAnExistingField(String kind) {
        TestServer server = server(kind);
        seed(server, "mq-tag-refusals");
        assertThat(call(server, "POST", datasetPath("mq-tag-refusals") + "/fields/email/tags/PII", server.key(), null)
                .statusCode()).isEqualTo(403);
        assertThat(call(server, "PUT", "/api/v1/tags/ANYTHING", server.key(), null).statusCode()).isEqualTo(403);
        HttpResponse<String> unknownTag = call(server, "POST", datasetPath("mq-tag-refusals") + "/tags/NEVER_REGISTERED",
                steward(kind), null);
        assertThat(unknownTag.statusCode()).isEqualTo(404);
        assertThat(read(unknownTag.body(), HttpError.class).message()).contains("NEVER_REGISTERED");
        assertThat(call(server, "POST", datasetPath("mq-tag-refusals") + "/fields/no_such_field/tags/PII", steward(kind),
                null).statusCode()).isEqualTo(404);
        assertThat(call(server, "POST", datasetPath("mq-tag-refusals") + "/tags/bad%20tag", steward(kind), null)
                .statusCode()).isEqualTo(400);
        // Ingest's own guesses are there; no steward decided anything.
        assertThat(server.getJson(datasetPath("mq-tag-refusals") + "/classifications").get("classifications"))
                .noneSatisfy(c -> assertThat(c.get("source").asText()).isEqualTo("STEWARD"));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theDatasetATagAnswersHasItsFreeFormFacetsRedactedAsReadsDo(String kind) {
        TestServer server = server(kind);
        HttpResponse<String> sent = server.post("/api/v1/lineage", run("COMPLETE", UUID.randomUUID(), T0)
                .job("mq-redacted", "load").output(dataset("mq-redacted", "customers").schema("id:bigint")
                        .facet("rowSample", MarquezClientReadTest.facet("RowSampleFacet").put("first", "ana@example.com")))
                .bytes());
        assertThat(sent.statusCode()).isEqualTo(201);
        ok(call(server, "PUT", "/api/v1/tags/SENSITIVE", steward(kind), null));
        JsonNode tagged = TestServer.json(ok(call(server, "POST", datasetPath("mq-redacted") + "/tags/SENSITIVE",
                steward(kind), null)));
        assertThat(tagged.get("facets").get("rowSample").get("_redacted").asBoolean()).isTrue();
        assertThat(tagged.toString()).doesNotContain("ana@example.com");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDeletedDatasetIsHiddenUntilAnEventMentionsIt(String kind) {
        TestServer server = server(kind);
        seed(server, "mq-delete-dataset");
        assertThat(call(server, "DELETE", datasetPath("mq-delete-dataset"), server.key(), null).statusCode()).isEqualTo(403);
        String body = ok(call(server, "DELETE", datasetPath("mq-delete-dataset"), steward(kind), null));
        assertThat(read(body, Dataset.class).name()).isEqualTo("customers");
        assertThat(TestServer.json(body).get("deleted").asBoolean()).isTrue();
        assertThat(server.get(datasetPath("mq-delete-dataset")).statusCode()).isEqualTo(404);
        assertThat(read(server.get("/api/v1/namespaces/mq-delete-dataset/datasets").body(), DatasetList.class)
                .datasets()).isEmpty();
        assertThat(audit(server, "dataset.delete")).anySatisfy(e ->
                assertThat(e.get("target").asText()).isEqualTo("mq-delete-dataset/customers"));

        seed(server, "mq-delete-dataset");
        Dataset back = read(server.getJson(datasetPath("mq-delete-dataset")).toString(), Dataset.class);
        assertThat(back.name()).isEqualTo("customers");
        assertThat(server.getJson(datasetPath("mq-delete-dataset")).get("deleted").asBoolean()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDeletedJobIsHiddenUntilAnEventMentionsIt(String kind) {
        TestServer server = server(kind);
        seed(server, "mq-delete-job");
        String job = "/api/v1/namespaces/mq-delete-job/jobs/load";
        assertThat(read(ok(call(server, "DELETE", job, steward(kind), null)), Job.class).name()).isEqualTo("load");
        assertThat(server.get(job).statusCode()).isEqualTo(404);
        assertThat(server.get(job + "/runs").statusCode()).isEqualTo(404);
        assertThat(read(server.get("/api/v1/namespaces/mq-delete-job/jobs").body(), JobList.class).jobs()).isEmpty();
        assertThat(call(server, "DELETE", job, steward(kind), null).statusCode()).isEqualTo(404);
        seed(server, "mq-delete-job");
        assertThat(read(server.getJson(job).toString(), Job.class).name()).isEqualTo("load");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDeletedNamespaceHidesItselfItsDatasetsAndItsJobs(String kind) {
        TestServer server = server(kind);
        seed(server, "mq-delete-namespace");
        Namespace deleted = read(ok(call(server, "DELETE", "/api/v1/namespaces/mq-delete-namespace", steward(kind),
                null)), Namespace.class);
        assertThat(deleted.isHidden()).isTrue();
        assertThat(read(server.getJson("/api/v1/namespaces?limit=1000").toString(), NamespaceList.class).namespaces())
                .extracting(Namespace::name).doesNotContain("mq-delete-namespace");
        assertThat(server.get(datasetPath("mq-delete-namespace")).statusCode()).isEqualTo(404);
        assertThat(server.get("/api/v1/namespaces/mq-delete-namespace/jobs/load").statusCode()).isEqualTo(404);
        assertThat(audit(server, "namespace.delete")).anySatisfy(e ->
                assertThat(e.get("target").asText()).isEqualTo("mq-delete-namespace"));
        seed(server, "mq-delete-namespace");
        assertThat(read(server.getJson("/api/v1/namespaces/mq-delete-namespace").toString(), Namespace.class)
                .isHidden()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void marquezsOlderWritePathsAnswerAProblemPointingToOpenLineage(String kind) {
        TestServer server = server(kind);
        String producer = server.key();
        for (String[] write : new String[][] {{"PUT", "/api/v1/namespaces/mq-legacy"},
                {"PUT", "/api/v1/sources/mq-legacy"}, {"PUT", "/api/v1/namespaces/mq-legacy/datasets/t"},
                {"PUT", "/api/v1/namespaces/mq-legacy/jobs/j"}, {"POST", "/api/v1/namespaces/mq-legacy/jobs/j/runs"},
                {"POST", "/api/v1/jobs/runs/" + UUID.randomUUID() + "/complete"}}) {
            HttpResponse<String> response = call(server, write[0], write[1], producer, "{}");
            assertThat(response.statusCode()).as(write[0] + " " + write[1]).isEqualTo(405);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            HttpError error = read(response.body(), HttpError.class);
            assertThat(error.code()).isEqualTo(405);
            assertThat(error.message()).contains("POST /api/v1/lineage");
        }
    }
}
