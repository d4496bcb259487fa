package io.custodian.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodian.catalog.testing.Events;
import io.custodian.catalog.testing.TestDatabase;
import io.custodian.server.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import io.dropwizard.testing.ConfigOverride;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Ingestion is audited or refused: an entry that cannot be written is kept, and ingestion pauses. */
class IngestionAuditFailureTest {

    static java.util.List<String> databases() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void ingestionPausesWhileItsAuditCannotBeWrittenAndNoCountIsLost(String kind) throws Exception {
        try (TestServer server = TestServer.start(kind, ConfigOverride.config("ingest.auditWindow", "100ms"))) {
            String key = server.createKey("paused producer", "PRODUCER");
            assertThat(post(server, key).statusCode()).isEqualTo(201);

            rename(server, "audit_entry", "audit_entry_away");
            int acceptedWhileBroken = 0;
            HttpResponse<String> refused = null;
            for (int attempt = 0; attempt < 200 && refused == null; attempt++) {
                HttpResponse<String> response = post(server, key);
                if (response.statusCode() == 201) {
                    acceptedWhileBroken++;
                    Thread.sleep(20);
                } else {
                    refused = response;
                }
            }
            assertThat(refused).as("ingestion refused once its audit failed").isNotNull();
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(TestServer.json(refused.body()).get("type").asText()).endsWith("audit-unavailable");

            rename(server, "audit_entry_away", "audit_entry");
            HttpResponse<String> resumed = null;
            for (int attempt = 0; attempt < 200 && (resumed == null || resumed.statusCode() != 201); attempt++) {
                Thread.sleep(20);
                resumed = post(server, key);
            }
            assertThat(resumed.statusCode()).isEqualTo(201);

            long expected = 1 + acceptedWhileBroken + 1;
            long audited = 0;
            for (int attempt = 0; attempt < 200 && audited < expected; attempt++) {
                Thread.sleep(20);
                audited = auditedAccepted(server);
            }
            assertThat(audited).as("every accepted event counted in the audit log").isEqualTo(expected);
        }
    }

    private static HttpResponse<String> post(TestServer server, String key) {
        byte[] event = Events.run("START", UUID.randomUUID(), Instant.parse("2025-08-01T00:00:00Z"))
                .job("audit-pause", "job").bytes();
        return server.send(HttpRequest.newBuilder(server.uri().resolve("/api/v1/lineage"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(event)).build());
    }

    private static long auditedAccepted(TestServer server) {
        JsonNode entries = TestServer.json(server.send(HttpRequest.newBuilder(
                        server.uri().resolve("/api/v1/audit?action=lineage.ingest&limit=1000"))
                .header("Authorization", "Bearer " + TestServer.ADMIN_KEY).GET().build()).body()).get("entries");
        long accepted = 0;
        for (JsonNode entry : entries) {
            if (entry.get("actor").asText().startsWith("paused producer")) {
                accepted += Long.parseLong(entry.get("detail").asText().replaceAll(".*accepted=(\\d+).*", "$1"));
            }
        }
        return accepted;
    }

    private static void rename(TestServer server, String from, String to) throws SQLException {
        try (Connection connection = server.database().dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE " + from + " RENAME TO " + to);
        }
    }
}
