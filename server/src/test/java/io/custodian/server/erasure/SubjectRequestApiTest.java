package io.custodian.server.erasure;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static io.custodian.server.erasure.SubjectRequestCalls.BASE;
import static io.custodian.server.erasure.SubjectRequestCalls.assertProblem;
import static io.custodian.server.erasure.SubjectRequestCalls.status;
import static io.custodian.server.testing.TestServer.encode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodian.catalog.testing.TestDatabase;
import io.custodian.server.testing.TestServer;
import io.dropwizard.testing.ConfigOverride;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The subject request API's refusals, over a real server (H2 store, and PostgreSQL when
 * configured) with a small customers table as its source: every bad input is answered with a 4xx
 * problem that says where, and changes nothing; only privacy officers get in; plans and reports
 * never carry an identifier's value.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubjectRequestApiTest {
    private static final String NS = "test://target";
    private static final String ALICE = "alice.api@example.com";
    private final Map<String, Fixture> fixtures = new HashMap<>();

    /** A server, its source and the keys the tests act with. */
    private record Fixture(TestServer server, TestDatabase source, String schema, String officerA, String officerB,
            String steward, SubjectRequestCalls api) {}

    List<String> databases() {
        return TestDatabase.kinds();
    }

    private Fixture fixture(String kind) {
        return fixtures.computeIfAbsent(kind, k -> {
            TestDatabase source = TestDatabase.create("h2");
            String schema = "api_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
            execute(source, "CREATE SCHEMA " + schema,
                    "CREATE TABLE " + schema + ".customers (id BIGINT PRIMARY KEY, email VARCHAR(200))",
                    "INSERT INTO " + schema + ".customers VALUES (1, '" + ALICE + "'), (2, 'bob.api@example.com')");
            TestServer server = TestServer.start(k,
                    ConfigOverride.config("sources[0].url", source.jdbcUrl()),
                    ConfigOverride.config("sources[0].user", source.user()),
                    ConfigOverride.config("sources[0].password", source.password()),
                    ConfigOverride.config("sources[0].writeUser", source.user()),
                    ConfigOverride.config("sources[0].writePassword", source.password()));
            Fixture fixture = new Fixture(server, source, schema, server.createKey("officer a", "PRIVACY_OFFICER"),
                    server.createKey("officer b", "PRIVACY_OFFICER"), server.createKey("steward", "STEWARD", "READER"),
                    new SubjectRequestCalls(() -> server));
            // The catalog: customers (emails classified by a steward) and a topic a job fills from it.
            Instant t = Instant.parse("2026-11-01T10:00:00Z");
            String customers = schema + ".customers";
            for (byte[] event : List.of(
                    run("COMPLETE", UUID.randomUUID(), t).job("shop", "load_" + schema)
                            .output(dataset(NS, customers).schema("id:bigint", "email:varchar(200)")).bytes(),
                    run("COMPLETE", UUID.randomUUID(), t).job("shop", "cdc_" + schema)
                            .input(dataset(NS, customers))
                            .output(dataset("kafka://broker", "customers-" + schema)).bytes())) {
                assertThat(server.post("/api/v1/lineage", event).statusCode()).isEqualTo(201);
            }
            HttpResponse<String> classified = fixture.api().call("PUT", "/api/v1/namespaces/" + encode(NS)
                    + "/datasets/" + encode(customers) + "/fields/email/classifications/EMAIL_ADDRESS", null,
                    fixture.steward());
            assertThat(classified.statusCode()).as(classified.body()).isEqualTo(200);
            return fixture;
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
        fixtures.values().forEach(f -> {
            f.server().close();
            f.source().close();
        });
    }

    private static String request(String type, String regulation, String identifiers) {
        return """
                {"type": "%s", "regulation": "%s", "subject": {"identifiers": %s}, "requestedBy": "by e-mail"}"""
                .formatted(type, regulation, identifiers);
    }

    private String listing(Fixture f) {
        return f.api().json("GET", BASE + "?limit=500", null, f.officerA(), 200).toString();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void badSubmissionsAreRefusedSayingWhereAndStoreNothing(String kind) {
        Fixture f = fixture(kind);
        SubjectRequestCalls api = f.api();
        String officer = f.officerA();
        String before = listing(f);

        assertProblem(api.call("POST", BASE, request("ERASURE", "GDPR", "{\"SHOE_SIZE\": \"44\"}"), officer), 422,
                "/subject/identifiers/SHOE_SIZE");
        // A name designates no one person: it is personal data, not an identifier.
        assertProblem(api.call("POST", BASE, request("ERASURE", "GDPR", "{\"PERSON_NAME\": \"Alice Liddell\"}"),
                officer), 422, "/subject/identifiers/PERSON_NAME");
        assertProblem(api.call("POST", BASE, request("ERASURE", "GDPR", "{}"), officer), 422, "/subject/identifiers");
        assertProblem(api.call("POST", BASE, request("ERASURE", "GDPR", "{\"EMAIL_ADDRESS\": []}"), officer), 422,
                "/subject/identifiers/EMAIL_ADDRESS");
        for (String probe : List.of("x' OR '1'='1", "1; DROP TABLE t")) {
            for (String type : List.of("EMAIL_ADDRESS", "PERSON_ID")) {
                HttpResponse<String> refused = api.call("POST", BASE, request("ERASURE", "GDPR",
                        "{\"" + type + "\": \"" + probe + "\"}"), officer);
                assertProblem(refused, 422, "/subject/identifiers/" + type + "/0");
                assertThat(refused.body()).doesNotContain(probe);
            }
        }
        HttpResponse<String> noAt = api.call("POST", BASE, request("ERASURE", "GDPR",
                "{\"EMAIL_ADDRESS\": \"alice.example.com\"}"), officer);
        assertProblem(noAt, 422, "/subject/identifiers/EMAIL_ADDRESS/0");
        assertThat(noAt.body()).doesNotContain("alice.example.com");
        assertProblem(api.call("POST", BASE, request("ERASURE", "GDPR", "{\"EMAIL_ADDRESS\": 7}"), officer), 400,
                "/subject/identifiers/EMAIL_ADDRESS");
        assertProblem(api.call("POST", BASE, request("ERASURE", "GDPR", "\"" + ALICE + "\""), officer), 400,
                "/subject/identifiers");

        byte[] huge = new byte[10 * 1024 * 1024];
        Arrays.fill(huge, (byte) ' ');
        byte[] start = request("ERASURE", "GDPR", "{\"EMAIL_ADDRESS\": \"" + ALICE + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        System.arraycopy(start, 0, huge, 0, start.length);
        assertProblem(api.call("POST", BASE, huge, officer, null), 413, null);

        // Malformed JSON is refused without quoting the body back: it may hold the subject's identifiers.
        HttpResponse<String> malformed = api.call("POST", BASE,
                "{\"type\": \"ERASURE\", \"subject\": {\"identifiers\": {\"EMAIL_ADDRESS\": alice.api@example.com}}}",
                officer);
        assertProblem(malformed, 400, "");
        assertThat(malformed.body()).doesNotContain("alice");
        assertProblem(api.call("POST", BASE, "{\"type\": ", officer), 400, "");
        assertProblem(api.call("POST", BASE, "", officer), 400, "");
        assertProblem(api.call("POST", BASE, "[1]", officer), 400, "");
        assertProblem(api.call("POST", BASE, """
                {"type": "ERASURE", "regulation": "GDPR", "subject": {"identifiers": {"EMAIL_ADDRESS": "%s"}},
                 "requestedBy": "x", "priority": "high"}""".formatted(ALICE), officer), 400, "/priority");
        assertProblem(api.call("POST", BASE, """
                {"type": "ERASURE", "regulation": "GDPR", "subject": {"identifiers": {"EMAIL_ADDRESS": "%s"},
                 "name": "Alice"}, "requestedBy": "x"}""".formatted(ALICE), officer), 400, "/subject/name");
        assertProblem(api.call("POST", BASE, request("FORGET", "GDPR", "{\"EMAIL_ADDRESS\": \"" + ALICE + "\"}"),
                officer), 400, "/type");
        assertProblem(api.call("POST", BASE, request("ERASURE", "LGPD", "{\"EMAIL_ADDRESS\": \"" + ALICE + "\"}"),
                officer), 400, "/regulation");
        assertProblem(api.call("POST", BASE, """
                {"type": "ERASURE", "regulation": "GDPR", "subject": {"identifiers": {"EMAIL_ADDRESS": "%s"}}}"""
                .formatted(ALICE), officer), 400, "/requestedBy");

        assertThat(listing(f)).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void refusedStepsOfTheLifecycleChangeNothing(String kind) {
        Fixture f = fixture(kind);
        SubjectRequestCalls api = f.api();
        String a = f.officerA();
        String b = f.officerB();
        String id = api.submit(a, "ERASURE", ALICE);
        JsonNode planned = api.awaitStatus(id, a, "PLANNED");
        List<String> actions = new ArrayList<>();
        planned.get("plan").get("steps").forEach(s -> actions.add(s.get("action").asText()));
        // The customers' rows, the topic a job fills from them, and the backups.
        assertThat(actions).containsExactlyInAnyOrder("DELETE_ROWS", "MANUAL", "MANUAL");
        String path = BASE + "/" + id;
        String before = listing(f);

        assertProblem(api.call("POST", path + "/approve", null, a), 403, null);
        assertProblem(api.call("POST", path + "/cancel", "{}", a), 400, "/reason");
        assertProblem(api.call("POST", path + "/cancel", "{\"reason\": \"  \"}", a), 400, "/reason");
        assertProblem(api.call("POST", path + "/hold", "{\"because\": \"x\"}", a), 400, "/because");
        // GDPR allows two more months at most.
        assertProblem(api.call("POST", path + "/extend", "{\"period\": \"P3M\", \"reason\": \"complex\"}", a), 422,
                "/period");
        assertProblem(api.call("POST", path + "/extend", "{\"period\": \"two months\", \"reason\": \"x\"}", a), 400,
                "/period");
        assertProblem(api.call("POST", path + "/steps/1/done", "{\"note\": \"done\"}", a), 409, null);
        assertProblem(api.call("POST", path + "/retry", null, a), 409, null);
        assertProblem(api.call("GET", path + "/export", null, a), 409, null);
        assertThat(listing(f)).isEqualTo(before);

        JsonNode approved = api.json("POST", path + "/approve", null, b, 200);
        assertThat(approved.get("request").get("approvedBy").asText()).startsWith("officer b (");
        // Settled: the manual steps wait, and the worker has recorded the request's outcome.
        JsonNode executing = api.await(id, a, view -> view.get("steps").size() == 3
                && view.get("steps").findValuesAsText("status").stream().filter("WAITING"::equals).count() == 2
                && view.get("request").get("status").asText().equals("PARTIALLY_COMPLETED"));
        String afterApproval = listing(f);
        assertProblem(api.call("POST", path + "/approve", null, b), 409, null);
        assertProblem(api.call("POST", path + "/cancel", "{\"reason\": \"changed my mind\"}", a), 409, null);
        int deleteStep = -1;
        List<Integer> manualSteps = new ArrayList<>();
        for (JsonNode step : executing.get("steps")) {
            if (step.get("action").asText().equals("DELETE_ROWS")) {
                deleteStep = step.get("order").asInt();
            } else {
                manualSteps.add(step.get("order").asInt());
            }
        }
        int manualStep = manualSteps.get(0);
        assertProblem(api.call("POST", path + "/steps/" + deleteStep + "/done", "{\"note\": \"done\"}", a), 409, null);
        assertProblem(api.call("POST", path + "/steps/" + manualStep + "/done", "{}", a), 400, "/note");
        assertProblem(api.call("POST", path + "/steps/0/done", "{\"note\": \"x\"}", a), 400, "order");
        assertProblem(api.call("POST", path + "/steps/99/done", "{\"note\": \"x\"}", a), 404, null);
        assertThat(listing(f)).isEqualTo(afterApproval);

        for (int order : manualSteps) {
            api.json("POST", path + "/steps/" + order + "/done", "{\"note\": \"done by hand and checked\"}", a, 200);
        }
        assertProblem(api.call("POST", path + "/steps/" + manualStep + "/done", "{\"note\": \"again\"}", a), 409,
                null);
        api.awaitStatus(id, a, "COMPLETED");

        // Identifiers never come back: not in the request, plan (JSON or text) or report (JSON or text).
        for (String accept : List.of("application/json", "text/plain")) {
            for (String part : accept.equals("text/plain") ? List.of("/plan", "/report") : List.of("", "/plan", "/report")) {
                HttpResponse<String> shown = api.call("GET", path + part, null, a, accept);
                assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
                assertThat(shown.body().toLowerCase(Locale.ROOT)).doesNotContain("alice");
            }
        }

        String canceled = api.submit(a, "ERASURE", "carol.api@example.com");
        api.awaitStatus(canceled, a, "PLANNED");
        api.json("POST", BASE + "/" + canceled + "/cancel", "{\"reason\": \"the subject withdrew the request\"}", a,
                200);
        String whenCanceled = listing(f);
        assertProblem(api.call("POST", BASE + "/" + canceled + "/approve", null, b), 409, null);
        assertProblem(api.call("POST", BASE + "/" + canceled + "/extend", "{\"period\": \"P1M\", \"reason\": \"x\"}",
                a), 409, null);
        assertThat(listing(f)).isEqualTo(whenCanceled);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void unknownIdsAreNotFound(String kind) {
        Fixture f = fixture(kind);
        String unknown = BASE + "/" + UUID.randomUUID();
        for (String path : List.of(BASE + "/not-a-uuid", BASE + "/1%27%20OR%20%271%27%3D%271", unknown)) {
            assertProblem(f.api().call("GET", path, null, f.officerA()), 404, null);
            assertProblem(f.api().call("GET", path + "/plan", null, f.officerA()), 404, null);
            assertProblem(f.api().call("GET", path + "/report", null, f.officerA()), 404, null);
            assertProblem(f.api().call("POST", path + "/approve", null, f.officerB()), 404, null);
            assertProblem(f.api().call("POST", path + "/cancel", "{\"reason\": \"x\"}", f.officerA()), 404, null);
            assertProblem(f.api().call("POST", path + "/steps/1/done", "{\"note\": \"x\"}", f.officerA()), 404, null);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void onlyPrivacyOfficersReachSubjectRequests(String kind) {
        Fixture f = fixture(kind);
        String before = listing(f);
        String body = request("ERASURE", "GDPR", "{\"EMAIL_ADDRESS\": \"" + ALICE + "\"}");
        String admin = TestServer.ADMIN_KEY;
        for (String key : List.of(f.server().key(), f.steward(), admin)) {
            assertProblem(f.api().call("GET", BASE, null, key), 403, null);
            assertProblem(f.api().call("POST", BASE, body, key), 403, null);
            assertProblem(f.api().call("GET", BASE + "/" + UUID.randomUUID() + "/report", null, key), 403, null);
        }
        assertProblem(f.api().call("GET", BASE, null, null), 401, null);
        assertProblem(f.api().call("POST", BASE, body, null), 401, null);
        assertProblem(f.api().call("POST", BASE, body, "not-a-key-0123456789abcdef0123456789"), 401, null);
        assertThat(listing(f)).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theListFiltersByStatusAndStanding(String kind) {
        Fixture f = fixture(kind);
        SubjectRequestCalls api = f.api();
        String a = f.officerA();
        String open = api.submit(a, "ACCESS", "dave.api@example.com");
        api.awaitStatus(open, a, "PLANNED");
        String closed = api.submit(a, "ERASURE", "erin.api@example.com");
        api.awaitStatus(closed, a, "PLANNED");
        api.json("POST", BASE + "/" + closed + "/cancel", "{\"reason\": \"duplicate\"}", a, 200);

        JsonNode canceled = api.json("GET", BASE + "?status=CANCELED&standing=CLOSED", null, a, 200);
        assertThat(canceled.get("requests").findValuesAsText("status")).containsOnly("CANCELED");
        assertThat(canceled.get("requests").findValuesAsText("id")).contains(closed).doesNotContain(open);
        assertThat(canceled.get("totalCount").asLong()).isEqualTo(canceled.get("requests").size());
        JsonNode planned = api.json("GET", BASE + "?status=planned&standing=on_track&type=ACCESS", null, a, 200);
        assertThat(planned.get("requests").findValuesAsText("id")).contains(open).doesNotContain(closed);
        assertThat(planned.get("requests").findValuesAsText("status")).containsOnly("PLANNED");
        assertThat(api.json("GET", BASE + "?status=PLANNED&standing=CLOSED", null, a, 200).get("requests")
                .findValuesAsText("id")).doesNotContain(open, closed);
        assertThat(api.json("GET", BASE + "?status=PLANNED,CANCELED", null, a, 200).get("requests")
                .findValuesAsText("id")).contains(open, closed);

        assertProblem(api.call("GET", BASE + "?status=DONE", null, a), 400, "status");
        assertProblem(api.call("GET", BASE + "?standing=LATE", null, a), 400, "standing");
        assertProblem(api.call("GET", BASE + "?limit=0", null, a), 400, "limit");
        assertProblem(api.call("GET", BASE + "?dueBefore=tomorrow", null, a), 400, "dueBefore");
    }
}
