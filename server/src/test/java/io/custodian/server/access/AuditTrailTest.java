package io.custodian.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodian.catalog.testing.Events;
import io.custodian.server.testing.ServerPerDatabaseTest;
import io.custodian.server.testing.TestIssuer;
import io.custodian.server.testing.TestServer;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/** What the audit log records of ingestion and of who acted, and what the service log never records. */
class AuditTrailTest extends ServerPerDatabaseTest {
    private final TestIssuer issuer = new TestIssuer();

    @Override
    protected io.dropwizard.testing.ConfigOverride[] overrides() {
        return issuer.overrides();
    }

    @org.junit.jupiter.api.AfterAll
    void stopIssuer() {
        issuer.close();
    }

    private static JsonNode audit(TestServer server, String query) {
        return TestServer.json(server.send(HttpRequest.newBuilder(server.uri().resolve("/api/v1/audit?" + query))
                .header("Authorization", "Bearer " + TestServer.ADMIN_KEY).GET().build()).body());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void ingestionIsAuditedPerCallerWithCountsNotPerEvent(String kind) throws InterruptedException {
        TestServer server = server(kind);
        String key = server.createKey("audited producer", "PRODUCER");
        for (int i = 0; i < 5; i++) {
            byte[] event = Events.run("START", UUID.randomUUID(), Instant.parse("2025-08-01T00:00:00Z"))
                    .job("audit-ns", "job").bytes();
            server.send(HttpRequest.newBuilder(server.uri().resolve("/api/v1/lineage"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(event)).build());
        }

        long accepted = 0;
        for (int attempt = 0; attempt < 100 && accepted < 5; attempt++) {
            Thread.sleep(50);
            accepted = 0;
            for (JsonNode entry : audit(server, "action=lineage.ingest").get("entries")) {
                if (entry.get("actor").asText().startsWith("audited producer")) {
                    accepted += Long.parseLong(entry.get("detail").asText().replaceAll(".*accepted=(\\d+).*", "$1"));
                }
            }
        }

        assertThat(accepted).isEqualTo(5);
        List<JsonNode> entries = new ArrayList<>();
        audit(server, "action=lineage.ingest").get("entries").forEach(entry -> {
            if (entry.get("actor").asText().startsWith("audited producer")) {
                entries.add(entry);
            }
        });
        assertThat(entries.size()).as("entries, not one per event").isLessThan(5);
        assertThat(entries.get(0).get("remoteAddr").asText()).isEqualTo("127.0.0.1");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aTokenWhoseSubjectReadsLikeTheBootstrapKeyIsAuditedAsATokenNotAsTheKey(String kind) {
        TestServer server = server(kind);
        String subject = "bootstrap admin (bootstrap)";
        String token = issuer.token(subject, "ADMIN", "TOKENIZER");
        String keyName = "made by a token " + UUID.randomUUID();
        var created = server.send(HttpRequest.newBuilder(server.uri().resolve("/api/v1/admin/api-keys"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + keyName + "\",\"roles\":[\"READER\"]}"))
                .build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        // An action recorded by domain code, which knows its actor by name only.
        var tokenized = server.send(HttpRequest.newBuilder(server.uri().resolve("/api/v1/tokens/tokenize"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"purpose\":\"contact\",\"values\":[\"a@b.org\"]}"))
                .build());
        assertThat(tokenized.statusCode()).as(tokenized.body()).isEqualTo(200);
        // The bootstrap key acts too.
        server.createKey("made by the bootstrap key", "READER");

        JsonNode byToken = audit(server, "actorKind=TOKEN&actorId=" + TestServer.encode(subject)).get("entries");
        assertThat(byToken).extracting(e -> e.get("action").asText())
                .contains("api-key.create", "token.tokenize");
        assertThat(byToken).allSatisfy(e -> {
            assertThat(e.get("actorKind").asText()).isEqualTo("TOKEN");
            assertThat(e.get("actorId").asText()).isEqualTo(subject);
        });
        JsonNode byKey = audit(server, "actorKind=BOOTSTRAP_KEY&action=api-key.create").get("entries");
        assertThat(byKey).isNotEmpty().allSatisfy(e -> {
            assertThat(e.get("actorId").asText()).isEqualTo("bootstrap");
            assertThat(e.get("target").asText()).doesNotContain(keyName);
        });
        assertThat(audit(server, "actorKind=OWNER").has("entries")).as("not a kind").isFalse();
        assertThat(audit(server, "").get("entries")).allSatisfy(e ->
                assertThat(e.get("actorKind").asText()).as(e.toString()).isNotEqualTo("UNKNOWN"));
        var verified = TestServer.json(server.send(HttpRequest.newBuilder(server.uri().resolve("/api/v1/audit/verify"))
                .header("Authorization", "Bearer " + TestServer.ADMIN_KEY).GET().build()).body());
        assertThat(verified.get("firstBrokenSeq").isNull()).as(verified.toString()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void secretsAndPersonalDataNeverReachTheServiceLog(String kind) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(context);
        captured.start();
        root.addAppender(captured);
        // Custodian's own loggers at their most verbose; libraries at the level the service runs them.
        Logger ours = context.getLogger("io.custodian");
        ch.qos.logback.classic.Level before = ours.getLevel();
        ours.setLevel(ch.qos.logback.classic.Level.DEBUG);
        try {
            TestServer server = server(kind);
            String planted = "planted.person." + UUID.randomUUID() + "@example.com";
            String key = server.createKey("log probe", "PRODUCER", "READER");
            ObjectNode facet = JsonNodeFactory.instance.objectNode().put("sample", planted);
            byte[] event = Events.run("COMPLETE", UUID.randomUUID(), Instant.parse("2025-08-01T00:00:00Z"))
                    .job("log-ns", "job").output(Events.dataset("log-ns", "people").facet("acme_sample", facet))
                    .bytes();
            server.send(HttpRequest.newBuilder(server.uri().resolve("/api/v1/lineage"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(event)).build());
            // A bad event that quotes the planted value, a wrong key, and a read.
            server.send(HttpRequest.newBuilder(server.uri().resolve("/api/v1/lineage"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"eventTime\": \"" + planted + "\"}")).build());
            server.send(HttpRequest.newBuilder(server.uri().resolve("/api/v1/namespaces"))
                    .header("Authorization", "Bearer " + key + "x").GET().build());
            server.get("/api/v1/namespaces/log-ns/datasets/people");

            StringBuilder everything = new StringBuilder();
            for (ILoggingEvent logged : captured.list) {
                if (logged.getLoggerName().startsWith("jdk.internal.")) {
                    // The test's own HTTP client: it sees the key it sends and the key it is given.
                    continue;
                }
                everything.append(logged.getLoggerName()).append(": ").append(logged.getFormattedMessage()).append('\n');
                if (logged.getThrowableProxy() != null) {
                    everything.append(ThrowableProxyUtil.asString(logged.getThrowableProxy())).append('\n');
                }
            }
            assertThat(captured.list).as("the failed key check was logged, so the check means something")
                    .anyMatch(e -> e.getLoggerName().startsWith("io.custodian"));
            assertThat(everything.toString())
                    .doesNotContain(planted)
                    .doesNotContain(key)
                    .doesNotContain(key.substring(key.lastIndexOf('_') + 1))
                    .doesNotContain(TestServer.ADMIN_KEY);
        } finally {
            root.detachAppender(captured);
            ours.setLevel(before);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void rateLimitedEndpointAnswers429PerCallerWithRetryAfter(String kind) {
        TestServer server = server(kind);
        String admin = server.createKey("rate probe", "ADMIN");
        int limited = 0;
        String retryAfter = null;
        // Beyond the burst of 50, calls faster than the refill of 5 a second are refused; stop at the
        // first refusal, however slow the machine makes each call.
        for (int i = 0; i < 500 && limited == 0; i++) {
            var response = server.send(HttpRequest.newBuilder(server.uri().resolve("/api/v1/admin/api-keys"))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"burst " + i + "\",\"roles\":[\"READER\"]}"))
                    .build());
            if (response.statusCode() == 429) {
                limited++;
                retryAfter = response.headers().firstValue("Retry-After").orElse(null);
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            }
        }

        assertThat(limited).as("calls beyond the burst of 50").isGreaterThan(0);
        assertThat(retryAfter).isNotNull();
        // Another caller's bucket is untouched.
        assertThat(server.createKey("after the burst", "READER")).startsWith("cst_");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void oversizedBodyIsRefusedOnEveryEndpointNotOnlyIngestion(String kind) throws Exception {
        TestServer server = server(kind);
        // Over a socket of its own: the request announces a 6 MiB body and sends none of it, so the
        // refusal, made on the declared length, cannot race with a client still writing into a
        // connection the server closes (and JDK 17's HttpClient hangs on Expect: 100-continue).
        try (java.net.Socket socket = new java.net.Socket(server.uri().getHost(), server.uri().getPort())) {
            socket.setSoTimeout(10_000);
            String request = "POST /api/v1/admin/api-keys HTTP/1.1\r\n"
                    + "Host: " + server.uri().getHost() + "\r\n"
                    + "Authorization: Bearer " + TestServer.ADMIN_KEY + "\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Content-Length: " + (6 << 20) + "\r\n"
                    + "Expect: 100-continue\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String head = new String(socket.getInputStream().readNBytes(512), java.nio.charset.StandardCharsets.ISO_8859_1);

            assertThat(head).startsWith("HTTP/1.1 413");
            assertThat(head).containsIgnoringCase("Content-Type: application/problem+json");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void responsesCarrySecurityHeaders(String kind) {
        var response = server(kind).get("/api/v1/namespaces");

        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).as("CORS is off").isEmpty();
    }
}
