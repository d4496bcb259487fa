package io.custodian.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodian.catalog.testing.Events;
import io.custodian.catalog.testing.TempFolders;
import io.custodian.catalog.testing.TestDatabase;
import io.custodian.catalog.text.TextRules;
import io.custodian.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Nothing acknowledged is lost: a server process killed (SIGKILL) while events stream in, or
 * right after it acknowledged an event it had not applied yet, and started again on the same
 * store, shows every event it acknowledged, exactly as it was sent.
 */
class CrashRecoveryTest {
    private static final int EVENTS = 240;
    private static final int CLIENTS = 8;
    /** Overlong UTF-8 for "/": what a lenient decoder reads as "/", and a strict one refuses. */
    private static final byte[] OVERLONG_SLASH = {(byte) 0xC0, (byte) 0xAF};

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void everyAcknowledgedEventSurvivesAKilledProcess(String kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind)) {
            Path dataDir = TempFolders.create("custodian-crash-");
            int port = ServerProcess.freePort();
            Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
            String key;

            try (ServerProcess first = ServerProcess.start(database, dataDir, port)) {
                key = first.createKey();
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
                List<Future<?>> work = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    work.add(clients.submit(() -> {
                        for (int i = client; i < EVENTS; i += CLIENTS) {
                            UUID runId = UUID.randomUUID();
                            byte[] event = Events.run("COMPLETE", runId, Instant.parse("2025-07-01T00:00:00Z").plusSeconds(i))
                                    .job("crash", "job_" + (i % 10))
                                    .output(Events.dataset("s3://crash", "table_" + (i % 25)).schema("id:int", "email:text"))
                                    .bytes();
                            if (first.post(event).statusCode() == 201) {
                                acknowledged.add(runId);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : work) {
                    f.get();
                }
                clients.shutdown();
                // No shutdown hook, no draining: the process dies the moment the last event is acknowledged.
                first.kill();
            }
            assertThat(acknowledged).hasSize(EVENTS);

            try (ServerProcess second = ServerProcess.start(database, dataDir, port)) {
                second.useKey(key);
                List<UUID> missing = new ArrayList<>();
                for (UUID runId : acknowledged) {
                    HttpResponse<String> run = second.get("/api/v1/jobs/runs/" + runId);
                    if (run.statusCode() != 200 || !run.body().contains("\"state\":\"COMPLETED\"")) {
                        missing.add(runId);
                    }
                }
                assertThat(missing).as("acknowledged runs missing after the restart").isEmpty();
                assertThat(second.get("/api/v1/events/lineage?limit=1").body()).contains("\"totalCount\":" + EVENTS);
            }
            // Left behind when an assertion fails: the servers' logs are in it.
            TempFolders.delete(dataDir);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void multiByteNamesSurviveAKillBeforeTheyAreAppliedAndOverlongUtf8IsRefused(String kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind)) {
            Path dataDir = TempFolders.create("custodian-crash-utf8-");
            int port = ServerProcess.freePort();
            // 2-, 3- and 4-byte UTF-8 (the last a surrogate pair in Java), and a name of exactly the
            // most UTF-8 bytes a name may have, in a random mix that does not compress (PostgreSQL
            // indexes names uncompressed up to about 2.7 KB).
            String namespace = "utf8://ns-\u00fc-\u20ac-\ud834\udd1e";
            String jobName = "job-\u00f1-\u4e2d\u6587-\ud83d\ude80";
            String datasetName = longestName(new java.util.Random(42));
            String fieldName = "pr\u00e9nom-\u20ac-\ud83d\ude00";
            UUID acknowledgedRun = UUID.randomUUID();
            UUID refusedRun = UUID.randomUUID();
            String key;

            // Applying waits 10 s for more events, so the kill comes after the log commit and before the apply.
            try (ServerProcess first = ServerProcess.start(database, dataDir, port, "ingest.applyLinger=10s")) {
                key = first.createKey();
                byte[] overlong = replace(Events.run("COMPLETE", refusedRun, Instant.parse("2025-07-01T00:00:00Z"))
                        .job(namespace, jobName)
                        .output(Events.dataset(namespace, "orders-OVERLONG-eu"))
                        .bytes(), "OVERLONG".getBytes(StandardCharsets.US_ASCII), OVERLONG_SLASH);
                HttpResponse<String> refused = first.post(overlong);
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
                assertThat(TestServer.json(refused.body()).get("detail").asText()).contains("not valid UTF-8");

                HttpResponse<String> accepted = first.post(Events.run("COMPLETE", acknowledgedRun,
                                Instant.parse("2025-07-01T00:00:01Z"))
                        .job(namespace, jobName)
                        .output(Events.dataset(namespace, datasetName).schema(fieldName + ":text"))
                        .bytes());
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
                first.kill();
            }

            try (ServerProcess second = ServerProcess.start(database, dataDir, port)) {
                second.useKey(key);
                String log = second.log();
                assertThat(log).as("the restart applied the acknowledged event from the log")
                        .contains("applied 1 logged events that were not yet in the catalog")
                        .doesNotContain("cannot be read as an event any more");
                assertThat(second.health("ingestion").get("healthy").asBoolean())
                        .as("no logged event is marked unreadable or failed: %s", second.health("ingestion")).isTrue();

                assertThat(second.get("/api/v1/jobs/runs/" + acknowledgedRun).body()).contains("\"state\":\"COMPLETED\"");
                assertThat(second.get("/api/v1/jobs/runs/" + refusedRun).statusCode()).isEqualTo(404);
                assertThat(TestServer.json(second.get("/api/v1/events/lineage?limit=10").body()).get("totalCount").asLong())
                        .as("only the acknowledged event is stored").isEqualTo(1);

                String ns = "/api/v1/namespaces/" + TestServer.encode(namespace);
                JsonNode datasets = TestServer.json(second.get(ns + "/datasets").body()).get("datasets");
                assertThat(datasets).hasSize(1);
                assertThat(utf8(datasets.get(0).get("name").asText())).isEqualTo(utf8(datasetName));
                assertThat(utf8(datasets.get(0).get("fields").get(0).get("name").asText())).isEqualTo(utf8(fieldName));
                JsonNode jobs = TestServer.json(second.get(ns + "/jobs").body()).get("jobs");
                assertThat(jobs).hasSize(1);
                assertThat(utf8(jobs.get(0).get("name").asText())).isEqualTo(utf8(jobName));
                assertThat(utf8(jobs.get(0).get("namespace").asText())).isEqualTo(utf8(namespace));
            }
            // Left behind when an assertion fails: the servers' logs are in it.
            TempFolders.delete(dataDir);
        }
    }

    /** Random 1- to 4-byte characters up to exactly the most UTF-8 bytes a name may have. */
    private static String longestName(java.util.Random random) {
        int[][] ranges = {{'a', 'z'}, {0x00e0, 0x024f}, {0x4e00, 0x9fff}, {0x1f300, 0x1f5ff}};
        StringBuilder name = new StringBuilder();
        int bytes = 0;
        while (bytes < TextRules.MAX_NAME_BYTES) {
            int[] range = ranges[random.nextInt(ranges.length)];
            int codePoint = range[0] + random.nextInt(range[1] - range[0] + 1);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > TextRules.MAX_NAME_BYTES) {
                codePoint = 'x';
                size = 1;
            }
            name.appendCodePoint(codePoint);
            bytes += size;
        }
        return name.toString();
    }

    private static byte[] replace(byte[] bytes, byte[] target, byte[] replacement) {
        for (int i = 0; i + target.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + target.length, target, 0, target.length)) {
                byte[] result = new byte[bytes.length - target.length + replacement.length];
                System.arraycopy(bytes, 0, result, 0, i);
                System.arraycopy(replacement, 0, result, i, replacement.length);
                System.arraycopy(bytes, i + target.length, result, i + replacement.length, bytes.length - i - target.length);
                return result;
            }
        }
        throw new IllegalArgumentException("target not found");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
