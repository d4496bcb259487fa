package io.custodian.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck.Result;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodian.catalog.ingest.LineageEventParser;
import io.custodian.catalog.ingest.LineageIngestor;
import io.custodian.catalog.read.CatalogReader;
import io.custodian.catalog.store.CatalogDatabase;
import io.custodian.catalog.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The ingestion health check sees an applier that makes no progress, not only events that failed to apply. */
class IngestionHealthCheckTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    static java.util.List<String> databases() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anEventLoggedLongAgoAndNotAppliedTurnsTheCheckUnhealthy(String kind) {
        try (TestDatabase database = TestDatabase.create(kind)) {
            CatalogDatabase catalog = database.migrate();
            Jdbi jdbi = catalog.jdbi();
            CatalogReader reader = new CatalogReader(jdbi, new ObjectMapper());
            LineageIngestor ingestor = new LineageIngestor(jdbi, new LineageEventParser(), Clock.systemUTC(),
                    LineageIngestor.Settings.defaults());
            IngestionHealthCheck check = new IngestionHealthCheck(ingestor, reader, Clock.fixed(NOW, ZoneOffset.UTC),
                    Duration.ofMinutes(2));
            assertThat(check.execute().isHealthy()).isTrue();

            // Logged, as the writer logs an event, but never applied: no applier runs here.
            log(jdbi, NOW.minusSeconds(60));
            Result recent = check.execute();
            assertThat(recent.isHealthy()).isTrue();
            assertThat(recent.getDetails()).containsEntry("oldestUnappliedAgeSeconds", 60L);

            jdbi.useHandle(h -> h.execute("UPDATE lineage_event SET received_at = ?", NOW.minusSeconds(300)));
            Result stalled = check.execute();
            assertThat(stalled.isHealthy()).isFalse();
            assertThat(stalled.getMessage()).contains("no progress for 300 s");

            jdbi.useHandle(h -> h.execute("UPDATE ingest_progress SET applied_seq = (SELECT MAX(seq) FROM lineage_event)"));
            assertThat(check.execute().isHealthy()).isTrue();
        }
    }

    private static void log(Jdbi jdbi, Instant receivedAt) {
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO lineage_event (event_key, event_kind, event_type, event_time, producer, received_at, payload)
                VALUES (?, 'RUN', 'COMPLETE', ?, 'test', ?, '{}')""", "k".repeat(64), receivedAt, receivedAt));
    }
}
