package io.custodian.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodian.catalog.testing.Events;
import io.custodian.catalog.testing.TempFolders;
import io.custodian.catalog.testing.TestDatabase;
import io.custodian.server.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A stop under load (SIGTERM while producers post) is quick and clean: the service stops taking
 * requests, logs and applies everything it acknowledged, commits its search index and closes the
 * store last, logging no error; requests that come during the stop are told to retry. Started
 * again, it has every acknowledged event applied and nothing left to recover.
 */
class GracefulStopTest {
    private static final int CLIENTS = 8;
    private static final int BATCH = 50;
    private static final Duration LOAD = Duration.ofSeconds(3);
    /** Well under the 30 s a service manager usually waits before it kills. */
    private static final Duration STOP_WITHIN = Duration.ofSeconds(15);

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void sigtermUnderLoadLosesNothingAndLogsNoError(String kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind)) {
            Path dataDir = TempFolders.create("custodian-stop-");
            int port = ServerProcess.freePort();
            Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
            List<String> unexpected = new ArrayList<>();
            AtomicBoolean terminated = new AtomicBoolean();
            String key;
            String firstLog;
            int exitStatus;
            Duration stopTook;
            KeptAliveConnection.Answer refusedWhileStopping;

            try (ServerProcess first = ServerProcess.start(database, dataDir, port)) {
                key = first.createKey();
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
                List<Future<?>> posters = new ArrayList<>();
                AtomicInteger sequence = new AtomicInteger();
                for (int c = 0; c < CLIENTS; c++) {
                    // Half the producers send one event per request, half send batches: a full
                    // log queue and a backlog to apply when the stop comes.
                    int perRequest = c % 2 == 0 ? 1 : BATCH;
                    posters.add(clients.submit(() -> {
                        // Until the server no longer answers: every request after the SIGTERM
                        // either completes as before or is refused with a retry.
                        while (true) {
                            List<UUID> runIds = new ArrayList<>(perRequest);
                            List<byte[]> events = new ArrayList<>(perRequest);
                            for (int e = 0; e < perRequest; e++) {
                                int i = sequence.getAndIncrement();
                                UUID runId = UUID.randomUUID();
                                runIds.add(runId);
                                events.add(Events.run("COMPLETE", runId, Instant.parse("2025-07-01T00:00:00Z").plusMillis(i))
                                        .job("stop", "job_" + (i % 10))
                                        .output(Events.dataset("s3://stop", "table_" + (i % 25)).schema("id:int", "email:text"))
                                        .bytes());
                            }
                            HttpResponse<String> response;
                            try {
                                response = perRequest == 1 ? first.post(events.get(0)) : first.postBatch(array(events));
                            } catch (UncheckedIOException noAnswer) {
                                if (terminated.get()) {
                                    return null;
                                }
                                throw noAnswer;
                            }
                            // While stopping, a 503 with Retry-After: the producer sends it again later.
                            boolean retryLater = response.statusCode() == 503 && terminated.get()
                                    && response.headers().firstValue("Retry-After").isPresent();
                            if (response.statusCode() == 201 || response.statusCode() == 200) {
                                acknowledged.addAll(accepted(response, runIds));
                            } else if (!retryLater) {
                                synchronized (unexpected) {
                                    unexpected.add(response.statusCode() + " " + response.headers().map() + " "
                                            + response.body());
                                }
                            }
                        }
                    }));
                }
                KeptAliveConnection idle = first.openConnection();
                ServerProcess.sleep(LOAD);
                // Used just before the stop, so Jetty keeps it open for a moment after the stop begins
                // (it closes connections idle for a second); a path that does not wait for the applier.
                assertThat(idle.head("/").headers()).doesNotContainEntry("connection", "close");
                int beforeStop = acknowledged.size();
                terminated.set(true);
                long stopping = System.nanoTime();
                first.terminate();
                // A request on a connection opened before the stop: told to come back later.
                first.awaitRefusingConnections(Duration.ofSeconds(10));
                try {
                    refusedWhileStopping = idle.get("/api/v1/namespaces");
                } catch (java.io.IOException closed) {
                    // Jetty closes connections idle for a second once it stops; on a slow machine the
                    // stop can take that long to begin. Closed unanswered, nothing was taken either.
                    refusedWhileStopping = null;
                }
                idle.close();
                exitStatus = first.awaitExit(Duration.ofSeconds(40));
                stopTook = Duration.ofNanos(System.nanoTime() - stopping);
                for (Future<?> poster : posters) {
                    poster.get();
                }
                clients.shutdown();
                firstLog = first.log();
                assertThat(beforeStop).as("events acknowledged under load before the stop").isGreaterThan(50);
            }

            assertThat(unexpected).as("answers other than 201, or 503 with Retry-After while stopping").isEmpty();
            // A request on an open connection after the SIGTERM: told to come back, as problem+json.
            if (refusedWhileStopping != null) {
                assertThat(refusedWhileStopping.status()).as(refusedWhileStopping.body()).isEqualTo(503);
                assertThat(refusedWhileStopping.headers()).containsEntry("retry-after", "5")
                        .containsEntry("content-type", "application/problem+json");
                assertThat(TestServer.json(refusedWhileStopping.body()).get("detail").asText()).contains("stopping");
            }
            assertThat(stopTook).as("time from SIGTERM to exit; log:%n%s", firstLog).isLessThan(STOP_WITHIN);
            // The JVM's status after SIGTERM and its shutdown hooks: 128 + 15.
            assertThat(exitStatus).as("exit status; log:%n%s", firstLog).isIn(0, 143);
            assertThat(firstLog.lines().filter(GracefulStopTest::isTrouble).toList())
                    .as("errors and failed ingestion logged while stopping").isEmpty();
            assertThat(firstLog).contains("ingestion stopped in");
            if ("h2".equals(kind)) {
                // Closed by Custodian, and after ingestion had drained.
                assertThat(firstLog.indexOf("the embedded store is closed")).as(firstLog)
                        .isGreaterThan(firstLog.indexOf("ingestion stopped in"));
            }

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
                assertThat(second.health("ingestion").get("healthy").asBoolean())
                        .as("ingestion health after the restart: %s", second.health("ingestion")).isTrue();
                String secondLog = second.log();
                // The stop applied everything it logged and committed the index: nothing to catch up on.
                assertThat(secondLog).doesNotContain("logged events that were not yet in the catalog")
                        .doesNotContain("rebuilding it");
                assertThat(secondLog.lines().filter(GracefulStopTest::isTrouble).toList()).isEmpty();
            }
            // Left behind when an assertion fails: the servers' logs are in it.
            TempFolders.delete(dataDir);
        }
    }

    private static byte[] array(List<byte[]> events) {
        ByteArrayOutputStream array = new ByteArrayOutputStream();
        array.write('[');
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                array.write(',');
            }
            array.writeBytes(events.get(i));
        }
        array.write(']');
        return array.toByteArray();
    }

    /** The run ids of the events a 201 (one event) or 200 (a batch, event by event) acknowledged. */
    private static List<UUID> accepted(HttpResponse<String> response, List<UUID> runIds) {
        if (response.statusCode() == 201) {
            return runIds;
        }
        List<UUID> accepted = new ArrayList<>();
        for (JsonNode result : TestServer.json(response.body()).get("results")) {
            if ("accepted".equals(result.get("status").asText())) {
                accepted.add(runIds.get(result.get("index").asInt()));
            }
        }
        return accepted;
    }

    /** An error, or a warning that ingestion lost its footing (an event not logged or not applied). */
    private static boolean isTrouble(String line) {
        return line.startsWith("ERROR") || line.contains("Exception")
                || line.contains("could not be logged") || line.contains("could not be applied")
                || line.contains("failed") || line.contains("cannot be read");
    }
}
