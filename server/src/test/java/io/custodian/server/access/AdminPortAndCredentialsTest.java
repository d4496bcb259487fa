package io.custodian.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The admin port only reads (no task changes a log level, no web page reaches it), and credentials
 * are accepted in the Authorization header only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminPortAndCredentialsTest {
    private final TestServer server = TestServer.start("h2");

    @AfterAll
    void stop() {
        server.close();
    }

    private HttpResponse<String> admin(String method, String path, String origin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.adminUri().resolve(path))
                .method(method, HttpRequest.BodyPublishers.ofString(method.equals("POST") ? "logger=ROOT&level=DEBUG" : ""));
        if (method.equals("POST")) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return server.send(request.build());
    }

    @Test
    void theLogLevelTaskCannotTurnOnDebugLogging() {
        HttpResponse<String> response = admin("POST", "/tasks/log-level", null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("runs no tasks");
        assertThat(org.slf4j.LoggerFactory.getLogger("ROOT").isDebugEnabled()).isFalse();
        assertThat(admin("POST", "/tasks/gc", null).statusCode()).isEqualTo(403);
        assertThat(admin("GET", "/tasks/log-level", null).statusCode()).isEqualTo(403);
    }

    @Test
    void healthChecksAndMetricsStillAnswerButNotToAWebPage() {
        assertThat(admin("GET", "/healthcheck", null).statusCode()).isIn(200, 500);
        assertThat(admin("GET", "/ping", null).statusCode()).isEqualTo(200);
        assertThat(admin("GET", "/ping", "https://evil.example").statusCode()).isEqualTo(403);
        assertThat(admin("POST", "/ping", null).statusCode()).isEqualTo(403);
    }

    @Test
    void aKeyInTheQueryStringIsRefusedEvenWhenItIsValid() {
        URI uri = server.uri().resolve("/api/v1/namespaces?access_token=" + server.key());
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(uri).GET().build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Authorization header").doesNotContain(server.key());
        URI upperCase = server.uri().resolve("/api/v1/namespaces?ACCESS_TOKEN=" + server.key());
        assertThat(server.send(HttpRequest.newBuilder(upperCase).GET().build()).statusCode()).isEqualTo(400);
        assertThat(server.get("/api/v1/namespaces").statusCode()).isEqualTo(200);
    }
}
