package io.custodian.server.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodian.catalog.testing.Events;
import io.custodian.catalog.testing.TempFolders;
import io.custodian.catalog.testing.TestDatabase;
import io.custodian.server.testing.TestServer;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two replicas, each a process of its own, on one PostgreSQL store. Producers send to both; the
 * replica that applies the log is killed (SIGKILL) in the middle of the load, and the producers
 * send what it did not acknowledge to the other one, as a producer behind a load balancer would.
 * The survivor takes the applier lease over and must then show every acknowledged event, applied
 * once and in the order of the log, and searchable; and no scan may have run twice.
 */
class ReplicaFailoverTest {
    private static final int EVENTS = 400;
    private static final int CLIENTS = 8;
    private static final int KILL_AFTER = 150;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String READ_AFTER_SOURCE = "Custodian-Log-Position";

    @Test
    void theSurvivorShowsEveryAcknowledgedEventOnceAndNoScanRunsTwice() throws Exception {
        assumeTrue(TestDatabase.kinds().contains("postgresql"),
                "replicas share a PostgreSQL store: set CUSTODIAN_TEST_PG_URL (CI does)");
        try (TestDatabase database = TestDatabase.postgres()) {
            String sourceSchema = "failover_src_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
            List<String> setup = new ArrayList<>(List.of("CREATE SCHEMA " + sourceSchema));
            for (int t = 0; t < 6; t++) {
                setup.add("CREATE TABLE " + sourceSchema + ".customers_" + t + " (id INTEGER, email VARCHAR(200))");
                setup.add("INSERT INTO " + sourceSchema + ".customers_" + t + " SELECT i, 'u' || i || '@example.com'"
                        + " FROM generate_series(1, 300) AS r(i)");
            }
            execute(database, setup.toArray(String[]::new));

            Path dirA = TempFolders.create("custodian-replica-a-");
            Path dirB = TempFolders.create("custodian-replica-b-");
            ServerProcess a = ServerProcess.start(database, dirA, ServerProcess.freePort(), settings(database, "replica-a"));
            // Both replicas need the same key-encryption key: it wraps the keys they share in the store.
            Files.copy(dirA.resolve("test-kek.json"), dirB.resolve("test-kek.json"));
            ServerProcess b = ServerProcess.start(database, dirB, ServerProcess.freePort(), settings(database, "replica-b"));
            try {
                String producer = a.createKey("producer", "PRODUCER", "READER");
                String steward = a.createKey("steward", "STEWARD", "READER");
                a.useKey(producer);
                b.useKey(producer);

                String holder = awaitHolder(database);
                ServerProcess doomed = holder.equals("replica-a") ? a : b;
                ServerProcess survivor = doomed == a ? b : a;

                // Read-after-write across replicas: the acknowledgement's log position, sent back to the
                // other replica, makes the read wait until that replica has seen the event applied.
                for (ServerProcess writer : List.of(a, b)) {
                    ServerProcess reader = writer == a ? b : a;
                    UUID runId = UUID.randomUUID();
                    HttpResponse<String> posted = writer.post(Events.run("COMPLETE", runId,
                            Instant.parse("2025-06-30T00:00:00Z")).job("failover", "first")
                            .output(Events.dataset("s3://failover", "failover.first").schema("id:int")).bytes());
                    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
                    String position = posted.headers().firstValue(READ_AFTER_SOURCE).orElseThrow();
                    HttpResponse<String> read = reader.get("/api/v1/jobs/runs/" + runId, "Custodian-Read-After", position);
                    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
                    assertThat(Long.parseLong(read.headers().firstValue("Custodian-Applied-Through").orElseThrow()))
                            .isGreaterThanOrEqualTo(Long.parseLong(position));
                }
                HttpResponse<String> malformed = a.get("/api/v1/jobs/runs/" + UUID.randomUUID(), "Custodian-Read-After", "soon");
                assertThat(malformed.statusCode()).isEqualTo(400);
                assertThat(malformed.body()).contains("Custodian-Read-After");

                // Scans on both replicas; the doomed one's may be queued, running or done when it dies.
                List<String> scans = new ArrayList<>();
                for (ServerProcess replica : List.of(a, b, a, b)) {
                    HttpResponse<String> started = replica.call("POST", "/api/v1/scans", steward,
                            "{\"source\": \"target\", \"schema\": \"" + sourceSchema + "\"}");
                    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
                    scans.add(TestServer.json(started.body()).get("id").asText());
                }

                Map<UUID, String> acknowledged = new ConcurrentHashMap<>();
                AtomicInteger count = new AtomicInteger();
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS + 1);
                Future<?> killer = clients.submit(() -> {
                    while (count.get() < KILL_AFTER) {
                        ServerProcess.sleep(Duration.ofMillis(5));
                    }
                    doomed.kill();
                    return null;
                });
                List<Future<?>> work = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    work.add(clients.submit(() -> {
                        for (int i = client; i < EVENTS; i += CLIENTS) {
                            UUID runId = UUID.randomUUID();
                            String output = "failover.out_" + i;
                            byte[] event = Events.run("COMPLETE", runId, Instant.parse("2025-07-01T00:00:00Z").plusSeconds(i))
                                    .job("failover", "job_" + (i % 10))
                                    .input(Events.dataset("s3://failover", "failover.in_" + (i % 20)).schema("id:int", "email:text"))
                                    .output(Events.dataset("s3://failover", output).schema("id:int", "email:text"))
                                    .bytes();
                            if (send(i % 2 == 0 ? a : b, event) || send(survivor, event)) {
                                acknowledged.put(runId, output);
                                count.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : work) {
                    f.get();
                }
                killer.get();
                clients.shutdown();
                assertThat(acknowledged).as("every event is acknowledged by one replica or the other").hasSize(EVENTS);

                // Every acknowledged run is in the catalog the survivor reads.
                long deadline = System.nanoTime() + WAIT.toNanos();
                Set<UUID> missing = new HashSet<>(acknowledged.keySet());
                while (!missing.isEmpty() && System.nanoTime() < deadline) {
                    missing.removeIf(runId -> {
                        HttpResponse<String> run = survivor.get("/api/v1/jobs/runs/" + runId);
                        return run.statusCode() == 200 && run.body().contains("\"state\":\"COMPLETED\"");
                    });
                    if (!missing.isEmpty()) {
                        ServerProcess.sleep(Duration.ofMillis(500));
                    }
                }
                assertThat(missing).as("acknowledged runs the survivor does not show; its log:%n%s", survivor.log())
                        .isEmpty();
                assertThat(holder(database)).as("the survivor took the applier lease over")
                        .isEqualTo(doomed == a ? "replica-b" : "replica-a");

                // ... and searchable there: the survivor's index followed the batches the other applied.
                Set<String> unsearchable = new HashSet<>(acknowledged.values());
                while (!unsearchable.isEmpty() && System.nanoTime() < deadline) {
                    unsearchable.removeAll(searchAll(survivor, "failover out"));
                    if (!unsearchable.isEmpty()) {
                        ServerProcess.sleep(Duration.ofMillis(500));
                    }
                }
                assertThat(unsearchable).as("acknowledged outputs the survivor's search does not find").isEmpty();

                // Applied once, in the order of the log: the batches recorded by both appliers cover
                // the log without a gap or an overlap, and every logged run is one run.
                assertAppliedOnceInOrder(database);
                assertThat(single(database, "SELECT COUNT(*) FROM run"))
                        .isEqualTo(single(database, "SELECT COUNT(*) FROM lineage_event WHERE run_id IS NOT NULL"));

                // No scan ran twice: each sampled at most once, and none is left running.
                Map<String, String> states = new HashMap<>();
                while (System.nanoTime() < deadline) {
                    for (String scan : scans) {
                        states.put(scan, TestServer.json(survivor.call("GET", "/api/v1/scans/" + scan, steward, null)
                                .body()).get("status").asText());
                    }
                    if (states.values().stream().noneMatch(s -> s.equals("QUEUED") || s.equals("RUNNING"))) {
                        break;
                    }
                    ServerProcess.sleep(Duration.ofMillis(500));
                }
                assertThat(states.values()).as("scans end; those of the dead replica as INTERRUPTED")
                        .allMatch(s -> s.equals("SUCCEEDED") || s.equals("INTERRUPTED"));
                for (String scan : scans) {
                    long sampled = single(database,
                            "SELECT COUNT(*) FROM audit_entry WHERE action = 'scan.sample' AND target LIKE '%" + scan + "%'");
                    assertThat(sampled).as("times scan %s sampled its source", scan).isLessThanOrEqualTo(1);
                    if (states.get(scan).equals("SUCCEEDED")) {
                        assertThat(sampled).isEqualTo(1);
                    }
                }
                assertThat(states.values()).as("the survivor's own scans succeed").contains("SUCCEEDED");
            } finally {
                a.close();
                b.close();
            }
            // Left behind when an assertion fails: the servers' logs are in them.
            TempFolders.delete(dirA);
            TempFolders.delete(dirB);
        }
    }

    private static String[] settings(TestDatabase database, String replicaId) {
        return new String[] {
            "ingest.replicaId=" + replicaId,
            "ingest.leaseTtl=3s",
            "sources[0].url=" + database.jdbcUrl(),
            "sources[0].user=" + database.user(),
            "sources[0].password=" + database.password(),
        };
    }

    /** True if the replica acknowledged the event; false if it did not answer (it was killed) or refused it. */
    private static boolean send(ServerProcess replica, byte[] event) {
        try {
            return replica.post(event).statusCode() == 201;
        } catch (UncheckedIOException noAnswer) {
            return false;
        }
    }

    private static Set<String> searchAll(ServerProcess replica, String q) {
        Set<String> names = new HashSet<>();
        for (int offset = 0; ; offset += 100) {
            HttpResponse<String> page = replica.get("/api/v1/search?type=dataset&limit=100&offset=" + offset + "&q="
                    + q.replace(" ", "+"));
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            JsonNode results = TestServer.json(page.body()).get("results");
            results.forEach(hit -> names.add(hit.get("name").asText()));
            if (results.size() < 100) {
                return names;
            }
        }
    }

    private static String awaitHolder(TestDatabase database) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String holder = holder(database);
            if (holder != null) {
                return holder;
            }
            ServerProcess.sleep(Duration.ofMillis(100));
        }
        throw new AssertionError("no replica took the applier lease");
    }

    private static String holder(TestDatabase database) {
        return query(database, "SELECT holder FROM ingest_lease WHERE name = 'applier'", rs -> rs.getString(1));
    }

    private static long single(TestDatabase database, String sql) {
        return query(database, sql, rs -> rs.getLong(1));
    }

    private static void assertAppliedOnceInOrder(TestDatabase database) {
        List<long[]> ranges = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT after_seq, through_seq FROM catalog_change"
                        + " WHERE after_seq >= 0 AND through_seq > after_seq ORDER BY id")) {
            while (rs.next()) {
                ranges.add(new long[] {rs.getLong(1), rs.getLong(2)});
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        long reached = 0;
        for (long[] range : ranges) {
            assertThat(range[0]).as("a batch begins where the one before it ended").isEqualTo(reached);
            reached = range[1];
        }
        assertThat(reached).as("the applied batches reach the end of the log")
                .isEqualTo(single(database, "SELECT MAX(seq) FROM lineage_event"));
    }

    private interface Column<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> T query(TestDatabase database, String sql, Column<T> column) {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? column.read(rs) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void execute(TestDatabase database, String... statements) {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
