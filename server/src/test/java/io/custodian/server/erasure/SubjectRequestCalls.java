package io.custodian.server.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodian.server.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The subject request API as tests call it: requests with a chosen key, waits for the worker, problems. */
final class SubjectRequestCalls {
    static final String BASE = "/api/v1/subject-requests";
    private final Supplier<TestServer> server;

    /** @param server the running server (a supplier: a restarted server has new ports) */
    SubjectRequestCalls(Supplier<TestServer> server) {
        this.server = server;
    }

    HttpResponse<String> call(String method, String path, String body, String key) {
        return call(method, path, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8), key,
                null);
    }

    HttpResponse<String> call(String method, String path, byte[] body, String key, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.get().uri().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(Duration.ofSeconds(60));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        return server.get().send(request.build());
    }

    JsonNode json(String method, String path, String body, String key, int status) {
        HttpResponse<String> response = call(method, path, body, key);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        return TestServer.json(response.body());
    }

    /** Submits a request by email and returns its id. */
    String submit(String key, String type, String email) {
        String body = """
                {"type": "%s", "regulation": "GDPR", "subject": {"identifiers": {"EMAIL_ADDRESS": "%s"}},
                 "requestedBy": "the data subject, by the web form", "reference": "ticket 1"}""".formatted(type, email);
        return json("POST", BASE, body, key, 201).get("request").get("id").asText();
    }

    /** Waits for the worker to bring a request to one of {@code statuses}; returns its view. */
    JsonNode awaitStatus(String id, String key, String... statuses) {
        return await(id, key, view -> Set.of(statuses).contains(status(view)));
    }

    JsonNode await(String id, String key, Predicate<JsonNode> done) {
        long end = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < end) {
            last = json("GET", BASE + "/" + id, null, key, 200);
            if (done.test(last)) {
                return last;
            }
            sleep(50);
        }
        throw new AssertionError("subject request " + id + " did not get there in time: " + last);
    }

    static String status(JsonNode view) {
        return view.get("request").get("status").asText();
    }

    /** A problem+json answer with this status, naming {@code pointer} among its errors when given. */
    static JsonNode assertProblem(HttpResponse<String> response, int status, String pointer) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = TestServer.json(response.body());
        assertThat(problem.get("detail").asText()).as(response.body()).isNotBlank();
        if (pointer != null) {
            assertThat(problem.get("errors").toString()).as(response.body()).contains("\"" + pointer + "\"");
        }
        return problem;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
