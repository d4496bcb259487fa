package io.custodian.server.scan;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.classification.ClassificationStore;
import io.custodian.catalog.ingest.LineageEventParser;
import io.custodian.catalog.ingest.LineageIngestor;
import io.custodian.policy.ClassificationPolicy;
import io.custodian.scanner.ColumnClassifier;
import io.custodian.scanner.propagation.PropagationService;
import io.custodian.scanner.scan.IngestingRegistrar;
import io.custodian.scanner.scan.ScanService;
import io.custodian.scanner.scan.ScanStore;
import io.custodian.server.sources.SourcesWiring;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/**
 * The classification side of the service, wired once: the store of classifications, propagation
 * along lineage (which ingestion notifies), and the scan service (which registers datasets
 * through ingestion). Built in two steps because ingestion needs propagation and scans need
 * ingestion.
 */
public final class Scanning {
    private final ClassificationPolicy policy;
    private final ClassificationStore classifications;
    private final PropagationService propagation;

    public Scanning(Jdbi jdbi, ClassificationPolicy policy, Clock clock) {
        this.policy = requireNonNull(policy, "policy is null");
        this.classifications = new ClassificationStore(jdbi, clock);
        this.propagation = new PropagationService(classifications, policy.propagation()::carries);
    }

    public ClassificationPolicy policy() {
        return policy;
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
            LineageIngestor ingestor, LineageEventParser parser, Clock clock) {
        return new ScanService(config.buildSources(sources.sources()), sources.dataSources(),
                new ScanStore(jdbi, clock), classifications,
                new IngestingRegistrar(classifications, ingestor, parser, clock, Duration.ofSeconds(60)), classifier,
                clock, config.getParallelScans(), propagation::request);
    }
}
