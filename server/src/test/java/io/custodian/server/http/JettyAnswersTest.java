package io.custodian.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodian.server.testing.RawHttp;
import io.custodian.server.testing.RawHttp.Answer;
import io.custodian.server.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What Jetty and Dropwizard answer themselves, below every resource, over real HTTP: each answer
 * is problem+json saying what was wrong, never what was sent, with the security headers API
 * answers carry. None of it touches the store, so one server on H2 serves every test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JettyAnswersTest {
    private static final String HOSTILE = "<script>alert(1)</script>";
    private TestServer server;
    private String auth;

    @BeforeAll
    void start() {
        server = TestServer.start("h2");
        auth = "Authorization: Bearer " + server.key() + "\r\n";
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String head(String requestLine) {
        return requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth;
    }

    /** The answer is the problem {@code slug} with {@code status}, and carries every security header. */
    private static JsonNode problem(Answer answer, int status, String slug) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        SecurityHeaders.ALL.forEach((name, value) -> assertThat(answer.header(name)).as(name).isEqualTo(value));
        JsonNode problem = TestServer.json(answer.body());
        assertThat(problem.get("type").asText()).isEqualTo("https://custodian.io/problems/" + slug);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        return problem;
    }

    @Test
    void apiAnswersCarryTheSameSecurityHeaders() {
        Answer answer = RawHttp.send(server.uri(), head("GET /api/v1/namespaces"));
        assertThat(answer.status()).isEqualTo(200);
        SecurityHeaders.ALL.forEach((name, value) -> assertThat(answer.header(name)).as(name).isEqualTo(value));
    }

    @Test
    void traceIsRefusedWithAProblem() {
        Answer answer = RawHttp.send(server.uri(), head("TRACE /api/v1/namespaces") + "X-Secret: " + HOSTILE + "\r\n");
        JsonNode problem = problem(answer, 405, "method-not-allowed");
        assertThat(problem.get("detail").asText()).isEqualTo("this method is not allowed on this resource");
        assertThat(answer.body()).as("TRACE echoes nothing back").doesNotContain(HOSTILE).doesNotContain("Bearer");
    }

    @Test
    void unknownMethodIsRefusedWithAProblem() {
        problem(RawHttp.send(server.uri(), head("FOO /api/v1/namespaces")), 405, "method-not-allowed");
        // A method the server takes, on a resource that does not: Jersey's 405, worded the same.
        problem(RawHttp.send(server.uri(), head("DELETE /api/v1/namespaces")), 405, "method-not-allowed");
    }

    @Test
    void emptyContentTypeIsRefusedNamingTheHeader() {
        Answer answer = RawHttp.send(server.uri(), head("POST /api/v1/lineage") + "Content-Type: \r\n"
                + "Content-Length: 2\r\n", "{}".getBytes(StandardCharsets.UTF_8));
        JsonNode problem = problem(answer, 400, "malformed-header");
        assertThat(problem.get("detail").asText()).startsWith("the Content-Type header is not one media type");
    }

    @Test
    void malformedOrDoubledContentTypeIsRefusedWithoutQuotingIt() {
        for (String headers : new String[] {"Content-Type: " + HOSTILE + "\r\n",
                "Content-Type: application/json\r\nContent-Type: text/plain\r\n"}) {
            Answer answer = RawHttp.send(server.uri(), head("POST /api/v1/lineage") + headers + "Content-Length: 2\r\n",
                    "{}".getBytes(StandardCharsets.UTF_8));
            problem(answer, 400, "malformed-header");
            assertThat(answer.body()).doesNotContain("script").doesNotContain("text/plain");
        }
        // A request without a body is read by Jersey all the same.
        problem(RawHttp.send(server.uri(), head("GET /api/v1/namespaces") + "Content-Type: \r\n"), 400,
                "malformed-header");
    }

    @Test
    void malformedAcceptIsRefusedNamingTheHeader() {
        Answer answer = RawHttp.send(server.uri(), head("GET /api/v1/namespaces") + "Accept: ;;;/" + HOSTILE + "\r\n");
        JsonNode problem = problem(answer, 400, "malformed-header");
        assertThat(problem.get("detail").asText()).startsWith("the Accept header");
        assertThat(answer.body()).doesNotContain("script");
    }

    @Test
    void pathOutsideEveryResourceIsAProblemOnBothPorts() {
        problem(RawHttp.send(server.uri(), head("GET /no/such/" + "place")), 404, "not-found");
        problem(RawHttp.send(server.adminUri(), "GET /no/such/place HTTP/1.1\r\nHost: 127.0.0.1\r\n"), 404,
                "not-found");
    }

    @Test
    void requestsJettyCannotParseAreProblemsOnBothPorts() {
        for (URI port : new URI[] {server.uri(), server.adminUri()}) {
            Answer badUri = RawHttp.send(port, "GET /api/v1/%zz" + HOSTILE + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            problem(badUri, 400, "bad-request");
            assertThat(badUri.body()).doesNotContain("script").doesNotContain("%zz");
            problem(RawHttp.send(port, "GET /api/v1/namespaces HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "
                    + "a".repeat(20_000) + "\r\n"), 431, "request-header-fields-too-large");
            problem(RawHttp.send(port, "GET /api/v1/namespaces HTTP/7.1\r\nHost: 127.0.0.1\r\n"), 505,
                    "http-version-not-supported");
        }
    }

    @Test
    void adminPortRefusalsCarryTheSecurityHeaders() {
        problem(RawHttp.send(server.adminUri(), "TRACE /healthcheck HTTP/1.1\r\nHost: 127.0.0.1\r\n"), 403, "forbidden");
    }

    @Test
    void gzipBodiesAreInflatedForEveryEndpointAndRefusedWhenBroken() throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write("{\"name\": \"zipped\", \"roles\": [\"READER\"]}".getBytes(StandardCharsets.UTF_8));
        }
        byte[] whole = compressed.toByteArray();
        String admin = "POST /api/v1/admin/api-keys HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + TestServer.ADMIN_KEY + "\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n";

        Answer created = RawHttp.send(server.uri(), admin + "Content-Length: " + whole.length + "\r\n", whole);
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        byte[] truncated = Arrays.copyOf(whole, whole.length - 6);
        JsonNode problem = problem(RawHttp.send(server.uri(), admin + "Content-Length: " + truncated.length + "\r\n",
                truncated), 400, "malformed-gzip");
        assertThat(problem.get("detail").asText()).contains("not valid gzip");
    }
}
