package io.custodian.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodian.catalog.testing.TempFolders;
import io.custodian.catalog.testing.TestDatabase;
import io.custodian.server.testing.TestServer;
import io.dropwizard.testing.ConfigOverride;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GET /api/v1/policies on a server whose policy folder changes while it runs: a good change is put in
 * force, a bad one is refused (health check, audit, API) and the last good set stays until a fix.
 */
class PolicyApiTest {
    static List<String> databases() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theSetInForceFollowsTheFolderAndARefusedChangeIsReportedUntilFixed(String kind) throws IOException {
        Path folder = TempFolders.create("custodian-policies-");
        Path types = Files.writeString(folder.resolve("types.yml"),
                "types:\n  FR_INSEE: {sensitivity: RESTRICTED, identifiesSubject: true, description: INSEE number}\n");
        Files.writeString(folder.resolve("scanner.yml"), "scanner:\n  reporting_threshold: 0.6\n");
        try (TestServer server = TestServer.start(kind, ConfigOverride.config("policies.dir", folder.toString()),
                ConfigOverride.config("policies.reloadInterval", "50ms"))) {
            String admin = server.createKey("policy admin", "POLICY_ADMIN");
            JsonNode first = policies(server, admin);
            String firstVersion = first.get("version").asText();
            assertThat(firstVersion).hasSize(64);
            assertThat(first.get("shortVersion").asText()).isEqualTo(firstVersion.substring(0, 12));
            assertThat(first.get("origin").asText()).isEqualTo(folder.toString());
            assertThat(first.get("files")).extracting(f -> f.get("name").asText()).containsExactly(
                    "classpath:policies/classification.yml", folder.resolve("scanner.yml").toString(),
                    types.toString());
            assertThat(first.get("files").get(1).get("sha256").asText()).hasSize(64);
            assertThat(first.get("loadedAt").asText()).isNotEmpty();
            assertThat(first.get("types")).anySatisfy(t -> {
                assertThat(t.get("name").asText()).isEqualTo("FR_INSEE");
                assertThat(t.get("sensitivity").asText()).isEqualTo("RESTRICTED");
                assertThat(t.get("identifiesSubject").asBoolean()).isTrue();
            });
            assertThat(first.get("sections").get("scanner").get("reporting_threshold").asDouble()).isEqualTo(0.6);
            assertThat(first.get("sections").get("propagation").get("default").get("DIRECT/IDENTITY").asBoolean())
                    .isTrue();
            assertThat(first.get("lastReloadFailure").isNull()).isTrue();
            assertThat(server.getJson("/api/v1/policies").get("version").asText())
                    .as("readers see it too").isEqualTo(firstVersion);

            Path bad = Files.writeString(folder.resolve("zz-bad.yml"), "scanner:\n  thresholds:\n    NOT_A_TYPE: 0.4\n");
            JsonNode refused = await(server, admin, p -> !p.get("lastReloadFailure").isNull());
            assertThat(refused.get("version").asText()).isEqualTo(firstVersion);
            String message = bad + ":3:5: scanner.thresholds names unknown type 'NOT_A_TYPE'";
            assertThat(refused.get("lastReloadFailure").get("message").asText()).startsWith(message);
            assertThat(refused.get("lastReloadFailure").get("line").asInt()).isEqualTo(3);
            assertThat(refused.get("lastReloadFailure").get("column").asInt()).isEqualTo(5);
            JsonNode health = health(server);
            assertThat(health.get("policies").get("healthy").asBoolean()).isFalse();
            assertThat(health.get("policies").get("message").asText()).contains(message);
            assertThat(audit(server)).anySatisfy(e -> {
                assertThat(e.get("actor").asText()).isEqualTo("custodian");
                assertThat(e.get("outcome").asText()).isEqualTo("failure");
                assertThat(e.get("detail").asText()).startsWith(message).contains(firstVersion + " stays in force");
            });

            // Replaced in one step, as an editor saves: a poll between truncating and writing would
            // see an empty file, which is a valid (empty) policy file.
            Path fix = Files.writeString(folder.resolve(".fix.tmp"), "scanner:\n  thresholds:\n    FR_INSEE: 0.8\n");
            Files.move(fix, bad, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            JsonNode fixed = await(server, admin, p -> p.get("lastReloadFailure").isNull()
                    && p.get("sections").get("scanner").get("thresholds").has("FR_INSEE"));
            String fixedVersion = fixed.get("version").asText();
            assertThat(fixedVersion).isNotEqualTo(firstVersion);
            assertThat(fixed.get("sections").get("scanner").get("thresholds").get("FR_INSEE").asDouble())
                    .isEqualTo(0.8);
            assertThat(health(server).get("policies").get("healthy").asBoolean()).isTrue();
            assertThat(audit(server)).anySatisfy(e -> {
                assertThat(e.get("outcome").asText()).isEqualTo("success");
                assertThat(e.get("detail").asText()).isEqualTo("version " + fixedVersion + " (was " + firstVersion + ")");
            });
        } finally {
            TempFolders.delete(folder);
        }
    }

    private static JsonNode policies(TestServer server, String key) {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri().resolve("/api/v1/policies"))
                .header("Authorization", "Bearer " + key).GET().build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestServer.json(response.body());
    }

    /** Polls until the watcher has acted on the change (no timing is asserted; the bound only ends a hung test). */
    private static JsonNode await(TestServer server, String key, Predicate<JsonNode> done) {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            JsonNode view = policies(server, key);
            if (done.test(view)) {
                return view;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the policy folder's change was not acted on");
    }

    private static JsonNode health(TestServer server) {
        return TestServer.json(server.send(HttpRequest.newBuilder(server.adminUri().resolve("/healthcheck"))
                .GET().build()).body());
    }

    private static JsonNode audit(TestServer server) {
        return TestServer.json(server.send(HttpRequest.newBuilder(server.uri().resolve(
                        "/api/v1/audit?action=policy.reload"))
                .header("Authorization", "Bearer " + TestServer.ADMIN_KEY).GET().build()).body()).get("entries");
    }
}
