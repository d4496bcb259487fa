package io.custodian.server.erasure;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodian.catalog.testing.TempFolders;
import io.custodian.catalog.testing.TestDatabase;
import io.custodian.server.testing.TestServer;
import io.dropwizard.testing.ConfigOverride;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Retention rules run on demand through the API against a real source, with their evidence. */
class RetentionApiTest {
    private static final String NS = "test://target";

    static java.util.List<String> databases() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRuleRunOnDemandDeletesExactlyTheOldRowsAndReportsThem(String kind) throws Exception {
        Path policies = TempFolders.create("custodian-retention-policies-");
        String schema = "web_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        Files.writeString(policies.resolve("retention.yml"), """
                retention:
                  rules:
                    - name: clicks-90d
                      dataset: "%s.clicks"
                      timestamp_column: occurred_at
                      period: P90D
                      action: DELETE_ROWS
                      schedule: daily
                """.formatted(schema));
        try (TestDatabase source = TestDatabase.create(kind)) {
            Instant now = Instant.now();
            execute(source, "CREATE SCHEMA " + schema,
                    "CREATE TABLE " + schema + ".clicks (id INTEGER, page VARCHAR(100), occurred_at TIMESTAMP WITH TIME ZONE)");
            for (int i = 0; i < 30; i++) {
                Instant at = i < 12 ? now.minus(Duration.ofDays(100 + i)) : now.minus(Duration.ofDays(i));
                execute(source, "INSERT INTO " + schema + ".clicks VALUES (" + i + ", '/p" + i + "', TIMESTAMP WITH TIME ZONE '"
                        + at.toString().replace('T', ' ').replace("Z", "+00:00") + "')");
            }
            try (TestServer server = TestServer.start(kind,
                    ConfigOverride.config("policies.dir", policies.toString()),
                    ConfigOverride.config("sources[0].url", source.jdbcUrl()),
                    ConfigOverride.config("sources[0].user", source.user()),
                    ConfigOverride.config("sources[0].password", source.password()),
                    ConfigOverride.config("sources[0].writeUser", source.user()),
                    ConfigOverride.config("sources[0].writePassword", source.password()))) {
                assertThat(server.post("/api/v1/lineage", run("COMPLETE", UUID.randomUUID(), now).job("web", "load")
                        .output(dataset(NS, schema + ".clicks").schema("id:integer", "page:varchar(100)",
                                "occurred_at:timestamp with time zone")).bytes()).statusCode()).isEqualTo(201);
                String officer = server.createKey("privacy", "PRIVACY_OFFICER");
                String reader = server.createKey("reader", "READER");

                assertThat(call(server, "POST", "/api/v1/retention/rules/clicks-90d/run", reader).statusCode())
                        .isEqualTo(403);
                HttpResponse<String> unknown = call(server, "POST", "/api/v1/retention/rules/nope/run", officer);
                assertThat(unknown.statusCode()).isEqualTo(404);
                assertThat(unknown.body()).contains("no retention rule 'nope'");

                HttpResponse<String> started = call(server, "POST", "/api/v1/retention/rules/clicks-90d/run", officer);
                assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
                String id = TestServer.json(started.body()).get("id").asText();
                JsonNode done = awaitFinished(server, officer, id);
                assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("COMPLETED");
                assertThat(done.get("rowsDeleted").asLong()).isEqualTo(12);
                JsonNode evidence = done.get("evidence").get(0);
                assertThat(evidence.get("verified").asBoolean()).isTrue();
                assertThat(evidence.get("rowsRemaining").asLong()).isZero();
                assertThat(count(source, "SELECT COUNT(*) FROM " + schema + ".clicks")).isEqualTo(18);
                assertThat(count(source, "SELECT MIN(id) FROM " + schema + ".clicks")).isEqualTo(12);

                JsonNode runs = TestServer.json(call(server, "GET", "/api/v1/retention/runs", officer).body());
                assertThat(runs.get("runs").findValuesAsText("id")).contains(id);
            }
            execute(source, "DROP SCHEMA " + schema + " CASCADE");
        } finally {
            TempFolders.delete(policies);
        }
    }

    private static JsonNode awaitFinished(TestServer server, String key, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode run = null;
        while (System.nanoTime() < deadline) {
            run = TestServer.json(call(server, "GET", "/api/v1/retention/runs/" + id, key).body());
            if (!run.get("status").asText().equals("RUNNING")) {
                return run;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the run did not finish in time: " + run);
    }

    private static HttpResponse<String> call(TestServer server, String method, String path, String key) {
        return server.send(HttpRequest.newBuilder(URI.create(server.uri() + path))
                .header("Authorization", "Bearer " + key)
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
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

    private static long count(TestDatabase db, String sql) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
