package io.custodian.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodian.catalog.testing.TestDatabase;
import io.custodian.masking.keys.KeyEncryptionKey;
import io.custodian.server.CustodianApplication;
import io.custodian.server.store.DataDirectory;
import io.custodian.server.testing.TestServer;
import io.dropwizard.testing.ResourceHelpers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Custodian server in a process of its own, over a store and a data folder that outlive it:
 * what durability tests kill, stop and start again. Each start writes its own log file
 * ({@code server-1.log}, {@code server-2.log}...) in the data folder.
 */
final class ServerProcess implements AutoCloseable {
    static final String ADMIN_KEY = "crash-test-admin-key-0123456789abcdef";

    private final Process process;
    private final int port;
    private final int adminPort;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private String key = ADMIN_KEY;

    private ServerProcess(Process process, int port, int adminPort, Path log) {
        this.process = process;
        this.port = port;
        this.adminPort = adminPort;
        this.log = log;
    }

    /**
     * Starts a server on {@code database} and {@code dataDir} and waits until it answers.
     * {@code settings} are extra Dropwizard overrides ({@code name=value}, without {@code -Ddw.}).
     */
    static ServerProcess start(TestDatabase database, Path dataDir, int port, String... settings) throws IOException {
        // A PostgreSQL store needs a configured key-encryption key; the restart reads the same one.
        Path kek = dataDir.resolve("test-kek.json");
        if (!Files.exists(kek)) {
            Files.createDirectories(dataDir);
            DataDirectory.writePrivate(kek, KeyEncryptionKey.generateJson().getBytes(StandardCharsets.UTF_8));
        }
        int adminPort = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Ddw.dataDir=" + dataDir,
                "-Ddw.server.applicationConnectors[0].port=" + port,
                "-Ddw.server.adminConnectors[0].port=" + adminPort,
                "-Ddw.logging.level=WARN",
                "-Ddw.auth.bootstrapAdminKey=" + ADMIN_KEY,
                "-Ddw.masking.keys.kekFile=" + kek));
        if (!"h2".equals(database.name())) {
            command.add("-Ddw.database.url=" + database.jdbcUrl());
            command.add("-Ddw.database.user=" + database.user());
            command.add("-Ddw.database.password=" + database.password());
        }
        for (String setting : settings) {
            command.add("-Ddw." + setting);
        }
        command.addAll(List.of(CustodianApplication.class.getName(), "server",
                ResourceHelpers.resourceFilePath("test-config.yml")));
        Path log = nextLog(dataDir);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ServerProcess server = new ServerProcess(process, port, adminPort, log);
        try {
            server.awaitUp();
        } catch (RuntimeException | Error e) {
            server.kill();
            throw e;
        }
        return server;
    }

    private static Path nextLog(Path dataDir) {
        for (int i = 1; ; i++) {
            Path log = dataDir.resolve("server-" + i + ".log");
            if (!Files.exists(log)) {
                return log;
            }
        }
    }

    private void awaitUp() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("server process is running; its log:%n%s", log()).isTrue();
            try {
                get("/api/v1/namespaces");
                return;
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            sleep(Duration.ofMillis(100));
        }
        throw new AssertionError("the server did not start within 60 s");
    }

    /** Creates a PRODUCER + READER key, sends every later request with it, and returns it. */
    String createKey() {
        key = createKey("crash", "PRODUCER", "READER");
        return key;
    }

    /** Creates a key with these roles and returns it; later requests go on with the key they used. */
    String createKey(String name, String... roles) {
        String body = "{\"name\":\"" + name + "\",\"roles\":[\"" + String.join("\",\"", roles) + "\"]}";
        HttpResponse<String> created = send(request("/api/v1/admin/api-keys")
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return TestServer.json(created.body()).get("key").asText();
    }

    /** Sends one request with {@code key}; throws {@link UncheckedIOException} when there is no answer. */
    HttpResponse<String> call(String method, String path, String key, String json) {
        HttpRequest.Builder builder = request(path).header("Authorization", "Bearer " + key);
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        return send(builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Sends later requests with {@code key} (one made by an earlier process on the same store). */
    void useKey(String key) {
        this.key = key;
    }

    /** Posts one event; throws {@link UncheckedIOException} when there is no answer. */
    HttpResponse<String> post(byte[] event) {
        return send(request("/api/v1/lineage")
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofByteArray(event))
                .build());
    }

    /** Posts a JSON array of events to the batch endpoint; throws {@link UncheckedIOException} when there is no answer. */
    HttpResponse<String> postBatch(byte[] events) {
        return send(request("/api/v1/lineage/batch")
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofByteArray(events))
                .build());
    }

    HttpResponse<String> get(String path) {
        return send(request(path).header("Authorization", "Bearer " + key).GET().build());
    }

    /** A GET with one more header. */
    HttpResponse<String> get(String path, String header, String value) {
        return send(request(path).header("Authorization", "Bearer " + key).header(header, value).GET().build());
    }

    /** Opens a connection and keeps it open between requests, as load balancers and producers do. */
    KeptAliveConnection openConnection() throws IOException {
        return new KeptAliveConnection(port, key);
    }

    /**
     * Waits until the server no longer accepts connections: it has begun to stop, and its graceful
     * period runs.
     */
    void awaitRefusingConnections(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
            } catch (IOException refused) {
                return;
            }
            sleep(Duration.ofMillis(5));
        }
        throw new AssertionError("the server still accepts connections after " + timeout);
    }

    /** One health check's result from the admin port. */
    JsonNode health(String check) {
        HttpResponse<String> checks = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort
                + "/healthcheck")).GET().build());
        return TestServer.json(checks.body()).get(check);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: no shutdown hook, no draining; returns once the process is gone. */
    void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM, as a service manager stops the service; returns at once. */
    void terminate() {
        process.destroy();
    }

    /** Waits for the process to end; returns its exit status, or throws if it is still running. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the server process did not exit within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    /** Everything this process has written to standard output and error. */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the process if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
