package io.custodian.server.http;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.catalog.testing.TestDatabase;
import io.custodian.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Text no store can hold (a NUL, an unpaired surrogate) or no name should (a control character)
 * is refused at every kind of entry point with a 400 saying where, and changes nothing: paths,
 * query parameters, and the JSON bodies of keys, steward notes, scans and subject requests. On
 * PostgreSQL, which refuses NUL in text, such input used to end in a 500.
 */
class UnstorableTextTest {
    private static final String NS = "postgres://db:5432";

    static java.util.List<String> databases() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void everyEntryPointRefusesWhatNoStoreCanHold(String kind) {
        try (TestServer server = TestServer.start(kind)) {
            assertThat(server.post("/api/v1/lineage", run("COMPLETE", UUID.randomUUID(), Instant.now())
                    .job("etl", "load").output(dataset(NS, "shop.users").schema("email:text")).bytes()).statusCode())
                    .isEqualTo(201);
            String steward = server.createKey("steward", "STEWARD", "READER");
            String officer = server.createKey("officer", "PRIVACY_OFFICER");
            String keysBefore = call(server, "GET", "/api/v1/admin/api-keys", TestServer.ADMIN_KEY, null).body();

            // Jetty refuses a NUL in the path itself, before the filter sees it; either way a 400 problem.
            HttpResponse<String> path = call(server, "GET", "/api/v1/namespaces/ns%00x/datasets", server.key(), null);
            assertProblem(path, "Bad Request");
            HttpResponse<String> query = call(server, "GET", "/api/v1/search?q=a%00b", server.key(), null);
            assertProblem(query, "query parameter q contains a NUL character");

            HttpResponse<String> key = call(server, "POST", "/api/v1/admin/api-keys", TestServer.ADMIN_KEY,
                    "{\"name\": \"bell\\u0007\", \"roles\": [\"READER\"]}");
            assertThat(key.statusCode()).as(key.body()).isBetween(400, 422);
            assertThat(key.body()).contains("/name").contains("control character");
            assertThat(call(server, "GET", "/api/v1/admin/api-keys", TestServer.ADMIN_KEY, null).body())
                    .isEqualTo(keysBefore);

            String field = "/api/v1/namespaces/" + TestServer.encode(NS)
                    + "/datasets/shop.users/fields/email/classifications/EMAIL_ADDRESS";
            HttpResponse<String> note = call(server, "PUT", field, steward, "{\"note\": \"nul \\u0000 here\"}");
            assertThat(note.statusCode()).as(note.body()).isEqualTo(400);
            assertThat(note.body()).contains("/note").contains("NUL");
            assertThat(server.getJson("/api/v1/namespaces/" + TestServer.encode(NS)
                    + "/datasets/shop.users/classifications").toString()).doesNotContain("STEWARD");
            HttpResponse<String> rejectNote = call(server, "DELETE", field + "?note=a%00b", steward, null);
            assertProblem(rejectNote, "query parameter note contains a NUL character");

            HttpResponse<String> scan = call(server, "POST", "/api/v1/scans", steward,
                    "{\"source\": \"target\", \"schema\": \"public\\u0000\"}");
            assertThat(scan.statusCode()).as(scan.body()).isEqualTo(400);
            assertThat(scan.body()).contains("/schema").contains("NUL");

            HttpResponse<String> request = call(server, "POST", "/api/v1/subject-requests", officer,
                    "{\"type\": \"ERASURE\", \"regulation\": \"GDPR\", \"subject\": {\"identifiers\":"
                            + " {\"EMAIL_ADDRESS\": \"a@b.org\"}}, \"requestedBy\": \"x\\u0000y\"}");
            assertThat(request.statusCode()).as(request.body()).isEqualTo(400);
            assertThat(request.body()).contains("/requestedBy").contains("NUL");
            assertThat(call(server, "GET", "/api/v1/subject-requests", officer, null).body())
                    .contains("\"totalCount\":0");
        }
    }

    private static void assertProblem(HttpResponse<String> response, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains(detail);
    }

    private static HttpResponse<String> call(TestServer server, String method, String path, String key, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.uri() + path))
                .header("Authorization", "Bearer " + key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return server.send(request.build());
    }
}
