package io.custodian.server.scan;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static io.custodian.server.testing.TestServer.encode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodian.catalog.testing.TestDatabase;
import io.custodian.scanner.classify.PiiColumnClassifier;
import io.custodian.server.testing.TestServer;
import io.dropwizard.testing.ConfigOverride;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scans and steward review over HTTP, against a real server scanning a real database (H2, and
 * PostgreSQL when configured) with the real classifier.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScanApiTest {
    private static final String NS = "test://target";
    private final Map<String, TestServer> servers = new HashMap<>();
    private final Map<String, TestDatabase> sources = new HashMap<>();
    private final Map<String, String> schemas = new HashMap<>();
    private final Map<String, String> stewards = new HashMap<>();

    List<String> databases() {
        return TestDatabase.kinds();
    }

    private TestServer server(String kind) {
        return servers.computeIfAbsent(kind, k -> {
            TestDatabase source = TestDatabase.create(k);
            sources.put(k, source);
            String schema = "shop_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
            schemas.put(k, schema);
            String series = k.equals("h2") ? "SYSTEM_RANGE(1, 300) r(i)" : "generate_series(1, 300) AS r(i)";
            execute(source, "CREATE SCHEMA " + schema,
                    "CREATE TABLE " + schema + ".customers (id INTEGER, email VARCHAR(200), note VARCHAR(200))",
                    "INSERT INTO " + schema + ".customers SELECT i, CONCAT('u', CAST(i AS VARCHAR), '@example.com'), "
                            + "'see ticket' FROM " + series);
            TestServer server = TestServer.start(k,
                    ConfigOverride.config("sources[0].url", source.jdbcUrl()),
                    ConfigOverride.config("sources[0].user", source.user()),
                    ConfigOverride.config("sources[0].password", source.password()));
            stewards.put(k, server.createKey("steward", "STEWARD", "READER"));
            return server;
        });
    }

    private static void execute(TestDatabase db, String... statements) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    void stop() {
        servers.values().forEach(TestServer::close);
        sources.forEach((kind, db) -> {
            execute(db, "DROP SCHEMA " + schemas.get(kind) + " CASCADE");
            db.close();
        });
    }

    private HttpResponse<String> call(String kind, String method, String path, String body, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server(kind).uri().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(60));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return server(kind).send(request.build());
    }

    private HttpResponse<String> steward(String kind, String method, String path, String body) {
        server(kind);
        return call(kind, method, path, body, stewards.get(kind));
    }

    private JsonNode awaitScan(String kind, HttpResponse<String> started) {
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith("/api/v1/scans/" + TestServer.json(started.body()).get("id").asText());
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            JsonNode scan = TestServer.json(steward(kind, "GET", location, null).body());
            if (List.of("SUCCEEDED", "FAILED", "INTERRUPTED").contains(scan.get("status").asText())) {
                return scan;
            }
            sleep(50);
        }
        throw new AssertionError("the scan did not finish");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode await(String kind, String path, Predicate<JsonNode> done) {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < end) {
            last = TestServer.json(steward(kind, "GET", path, null).body());
            if (done.test(last)) {
                return last;
            }
            sleep(50);
        }
        throw new AssertionError("not reached in time: " + last);
    }

    private static JsonNode field(JsonNode dataset, String name) {
        for (JsonNode f : dataset.get("fields")) {
            if (f.get("name").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no field " + name + " in " + dataset);
    }

    private String customers(String kind) {
        return "/api/v1/namespaces/" + encode(NS) + "/datasets/" + encode(schemas.get(kind) + ".customers");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aStewardScansASchemaAndTheResultsShowOnTheCatalogFields(String kind) {
        server(kind);
        JsonNode scan = awaitScan(kind, steward(kind, "POST", "/api/v1/scans",
                "{\"source\": \"target\", \"schema\": \"" + schemas.get(kind) + "\"}"));

        assertThat(scan.get("status").asText()).isEqualTo("SUCCEEDED");
        String policyVersion = server(kind).getJson("/api/v1/policies").get("version").asText();
        assertThat(scan.get("policyVersion").asText()).isEqualTo(policyVersion);
        assertThat(scan.get("progress").get("tables").asInt()).isEqualTo(1);
        JsonNode table = scan.get("tables").get(0);
        assertThat(table.get("status").asText()).isEqualTo("DONE");
        assertThat(table.get("rowsSampled").asInt()).isEqualTo(200);
        // The real classifier: the email column by its values; the customers' id as a person's key; not the notes.
        assertThat(table.get("findings").toString())
                .contains("{\"column\":\"email\",\"type\":\"EMAIL_ADDRESS\"")
                .contains("{\"column\":\"id\",\"type\":\"PERSON_ID\"")
                .doesNotContain("\"column\":\"note\"");
        assertThat(scan.toString()).doesNotContain("@example.com");

        JsonNode dataset = server(kind).getJson(customers(kind));
        JsonNode email = field(dataset, "email").get("classifications");
        assertThat(email).hasSize(1);
        assertThat(email.get(0).get("source").asText()).isEqualTo("SCANNER");
        assertThat(email.get(0).get("detectorVersion").asText()).isEqualTo(PiiColumnClassifier.DETECTOR_VERSION);
        assertThat(email.get(0).get("policyVersion").asText()).isEqualTo(policyVersion);
        assertThat(table.get("policyVersion").asText()).isEqualTo(policyVersion);
        assertThat(field(dataset, "note").get("classifications")).isEmpty();
        assertThat(server(kind).getJson(customers(kind) + "/classifications").get("classifications")).hasSize(2);
        assertThat(TestServer.json(steward(kind, "GET", "/api/v1/scans", null).body()).get("totalCount").asLong())
                .isPositive();

        JsonNode audit = TestServer.json(call(kind, "GET", "/api/v1/audit?action=scan.start", null,
                TestServer.ADMIN_KEY).body());
        assertThat(audit.toString()).contains("scan.start");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aStewardsRejectionWinsOverALaterScanAndIsAudited(String kind) {
        server(kind);
        String scanBody = "{\"source\": \"target\", \"datasets\": [\"" + schemas.get(kind) + ".customers\"]}";
        awaitScan(kind, steward(kind, "POST", "/api/v1/scans", scanBody));

        HttpResponse<String> rejected = steward(kind, "DELETE",
                customers(kind) + "/fields/email/classifications/EMAIL_ADDRESS?note=test%20fixtures", null);
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
        assertThat(TestServer.json(rejected.body()).get("decision").asText()).isEqualTo("REJECTED");
        HttpResponse<String> added = steward(kind, "PUT", customers(kind) + "/fields/note/classifications/PERSON_NAME",
                "{\"note\": \"agents sign their notes\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);

        awaitScan(kind, steward(kind, "POST", "/api/v1/scans", scanBody));

        JsonNode dataset = server(kind).getJson(customers(kind));
        assertThat(field(dataset, "email").get("classifications")).isEmpty();
        JsonNode note = field(dataset, "note").get("classifications");
        assertThat(note).hasSize(1);
        assertThat(note.get(0).get("source").asText()).isEqualTo("STEWARD");
        assertThat(note.get(0).get("decision").asText()).isEqualTo("CONFIRMED");
        assertThat(note.get(0).get("decidedBy").asText()).isNotBlank();
        JsonNode listed = server(kind).getJson(customers(kind) + "/classifications").get("classifications");
        assertThat(listed.toString()).contains("REJECTED").contains("test fixtures");

        String audit = call(kind, "GET", "/api/v1/audit?limit=200", null, TestServer.ADMIN_KEY).body();
        assertThat(audit).contains("classification.reject").contains("classification.confirm");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aConfirmedClassificationPropagatesToAnIdentityCopyButNotToAnAggregate(String kind) {
        TestServer server = server(kind);
        String ns = "postgres://lineage-" + kind + ":5432";
        Instant t = Instant.parse("2025-06-01T08:00:00Z");
        for (byte[] event : List.of(
                run("COMPLETE", UUID.randomUUID(), t).job("etl", "copy_" + kind)
                        .input(dataset(ns, "raw.users").schema("id:bigint", "email:text"))
                        // a copy's field named so that ingest finds nothing in the name: what it holds is what lineage carried
                        .output(dataset(ns, "copy.users").schema("c1:text")
                                .lineage("c1", ns, "raw.users", "email", "IDENTITY"))
                        .bytes(),
                run("COMPLETE", UUID.randomUUID(), t).job("etl", "count_" + kind)
                        .input(dataset(ns, "raw.users"))
                        .output(dataset(ns, "stats.users").schema("emails:bigint")
                                .lineage("emails", ns, "raw.users", "email", "AGGREGATION"))
                        .bytes())) {
            assertThat(server.post("/api/v1/lineage", event).statusCode()).isEqualTo(201);
        }
        String base = "/api/v1/namespaces/" + encode(ns) + "/datasets/";
        server.getJson(base + encode("copy.users"));
        HttpResponse<String> confirmed = steward(kind, "PUT",
                base + encode("raw.users") + "/fields/email/classifications/EMAIL_ADDRESS", null);
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);

        JsonNode copy = await(kind, base + encode("copy.users") + "/classifications",
                j -> j.get("classifications").size() == 1);
        JsonNode propagated = copy.get("classifications").get(0);
        assertThat(propagated.get("source").asText()).isEqualTo("PROPAGATED");
        assertThat(propagated.get("path")).hasSize(2);
        assertThat(propagated.get("path").get(0).get("dataset").asText()).isEqualTo("raw.users");
        assertThat(server.getJson(base + encode("stats.users") + "/classifications").get("classifications")).isEmpty();

        // Rejecting the origin takes back what it propagated.
        steward(kind, "DELETE", base + encode("raw.users") + "/fields/email/classifications/EMAIL_ADDRESS", null);
        await(kind, base + encode("copy.users") + "/classifications", j -> j.get("classifications").isEmpty());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void classifiedFieldsAreSearchableByTypeWithFacetsAndHighlights(String kind) {
        TestServer server = server(kind);
        String ns = "postgres://search-" + kind + ":5432";
        Instant t = Instant.parse("2025-06-01T08:00:00Z");
        assertThat(server.post("/api/v1/lineage", run("COMPLETE", UUID.randomUUID(), t).job("etl", "copy_contacts")
                .input(dataset(ns, "crm.contacts").schema("id:bigint", "contact_email:text", "phone:text"))
                .output(dataset(ns, "mart.contacts").schema("c1:text")
                        .lineage("c1", ns, "crm.contacts", "contact_email", "IDENTITY"))
                .bytes()).statusCode()).isEqualTo(201);
        String base = "/api/v1/namespaces/" + encode(ns) + "/datasets/";
        assertThat(steward(kind, "PUT", base + encode("crm.contacts") + "/fields/contact_email/classifications/EMAIL_ADDRESS",
                null).statusCode()).isEqualTo(200);
        String search = "/api/v1/search?q=" + encode("classification:email_address") + "&namespace=" + encode(ns);

        // The confirmed field is searchable at once; its identity copy once propagation has run.
        JsonNode body = await(kind, search, j -> j.get("totalCount").asLong() == 2);

        List<String> names = new ArrayList<>();
        body.get("results").forEach(hit -> names.add(hit.get("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("crm.contacts", "mart.contacts");
        assertThat(body.get("results")).anySatisfy(hit -> assertThat(hit.get("highlights")).anySatisfy(h -> {
            assertThat(h.get("field").asText()).isEqualTo("classification");
            assertThat(h.get("value").asText()).isEqualTo("contact_email");
            assertThat(h.get("matched").asText()).isEqualTo("EMAIL_ADDRESS");
        }));
        // crm.contacts' id and phone were classified at ingest by their names; they count too
        assertThat(body.get("facets").get("classification"))
                .filteredOn(value -> value.get("value").asText().equals("EMAIL_ADDRESS")).singleElement().satisfies(value -> {
            assertThat(value.get("value").asText()).isEqualTo("EMAIL_ADDRESS");
            assertThat(value.get("count").asLong()).isEqualTo(2);
        });
        assertThat(server.getJson("/api/v1/search?q=contacts&classification=EMAIL_ADDRESS&namespace=" + encode(ns))
                .get("totalCount").asLong()).isEqualTo(2);

        // A steward's rejection takes the type out of the index too.
        steward(kind, "DELETE", base + encode("crm.contacts") + "/fields/contact_email/classifications/EMAIL_ADDRESS", null);
        await(kind, search, j -> j.get("totalCount").asLong() == 0);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anUnreachableSourceIsReportedPerTable(String kind) {
        JsonNode scan = awaitScan(kind, steward(kind, "POST", "/api/v1/scans",
                "{\"source\": \"down\", \"datasets\": [\"public.a\", \"public.b\"]}"));
        assertThat(scan.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(scan.get("tables")).hasSize(2);
        for (JsonNode table : scan.get("tables")) {
            assertThat(table.get("status").asText()).isEqualTo("FAILED");
            assertThat(table.get("error").asText()).contains("could not be reached");
        }
        assertThat(scan.toString()).doesNotContain("down-source-secret");
    }

    private void assertProblem(HttpResponse<String> response, int status, String pointer) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        if (pointer != null) {
            assertThat(TestServer.json(response.body()).get("errors").toString()).contains("\"" + pointer + "\"");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void badScanRequestsAreRefusedWithWhatAndWhere(String kind) {
        server(kind);
        long before = TestServer.json(steward(kind, "GET", "/api/v1/scans", null).body()).get("totalCount").asLong();
        assertProblem(steward(kind, "POST", "/api/v1/scans", "{\"source\": "), 400, "");
        assertProblem(steward(kind, "POST", "/api/v1/scans", ""), 400, "");
        assertProblem(steward(kind, "POST", "/api/v1/scans", "[1]"), 400, "");
        assertProblem(steward(kind, "POST", "/api/v1/scans", "{\"source\": \"nope\"}"), 400, "/source");
        assertProblem(steward(kind, "POST", "/api/v1/scans", "{\"schema\": \"x\"}"), 400, "/source");
        assertProblem(steward(kind, "POST", "/api/v1/scans", "{\"source\": 7}"), 400, "/source");
        assertProblem(steward(kind, "POST", "/api/v1/scans",
                "{\"source\": \"target\", \"schema\": \"s\", \"datasets\": [\"s.t\"]}"), 400, "/datasets");
        assertProblem(steward(kind, "POST", "/api/v1/scans", "{\"source\": \"target\", \"datasets\": \"s.t\"}"), 400,
                "/datasets");
        assertProblem(steward(kind, "POST", "/api/v1/scans", "{\"source\": \"target\", \"datasets\": [\"s.t\", 3]}"),
                400, "/datasets/1");
        assertProblem(steward(kind, "POST", "/api/v1/scans", "{\"source\": \"target\", \"datasets\": [\"nodot\"]}"),
                400, "/datasets/0");
        assertProblem(steward(kind, "POST", "/api/v1/scans", "{\"source\": \"target\", \"tables\": []}"), 400,
                "/tables");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add("\"s.t" + i + "\"");
        }
        assertProblem(steward(kind, "POST", "/api/v1/scans",
                "{\"source\": \"target\", \"datasets\": [" + String.join(",", many) + "]}"), 400, "/datasets");
        assertProblem(steward(kind, "GET", "/api/v1/scans/not-a-uuid", null), 400, "id");
        assertProblem(steward(kind, "GET", "/api/v1/scans/" + UUID.randomUUID(), null), 404, null);
        assertProblem(steward(kind, "GET", "/api/v1/scans?limit=0", null), 400, "limit");
        assertThat(TestServer.json(steward(kind, "GET", "/api/v1/scans", null).body()).get("totalCount").asLong())
                .isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void badStewardDecisionsAreRefusedAndWriteNothing(String kind) {
        server(kind);
        awaitScan(kind, steward(kind, "POST", "/api/v1/scans",
                "{\"source\": \"target\", \"datasets\": [\"" + schemas.get(kind) + ".customers\"]}"));
        String before = server(kind).getJson(customers(kind) + "/classifications").toString();
        String path = customers(kind) + "/fields/note/classifications/";
        assertProblem(steward(kind, "PUT", path + "NOT_A_TYPE", null), 400, "type");
        assertProblem(steward(kind, "PUT", path + "email_address", null), 400, "type");
        assertProblem(steward(kind, "PUT", path + encode("EMAIL'; DROP TABLE dataset; --"), null), 400, "type");
        assertProblem(steward(kind, "PUT", path + "EMAIL_ADDRESS", "{\"note\": "), 400, "");
        assertProblem(steward(kind, "PUT", path + "EMAIL_ADDRESS", "{\"note\": 5}"), 400, "/note");
        assertProblem(steward(kind, "PUT", path + "EMAIL_ADDRESS", "{\"reason\": \"x\"}"), 400, "/reason");
        assertProblem(steward(kind, "PUT", path + "EMAIL_ADDRESS", "{\"note\": \"" + "n".repeat(4001) + "\"}"), 400,
                "/note");
        assertProblem(steward(kind, "DELETE", path + "EMAIL_ADDRESS?note=" + "n".repeat(4001), null), 400, "note");
        assertProblem(steward(kind, "PUT", customers(kind) + "/fields/nope/classifications/EMAIL_ADDRESS", null), 404,
                null);
        assertProblem(steward(kind, "PUT", "/api/v1/namespaces/" + encode(NS)
                + "/datasets/nope/fields/email/classifications/EMAIL_ADDRESS", null), 404, null);
        assertProblem(steward(kind, "GET", "/api/v1/namespaces/" + encode(NS) + "/datasets/nope/classifications", null),
                404, null);
        assertThat(server(kind).getJson(customers(kind) + "/classifications").toString()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void onlyStewardsDecideAndScan(String kind) {
        TestServer server = server(kind);
        String reader = server.key();
        String path = customers(kind) + "/fields/email/classifications/EMAIL_ADDRESS";
        assertProblem(call(kind, "PUT", path, null, reader), 403, null);
        assertProblem(call(kind, "DELETE", path, null, reader), 403, null);
        assertProblem(call(kind, "POST", "/api/v1/scans", "{\"source\": \"target\"}", reader), 403, null);
        assertProblem(call(kind, "POST", "/api/v1/scans", "{\"source\": \"target\"}", TestServer.ADMIN_KEY), 403, null);
        assertProblem(call(kind, "PUT", path, null, null), 401, null);
        assertProblem(call(kind, "GET", "/api/v1/scans", null, null), 401, null);
        String producer = server.createKey("producer only", "PRODUCER");
        assertProblem(call(kind, "GET", customers(kind) + "/classifications", null, producer), 403, null);
        assertProblem(call(kind, "GET", "/api/v1/scans", null, producer), 403, null);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void sampledValuesAndSourcePasswordsNeverReachTheServiceLog(String kind) {
        // Started first: a server's start resets logging (the sources it logs then are checked by
        // SourceSettings' own test).
        server(kind);
        ch.qos.logback.classic.LoggerContext context =
                (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> captured =
                new ch.qos.logback.core.read.ListAppender<>();
        captured.setContext(context);
        captured.start();
        root.addAppender(captured);
        ch.qos.logback.classic.Logger ours = context.getLogger("io.custodian");
        ch.qos.logback.classic.Level before = ours.getLevel();
        ours.setLevel(ch.qos.logback.classic.Level.DEBUG);
        try {
            String sourcePassword = sources.get(kind).password();
            awaitScan(kind, steward(kind, "POST", "/api/v1/scans",
                    "{\"source\": \"target\", \"schema\": \"" + schemas.get(kind) + "\"}"));
            awaitScan(kind, steward(kind, "POST", "/api/v1/scans", "{\"source\": \"down\", \"schema\": \"public\"}"));

            StringBuilder everything = new StringBuilder();
            for (ch.qos.logback.classic.spi.ILoggingEvent logged : captured.list) {
                everything.append(logged.getLoggerName()).append(": ").append(logged.getFormattedMessage()).append('\n');
                if (logged.getThrowableProxy() != null) {
                    everything.append(ch.qos.logback.classic.spi.ThrowableProxyUtil.asString(logged.getThrowableProxy()));
                }
            }
            assertThat(everything.toString()).contains("finished")
                    .doesNotContain("@example.com")
                    .doesNotContain("down-source-secret");
            if (!sourcePassword.isEmpty()) {
                assertThat(everything.toString()).doesNotContain(sourcePassword);
            }
        } finally {
            root.detachAppender(captured);
            ours.setLevel(before);
        }
    }
}
