package io.custodian.server.health;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.health.HealthCheck;
import io.custodian.catalog.ingest.LineageIngestor;
import io.custodian.catalog.read.CatalogReader;

/**
 * Ingestion keeps up and applies what it logs: reports the queue and how far the catalog trails
 * the event log, and turns unhealthy while the log holds events whose apply step failed (they are
 * kept, but the catalog lacks them).
 */
public final class IngestionHealthCheck extends HealthCheck {
    private final LineageIngestor ingestor;
    private final CatalogReader catalog;

    public IngestionHealthCheck(LineageIngestor ingestor, CatalogReader catalog) {
        this.ingestor = requireNonNull(ingestor, "ingestor is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    @Override
    protected Result check() {
        long unapplied = catalog.unappliedEvents();
        ResultBuilder result = unapplied == 0
                ? Result.builder().healthy()
                : Result.builder().unhealthy().withMessage(unapplied + " logged events could not be applied");
        return result.withDetail("queuedEvents", ingestor.queuedEvents())
                .withDetail("loggedEvents", ingestor.loggedEvents())
                .withDetail("pendingApply", ingestor.pendingApply())
                .withDetail("unappliedEvents", unapplied)
                .build();
    }
}
