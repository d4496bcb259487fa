package io.custodian.server.scan;

import io.custodian.catalog.classification.ReviewQueue;
import io.custodian.scanner.classify.PiiColumnClassifier;
import io.custodian.scanner.ingest.IngestClassifier;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.audit.AuditTrail;
import io.custodian.catalog.classification.ClassificationStore;
import io.custodian.catalog.ingest.LineageEventParser;
import io.custodian.catalog.ingest.LineageIngestor;
import io.custodian.policy.PolicySet;
import io.custodian.scanner.ColumnClassifier;
import io.custodian.scanner.propagation.PropagationService;
import io.custodian.scanner.scan.IngestingRegistrar;
import io.custodian.scanner.scan.ScanService;
import io.custodian.scanner.scan.ScanStore;
import io.custodian.server.sources.SourcesWiring;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * The classification side of the service, wired once: the store of classifications, propagation
 * along lineage (which ingestion notifies), and the scan service (which registers datasets
 * through ingestion). Built in two steps because ingestion needs propagation and scans need
 * ingestion.
 */
public final class Scanning {
    private final Supplier<PolicySet> policies;
    private final ClassificationStore classifications;
    private final PropagationService propagation;
    private final IngestClassifier ingestClassifier;
    private final ReviewQueue reviews;

    /** @param policies the policy set in force, read at each decision (never kept from the start) */
    public Scanning(Jdbi jdbi, Supplier<PolicySet> policies, Clock clock) {
        this.policies = requireNonNull(policies, "policies is null");
        this.classifications = new ClassificationStore(jdbi, clock);
        this.propagation = new PropagationService(classifications, policies);
        this.ingestClassifier = new IngestClassifier(classifications, new PiiColumnClassifier(policies, clock), policies);
        this.reviews = new ReviewQueue(jdbi, classifications, clock);
    }

    /** Listens to ingestion: classifies new and changed fields by name and type, off the applier's thread. */
    public IngestClassifier ingestClassifier() {
        return ingestClassifier;
    }

    /** The privacy review queue. */
    public ReviewQueue reviews() {
        return reviews;
    }

    public Supplier<PolicySet> policies() {
        return policies;
    }

    public ClassificationStore classifications() {
        return classifications;
    }

    /** Listens to ingestion: recomputes propagation when applied events bring column lineage. */
    public PropagationService propagation() {
        return propagation;
    }

    /** The scan service over the configured sources; call once ingestion runs. */
    public ScanService scans(Jdbi jdbi, ScannerFactory config, SourcesWiring sources, ColumnClassifier classifier,
            LineageIngestor ingestor, LineageIngestor.Replica replica, LineageEventParser parser, AuditTrail audit,
            Clock clock) {
        // A replica silent for three lease lifetimes has died with its scans; they are given up.
        return new ScanService(config.buildSources(sources.sources()), sources.dataSources(),
                new ScanStore(jdbi, clock, replica.id(), replica.leaseTtl().multipliedBy(3)), classifications,
                new IngestingRegistrar(classifications, ingestor, parser, clock, Duration.ofSeconds(60)), classifier,
                policies, audit, clock, config.getParallelScans(), propagation::request);
    }
}
