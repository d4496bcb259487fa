package io.custodian.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodian.catalog.testing.TempFolders;
import io.custodian.catalog.testing.TestDatabase;
import io.custodian.masking.keys.KeyEncryptionKey;
import io.custodian.server.CustodianApplication;
import io.custodian.server.CustodianConfiguration;
import io.custodian.server.store.DataDirectory;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * A running Custodian on loopback, on random ports, over a fresh {@link TestDatabase}, with a
 * small HTTP client for tests.
 */
public final class TestServer implements AutoCloseable {
    private static final ObjectMapper mapper = new ObjectMapper();
    private final TestDatabase database;
    private final Path dataDir;
    private final ConfigOverride[] overrides;
    private final Function<Application<CustodianConfiguration>, Command> command;
    private DropwizardTestSupport<CustodianConfiguration> support;
    /** The bootstrap admin key every test server starts with. */
    public static final String ADMIN_KEY = "test-bootstrap-admin-key-0123456789abcdef";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** A PRODUCER + READER key: what tests send unless they say otherwise. */
    private String key;

    private TestServer(TestDatabase database, Path dataDir, ConfigOverride[] overrides,
            Function<Application<CustodianConfiguration>, Command> command,
            DropwizardTestSupport<CustodianConfiguration> support) {
        this.database = database;
        this.dataDir = dataDir;
        this.overrides = overrides;
        this.command = command;
        this.support = support;
        this.key = createKey("tests", "PRODUCER", "READER");
    }

    /** Creates an API key with the given roles through the admin API and returns its secret. */
    public String createKey(String name, String... roles) {
        StringBuilder body = new StringBuilder("{\"name\":\"").append(name).append("\",\"roles\":[");
        for (int i = 0; i < roles.length; i++) {
            body.append(i == 0 ? "" : ",").append('"').append(roles[i]).append('"');
        }
        body.append("]}");
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri().resolve("/api/v1/admin/api-keys"))
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("could not create a key: " + response.statusCode() + " " + response.body());
        }
        return json(response.body()).get("key").asText();
    }

    /** The key requests carry by default (PRODUCER and READER). */
    public String key() {
        return key;
    }

    public static TestServer start(String databaseKind, ConfigOverride... extra) {
        return start(databaseKind, ServerCommand::new, extra);
    }

    /** A server started by another command of the jar than {@code server} (such as {@code demo}). */
    public static TestServer start(String databaseKind, Function<Application<CustodianConfiguration>, Command> command,
            ConfigOverride... extra) {
        TestDatabase database = TestDatabase.create(databaseKind);
        Path dataDir = TempFolders.create("custodian-data-");
        try {
            // A real key-encryption key from a file, as production configures it (PostgreSQL refuses the development one).
            Path kek = dataDir.resolve("test-kek.json");
            DataDirectory.writePrivate(kek, KeyEncryptionKey.generateJson().getBytes(StandardCharsets.UTF_8));
            ConfigOverride[] overrides = new ConfigOverride[8 + extra.length];
            overrides[0] = ConfigOverride.config("dataDir", dataDir.toString());
            overrides[1] = ConfigOverride.config("database.url", database.jdbcUrl());
            overrides[2] = ConfigOverride.config("database.user", database.user());
            overrides[3] = ConfigOverride.config("database.password", database.password());
            overrides[4] = ConfigOverride.config("server.applicationConnectors[0].port", "0");
            overrides[5] = ConfigOverride.config("server.adminConnectors[0].port", "0");
            overrides[6] = ConfigOverride.config("auth.bootstrapAdminKey", ADMIN_KEY);
            overrides[7] = ConfigOverride.config("masking.keys.kekFile", kek.toString());
            System.arraycopy(extra, 0, overrides, 8, extra.length);
            DropwizardTestSupport<CustodianConfiguration> support = support(overrides, command);
            support.before();
            return new TestServer(database, dataDir, overrides, command, support);
        } catch (Exception e) {
            database.close();
            TempFolders.delete(dataDir);
            throw new IllegalStateException("the server did not start", e);
        }
    }

    private static DropwizardTestSupport<CustodianConfiguration> support(ConfigOverride[] overrides,
            Function<Application<CustodianConfiguration>, Command> command) {
        return new DropwizardTestSupport<>(CustodianApplication.class,
                ResourceHelpers.resourceFilePath("test-config.yml"), (String) null, command, overrides);
    }

    /**
     * Stops the service and starts a new one on the same store, data folder and settings, as after
     * a restart: what the first left in the store is all the second knows. {@code whileDown} runs
     * in between. A setting given as a supplier is read again, so a test changes it by changing
     * what its supplier returns (settings given twice would take either value). Ports change.
     */
    public void restart(Runnable whileDown) {
        support.after();
        whileDown.run();
        support = support(overrides, command);
        try {
            support.before();
        } catch (Exception e) {
            throw new IllegalStateException("the server did not start again", e);
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + support.getLocalPort());
    }

    public URI adminUri() {
        return URI.create("http://127.0.0.1:" + support.getAdminPort());
    }

    /** The service's data folder. */
    public Path dataDir() {
        return dataDir;
    }

    public TestDatabase database() {
        return database;
    }


    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri().resolve(path)).header("Authorization", "Bearer " + key).GET().build());
    }

    public JsonNode getJson(String path) {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " returned " + response.statusCode() + ": " + response.body());
        }
        return json(response.body());
    }

    public HttpResponse<String> post(String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri().resolve(path))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        request.header("Content-Type", "application/json");
        request.header("Authorization", "Bearer " + key);
        headers.forEach(request::setHeader);
        return send(request.build());
    }

    public HttpResponse<String> post(String path, byte[] body) {
        return post(path, body, Map.of());
    }

    /**
     * Waits until every acknowledged event is applied and the column lineage derived from jobs'
     * SQL (worked out after applying, off the apply thread) is written.
     */
    public void awaitDerivedLineage() {
        getJson("/api/v1/namespaces"); // a read waits for every acknowledged event to be applied
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (java.sql.Connection connection = database.dataSource().getConnection();
                java.sql.PreparedStatement pending = connection.prepareStatement(
                        "SELECT COUNT(*) FROM sql_derivation WHERE status = 'PENDING'")) {
            while (true) {
                try (java.sql.ResultSet rows = pending.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) == 0) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("SQL lineage still pending after 30 s");
                }
                Thread.sleep(20);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The number of raw events in the log. */
    public long eventCount() {
        return getJson("/api/v1/events/lineage?limit=1").get("totalCount").asLong();
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                // The server closes a connection after refusing a body it did not read (401, 413, 429);
                // a pooled connection can be found closed before anything was sent. Send once more.
                if (String.valueOf(e.getMessage()).contains("received no bytes")) {
                    return http.send(request, HttpResponse.BodyHandlers.ofString());
                }
                throw e;
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(String body) {
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** Path segment encoding, as Marquez clients send namespaces and names. */
    public static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        try {
            support.after();
        } finally {
            database.close();
            TempFolders.delete(dataDir);
        }
    }
}
