package io.custodian.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.catalog.testing.Events;
import io.custodian.catalog.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
 * Nothing acknowledged is lost: a server process killed (SIGKILL) while events stream in, and
 * started again on the same store, shows every event it acknowledged.
 */
class CrashRecoveryTest {
    private static final int EVENTS = 240;
    private static final int CLIENTS = 8;

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void everyAcknowledgedEventSurvivesAKilledProcess(String kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind)) {
            Path dataDir = Files.createTempDirectory("custodian-crash-");
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
                    if (run.statusCode() != 200 || !run.body().contains("\"state\":\"COMPLETE\"")) {
                        missing.add(runId);
                    }
                }
                assertThat(missing).as("acknowledged runs missing after the restart").isEmpty();
                assertThat(second.get("/api/v1/events/lineage?limit=1").body()).contains("\"totalCount\":" + EVENTS);
            }
        }
    }
}
