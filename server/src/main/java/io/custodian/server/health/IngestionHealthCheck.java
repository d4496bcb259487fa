package io.custodian.server.health;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.health.HealthCheck;
import io.custodian.catalog.ingest.LineageIngestor;
import io.custodian.catalog.read.CatalogReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Ingestion keeps up and applies what it logs: reports the queue and how far the catalog trails
 * the event log, and turns unhealthy while the log holds events whose apply step failed (they are
 * kept, but the catalog lacks them), or while the oldest event not yet applied has waited longer
 * than {@code stallAfter} (an applier that makes no progress, whatever the reason).
 */
public final class IngestionHealthCheck extends HealthCheck {
    private final LineageIngestor ingestor;
    private final CatalogReader catalog;
    private final Clock clock;
    private final Duration stallAfter;

    public IngestionHealthCheck(LineageIngestor ingestor, CatalogReader catalog, Clock clock, Duration stallAfter) {
        this.ingestor = requireNonNull(ingestor, "ingestor is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.stallAfter = requireNonNull(stallAfter, "stallAfter is null");
    }

    @Override
    protected Result check() {
        long unapplied = catalog.unappliedEvents();
        Optional<Instant> oldest = catalog.oldestUnappliedReceivedAt();
        Duration waiting = oldest.map(at -> Duration.between(at, clock.instant())).orElse(Duration.ZERO);
        ResultBuilder result;
        if (waiting.compareTo(stallAfter) > 0) {
            result = Result.builder().unhealthy().withMessage("the applier has made no progress for "
                    + waiting.toSeconds() + " s: the oldest logged event not yet applied was received at " + oldest.get());
        } else if (unapplied > 0) {
            result = Result.builder().unhealthy().withMessage(unapplied + " logged events could not be applied");
        } else {
            result = Result.builder().healthy();
        }
        return result.withDetail("oldestUnappliedAgeSeconds", waiting.toSeconds())
                .withDetail("queuedEvents", ingestor.queuedEvents())
                .withDetail("loggedEvents", ingestor.loggedEvents())
                .withDetail("pendingApply", ingestor.pendingApply())
                .withDetail("unappliedEvents", unapplied)
                .build();
    }
}
