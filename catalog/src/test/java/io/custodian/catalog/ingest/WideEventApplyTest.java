package io.custodian.catalog.ingest;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.catalog.testing.Events.RunEventBuilder;
import io.custodian.catalog.testing.TestCatalog;
import io.custodian.catalog.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A run's datasets (run_io) through every write the applier makes: a new run's rows, a later
 * version replacing a stored one, an earlier one not replacing it, on wide events.
 */
class WideEventApplyTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final int WIDTH = 300;

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    private static RunEventBuilder wide(String state, UUID runId, Instant time, String type, int width) {
        RunEventBuilder event = run(state, runId, time);
        for (int i = 0; i < width; i++) {
            event.input(dataset("s3://lake", "t" + i).schema("id:" + type));
        }
        return event;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRunsDatasetsKeepTheirLatestVersionWhateverTheOrderOfEvents(String kind) {
        try (TestCatalog store = TestCatalog.open(kind)) {
            UUID runId = UUID.randomUUID();
            store.ingest(wide("START", runId, T0, "bigint", WIDTH));
            // Later: every input a new version, and one input more (written with the rewrite).
            store.ingest(wide("COMPLETE", runId, T0.plusSeconds(60), "text", WIDTH).output(dataset("s3://lake", "out")));
            // Earlier than both, delivered last: changes nothing.
            store.ingest(wide("RUNNING", runId, T0.minusSeconds(60), "date", WIDTH / 2));
            // Another run reading the same datasets: its own rows only.
            store.ingest(wide("COMPLETE", UUID.randomUUID(), T0, "bigint", 10));

            Map<String, Long> types = store.jdbi().withHandle(h -> h.createQuery("""
                    SELECT f.type AS type, COUNT(*) AS n FROM run_io r
                    JOIN dataset_field f ON f.version_id = r.dataset_version_id
                    WHERE r.run_id = :run AND r.io_type = 'INPUT'
                    GROUP BY f.type
                    """).bind("run", runId).reduceRows(new java.util.TreeMap<String, Long>(), (map, row) -> {
                        map.put(row.getColumn("type", String.class), row.getColumn("n", Long.class));
                        return map;
                    }));
            long rows = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM run_io WHERE run_id = :run")
                    .bind("run", runId).mapTo(Long.class).one());
            long all = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM run_io")
                    .mapTo(Long.class).one());

            assertThat(types).containsExactly(Map.entry("text", (long) WIDTH));
            assertThat(rows).isEqualTo(WIDTH + 1);
            assertThat(all).isEqualTo(WIDTH + 1 + 10);
        }
    }
}
