package io.custodian.catalog.ingest;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodian.catalog.store.CatalogDatabase;
import io.custodian.catalog.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two replicas on one store, in one JVM: both log, one applies everything once in the order of
 * the log, and the other's listeners see what was applied. (Killing a replica's process is
 * {@code ReplicaFailoverTest}'s part, in the server.)
 */
class SharedStoreIngestionTest {
    private static final LineageEventParser parser = new LineageEventParser();
    private static final Instant T0 = Instant.parse("2025-06-01T08:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(30);

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    private static LineageIngestor replica(Jdbi jdbi, String id, List<AppliedBatch> seen) {
        return new LineageIngestor(jdbi, parser, Clock.systemUTC(), LineageIngestor.Settings.defaults(), seen::add,
                Optional.of(new LineageIngestor.Replica(id, Duration.ofSeconds(2))));
    }

    private static LineageEvent event(int i) {
        return parser.parse(run("COMPLETE", UUID.randomUUID(), T0.plusSeconds(i)).job("airflow", "load_" + i % 7)
                .input(dataset("postgres://db:5432", "shop.raw.t" + i % 13).schema("id:bigint", "email:text"))
                .output(dataset("postgres://db:5432", "shop.mart.m" + i).schema("id:bigint", "email:text"))
                .bytes());
    }

    /** Asserts that the applied batches recorded in the change feed cover (0, last] once each, in order. */
    private static void assertAppliedOnceInOrder(Jdbi jdbi) {
        List<long[]> ranges = jdbi.withHandle(h -> h.createQuery(
                "SELECT after_seq, through_seq FROM catalog_change WHERE after_seq >= 0 AND through_seq > after_seq ORDER BY id")
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).list());
        long last = jdbi.withHandle(h -> h.attach(IngestDao.class).lastSeq());
        long reached = 0;
        for (long[] range : ranges) {
            assertThat(range[0]).as("a batch begins where the one before ended").isEqualTo(reached);
            reached = range[1];
        }
        assertThat(reached).as("the batches reach the end of the log").isEqualTo(last);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void bothReplicasLogAndOneAppliesEverythingOnceInOrder(String kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind)) {
            CatalogDatabase store = database.migrate();
            List<AppliedBatch> seenByA = new CopyOnWriteArrayList<>();
            List<AppliedBatch> seenByB = new CopyOnWriteArrayList<>();
            try (LineageIngestor a = replica(store.jdbi(), "replica-a", seenByA).start();
                    LineageIngestor b = replica(store.jdbi(), "replica-b", seenByB).start()) {
                List<CompletableFuture<IngestReceipt>> receipts = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    receipts.add((i % 2 == 0 ? a : b).submit(event(i)));
                }
                receipts.forEach(CompletableFuture::join);
                assertThat(a.awaitApplied(WAIT)).isTrue();
                assertThat(b.awaitApplied(WAIT)).isTrue();

                assertThat(List.of(a.appliesLog(), b.appliesLog())).as("exactly one replica applies")
                        .containsExactlyInAnyOrder(true, false);
                long runs = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM run").mapTo(Long.class).one());
                assertThat(runs).isEqualTo(300);
                assertAppliedOnceInOrder(store.jdbi());

                // The replica that did not apply heard of every output dataset through the feed.
                Set<UUID> outputs = new HashSet<>(store.jdbi().withHandle(h -> h.createQuery(
                        "SELECT id FROM dataset WHERE name LIKE 'shop.mart.%'").mapTo(UUID.class).list()));
                assertThat(outputs).hasSize(300);
                List<AppliedBatch> follower = a.appliesLog() ? seenByB : seenByA;
                Set<UUID> heard = new HashSet<>();
                follower.forEach(batch -> heard.addAll(batch.changedDatasets()));
                assertThat(heard).containsAll(outputs);
                assertThat(follower).allSatisfy(batch -> {
                    assertThat(batch.newSchemas()).as("derived work is the applier's").isEmpty();
                    assertThat(batch.newLineage()).isEmpty();
                });

                // A change made outside ingestion on one replica reaches the other's listeners.
                UUID changed = outputs.iterator().next();
                int before = seenByB.size();
                a.publishChange(AppliedBatch.changed(Set.of(changed), Set.of()));
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (seenByB.subList(before, seenByB.size()).stream().noneMatch(x -> x.changedDatasets().contains(changed))
                        && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(seenByB.subList(before, seenByB.size())).anySatisfy(
                        batch -> assertThat(batch.changedDatasets()).contains(changed));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void whenTheApplierStopsTheOtherReplicaTakesOverAndAppliesWhatWasLeft(String kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind)) {
            CatalogDatabase store = database.migrate();
            List<AppliedBatch> seen = new CopyOnWriteArrayList<>();
            LineageIngestor first = replica(store.jdbi(), "replica-a", seen).start();
            try (LineageIngestor second = replica(store.jdbi(), "replica-b", seen).start()) {
                first.submit(event(0)).join();
                assertThat(first.awaitApplied(WAIT)).isTrue();
                assertThat(first.appliesLog()).as("the first replica to start takes the lease").isTrue();
                assertThat(second.appliesLog()).isFalse();

                first.close(); // gives the lease up
                List<CompletableFuture<IngestReceipt>> receipts = new ArrayList<>();
                for (int i = 1; i <= 50; i++) {
                    receipts.add(second.submit(event(i)));
                }
                receipts.forEach(CompletableFuture::join);
                assertThat(second.awaitApplied(WAIT)).isTrue();
                assertThat(second.appliesLog()).isTrue();
                long runs = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM run").mapTo(Long.class).one());
                assertThat(runs).isEqualTo(51);
                assertAppliedOnceInOrder(store.jdbi());
            } finally {
                first.close();
            }
        }
    }

    private static boolean take(Jdbi jdbi, ApplierLease lease) {
        return jdbi.inTransaction(h -> lease.tryTake(h.attach(IngestDao.class)));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aHolderWhoseLeaseWasTakenCannotCommitAsTheApplier(String kind) {
        try (TestDatabase database = TestDatabase.create(kind)) {
            Jdbi jdbi = database.migrate().jdbi();
            ApplierLease stalled = new ApplierLease("replica-a", Duration.ofSeconds(5));
            ApplierLease other = new ApplierLease("replica-b", Duration.ofSeconds(5));
            assertThat(take(jdbi, stalled)).isTrue();
            assertThat(take(jdbi, other))
                    .as("held and not expired").isFalse();

            // The holder stalls past the expiry; the other replica takes over.
            jdbi.useHandle(h -> h.execute("UPDATE ingest_lease SET expires_at = CURRENT_TIMESTAMP - INTERVAL '1' SECOND"));
            assertThat(take(jdbi, other)).isTrue();

            assertThatThrownBy(() -> jdbi.useTransaction(h -> stalled.renew(h.attach(IngestDao.class))))
                    .isInstanceOf(ApplierLease.LostException.class);
            jdbi.useTransaction(h -> other.renew(h.attach(IngestDao.class)));

            // A restarted replica takes its own lease back at once, under a new epoch.
            ApplierLease restarted = new ApplierLease("replica-b", Duration.ofSeconds(5));
            assertThat(take(jdbi, restarted)).isTrue();
            assertThatThrownBy(() -> jdbi.useTransaction(h -> other.renew(h.attach(IngestDao.class))))
                    .isInstanceOf(ApplierLease.LostException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRestartedReplicaReplaysItsOwnEarlierBatchesToListenersBehindThem(String kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind)) {
            CatalogDatabase store = database.migrate();
            long reached;
            try (LineageIngestor first = replica(store.jdbi(), "replica-a", new CopyOnWriteArrayList<>()).start()) {
                for (int i = 0; i < 10; i++) {
                    first.submit(event(i)).join();
                }
                assertThat(first.awaitApplied(WAIT)).isTrue();
                reached = first.appliedSeq();
                for (int i = 10; i < 20; i++) {
                    first.submit(event(i)).join();
                }
                assertThat(first.awaitApplied(WAIT)).isTrue();
            }
            assertThat(LineageIngestor.replayableFrom(store.jdbi(), reached)).isTrue();
            Set<UUID> missed = new HashSet<>(store.jdbi().withHandle(h -> h.createQuery(
                    "SELECT id FROM dataset WHERE name IN (<names>)").bindList("names",
                    java.util.stream.IntStream.range(10, 20).mapToObj(i -> "shop.mart.m" + i).toList())
                    .mapTo(UUID.class).list()));
            assertThat(missed).hasSize(10);

            // The same replica again, its listeners (an index) at the position it had reached
            // halfway: the batches after it are its own, from its earlier run.
            List<AppliedBatch> heard = new CopyOnWriteArrayList<>();
            try (LineageIngestor again = replica(store.jdbi(), "replica-a", heard).start(reached)) {
                long deadline = System.nanoTime() + WAIT.toNanos();
                Set<UUID> changed = new HashSet<>();
                while (!changed.containsAll(missed) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                    heard.forEach(batch -> changed.addAll(batch.changedDatasets()));
                }
                assertThat(changed).containsAll(missed);
                assertThat(again.appliedSeq()).isEqualTo(store.jdbi().withHandle(h -> h.attach(IngestDao.class).lastSeq()));
            }

            store.jdbi().useHandle(h -> h.execute("DELETE FROM catalog_change"));
            assertThat(LineageIngestor.replayableFrom(store.jdbi(), reached)).as("the feed no longer reaches back")
                    .isFalse();
        }
    }
}
