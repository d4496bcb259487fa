package io.custodian.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.catalog.testing.Events;
import io.custodian.catalog.testing.TestDatabase;
import io.custodian.masking.keys.KeyEncryptionKey;
import io.custodian.server.CustodianApplication;
import io.custodian.server.store.DataDirectory;
import io.dropwizard.testing.ResourceHelpers;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Nothing acknowledged is lost: a server process killed (SIGKILL) while events stream in, and
 * started again on the same store, shows every event it acknowledged.
 */
class CrashRecoveryTest {
    private static final int EVENTS = 240;
    private static final int CLIENTS = 8;
    private static final String ADMIN_KEY = "crash-test-admin-key-0123456789abcdef";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private String key = ADMIN_KEY;

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void everyAcknowledgedEventSurvivesAKilledProcess(String kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind)) {
            Path dataDir = Files.createTempDirectory("custodian-crash-");
            int port = freePort();
            Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();

            Process first = start(database, dataDir, port);
            try {
                awaitUp(port, first);
                key = createKey(port);
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
                            if (post(port, event) == 201) {
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
            } finally {
                // No shutdown hook, no draining: the process dies the moment the last event is acknowledged.
                first.destroyForcibly().waitFor();
            }
            assertThat(acknowledged).hasSize(EVENTS);

            Process second = start(database, dataDir, port);
            try {
                awaitUp(port, second);
                List<UUID> missing = new ArrayList<>();
                for (UUID runId : acknowledged) {
                    HttpResponse<String> run = get(port, "/api/v1/jobs/runs/" + runId);
                    if (run.statusCode() != 200 || !run.body().contains("\"state\":\"COMPLETE\"")) {
                        missing.add(runId);
                    }
                }
                assertThat(missing).as("acknowledged runs missing after the restart").isEmpty();
                assertThat(get(port, "/api/v1/events/lineage?limit=1").body()).contains("\"totalCount\":" + EVENTS);
            } finally {
                second.destroyForcibly().waitFor();
            }
        }
    }

    private static Process start(TestDatabase database, Path dataDir, int port) throws IOException {
        // A PostgreSQL store needs a configured key-encryption key; the restart reads the same one.
        Path kek = dataDir.resolve("test-kek.json");
        if (!Files.exists(kek)) {
            Files.createDirectories(dataDir);
            DataDirectory.writePrivate(kek, KeyEncryptionKey.generateJson().getBytes(StandardCharsets.UTF_8));
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Ddw.dataDir=" + dataDir,
                "-Ddw.server.applicationConnectors[0].port=" + port,
                "-Ddw.server.adminConnectors[0].port=0",
                "-Ddw.logging.level=WARN",
                "-Ddw.auth.bootstrapAdminKey=" + ADMIN_KEY,
                "-Ddw.masking.keys.kekFile=" + kek));
        if (!"h2".equals(database.name())) {
            command.add("-Ddw.database.url=" + database.jdbcUrl());
            command.add("-Ddw.database.user=" + database.user());
            command.add("-Ddw.database.password=" + database.password());
        }
        command.addAll(List.of(CustodianApplication.class.getName(), "server",
                ResourceHelpers.resourceFilePath("test-config.yml")));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("server.log").toFile())
                .start();
    }

    private void awaitUp(int port, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("server process is running").isTrue();
            try {
                get(port, "/api/v1/namespaces");
                return;
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server did not start within 60 s");
    }

    private String createKey(int port) {
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/admin/api-keys"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"crash\",\"roles\":[\"PRODUCER\",\"READER\"]}"))
                .build());
        assertThat(created.statusCode()).isEqualTo(201);
        return io.custodian.server.testing.TestServer.json(created.body()).get("key").asText();
    }

    private int post(int port, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/lineage"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build()).statusCode();
    }

    private HttpResponse<String> get(int port, String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + key).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
