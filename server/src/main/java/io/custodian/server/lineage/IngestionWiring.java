package io.custodian.server.lineage;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.Gauge;
import io.custodian.access.audit.AuditLog;
import io.custodian.catalog.ingest.AppliedBatch;
import io.custodian.catalog.ingest.LineageEventParser;
import io.custodian.catalog.ingest.LineageIngestor;
import io.custodian.catalog.read.CatalogReader;
import io.custodian.server.health.IngestionHealthCheck;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenLineage in: the event log and its applier, the ingestion endpoints, their audit, and the
 * filter that lets every other request see what was acknowledged before it. Applied batches go
 * to {@code onApplied} (the search index, propagation).
 */
public final class IngestionWiring {
    private static final Logger log = LoggerFactory.getLogger(IngestionWiring.class);
    private final LineageEventParser parser;
    private final LineageIngestor ingestor;
    private final IngestionAudit audit;
    private final LineageIngestor.Replica replica;

    private IngestionWiring(LineageEventParser parser, LineageIngestor ingestor, IngestionAudit audit,
            LineageIngestor.Replica replica) {
        this.replica = requireNonNull(replica, "replica is null");
        this.parser = requireNonNull(parser, "parser is null");
        this.ingestor = requireNonNull(ingestor, "ingestor is null");
        this.audit = requireNonNull(audit, "audit is null");
    }

    /**
     * @param replica this process as a replica of the store
     * @param shared whether other replicas may share the store (PostgreSQL, not H2): then
     *     the applier runs under a lease and this replica follows the others' changes
     * @param listenersAt the log position what listens to applied batches reflects at start (the
     *     search index's), from where a replica on a shared store replays the others' batches
     */
    public static IngestionWiring register(IngestFactory config, LineageIngestor.Replica replica, boolean shared,
            LongSupplier listenersAt, Jdbi jdbi, CatalogReader catalog, AuditLog auditLog,
            Consumer<AppliedBatch> onApplied, Clock clock, Environment environment) {
        LineageEventParser parser = new LineageEventParser();
        LineageIngestor ingestor = new LineageIngestor(jdbi, parser, clock, config.ingestorSettings(), onApplied,
                shared ? Optional.of(replica) : Optional.empty());
        IngestionAudit audit = new IngestionAudit(auditLog, Duration.ofMillis(config.getAuditWindow().toMilliseconds()));
        // Managed before the ingestor, so it stops after it: its last entry counts every request.
        environment.lifecycle().manage(audit);
        // Managed after the store, the search index and propagation, so it stops before them, once
        // the server takes no more requests: it logs and applies everything queued, and what
        // listens to applied batches sees the last one. Recovery runs at start.
        environment.lifecycle().manage(new Managed() {
            @Override
            public void start() {
                ingestor.start(listenersAt.getAsLong());
                if (shared) {
                    log.info("replica {} on a shared store: the event log is applied by the holder of the applier lease",
                            replica.id());
                }
            }

            @Override
            public void stop() {
                long began = System.nanoTime();
                int toLog = ingestor.queuedEvents();
                long toApply = ingestor.pendingApply();
                ingestor.close();
                long left = ingestor.pendingApply();
                if (left > 0) {
                    log.warn("ingestion stopped with {} logged events not yet applied; they are applied on the next start",
                            left);
                } else {
                    log.info("ingestion stopped in {} ms: {} events were waiting to be logged and {} to be applied",
                            (System.nanoTime() - began) / 1_000_000, toLog, toApply);
                }
            }
        });
        environment.jersey().register(new LineageResource(parser, ingestor, audit, config.getMaxBodySize().toBytes(),
                config.getMaxBatchRequestEvents(),
                Duration.ofMillis(config.getAcknowledgeTimeout().toMilliseconds())));
        environment.jersey().register(new ReadAfterWriteFilter(ingestor, Duration.ofSeconds(2)));
        environment.metrics().register("custodian.ingest.applies-log",
                (Gauge<Integer>) () -> ingestor.appliesLog() ? 1 : 0);
        environment.metrics().register("custodian.ingest.sql-derivations-pending",
                (Gauge<Long>) ingestor::pendingDerivations);
        environment.metrics().register("custodian.ingest.sql-derivations-incomplete",
                (Gauge<Long>) ingestor::sqlDerivationFailures);
        environment.healthChecks().register("ingestion", new IngestionHealthCheck(ingestor, catalog, clock,
                Duration.ofMillis(config.getStallAfter().toMilliseconds())));
        return new IngestionWiring(parser, ingestor, audit, replica);
    }

    public LineageEventParser parser() {
        return parser;
    }

    /** This process as a replica of the store: the runner its scans record. */
    public LineageIngestor.Replica replica() {
        return replica;
    }

    public LineageIngestor ingestor() {
        return ingestor;
    }

    /** Counts ingested events per caller and window, whichever way they came in. */
    public IngestionAudit audit() {
        return audit;
    }
}
