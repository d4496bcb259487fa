package io.custodian.server.scan;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.audit.AuditTrail;
import io.custodian.catalog.classification.ClassificationStore;
import io.custodian.catalog.ingest.AppliedBatch;
import io.custodian.catalog.search.SearchIndexer;
import io.custodian.policy.PolicySet;
import io.custodian.scanner.classify.PiiColumnClassifier;
import io.custodian.scanner.scan.ScanService;
import io.custodian.server.access.Auditor;
import io.custodian.server.classification.ClassificationResource;
import io.custodian.server.classification.ReviewResource;
import io.custodian.server.classification.SensitivityResource;
import io.custodian.server.classification.StewardDecisions;
import io.custodian.catalog.classification.DatasetSensitivity;
import io.custodian.server.lineage.IngestionWiring;
import io.custodian.server.sources.SourcesWiring;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Classifications: the store, propagation along column lineage, scans of configured sources, and
 * the steward's endpoints. Opened before ingestion (propagation listens to applied lineage) and
 * registered after it (scans register unknown tables through ingestion).
 */
public final class ScannerWiring {
    /** Set by {@link #register}. */
    private ScanService scans;
    private final ScannerFactory config;
    private final Jdbi jdbi;
    private final Clock clock;
    private final Scanning scanning;
    /** Set by {@link #register}. */
    private StewardDecisions decisions;

    private ScannerWiring(ScannerFactory config, Jdbi jdbi, Clock clock, Scanning scanning) {
        this.config = requireNonNull(config, "config is null");
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.scanning = requireNonNull(scanning, "scanning is null");
    }

    /**
     * The classification store, classification at ingest and propagation; changed classifications
     * reach the search index. Both listeners are managed here, before ingestion, so they stop after
     * it: they listen to the batches ingestion applies while it stops.
     *
     * @param policies the policy set in force, read at each decision
     */
    public static ScannerWiring open(ScannerFactory config, Supplier<PolicySet> policies, Jdbi jdbi,
            SearchIndexer indexer, Clock clock, Environment environment) {
        Scanning scanning = new Scanning(jdbi, policies, clock);
        scanning.classifications().addListener(datasets -> indexer.accept(AppliedBatch.changed(datasets, Set.of())));
        environment.lifecycle().manage(new Managed() {
            @Override
            public void start() {
                scanning.ingestClassifier().start();
                scanning.propagation().start();
            }

            @Override
            public void stop() {
                scanning.ingestClassifier().close();
                scanning.propagation().close();
            }
        });
        return new ScannerWiring(config, jdbi, clock, scanning);
    }

    /**
     * What ingestion tells after each applied batch: new and changed fields are classified by name
     * and type, and propagation recomputes when lineage arrived.
     */
    public Consumer<AppliedBatch> onApplied() {
        return scanning.ingestClassifier().andThen(scanning.propagation());
    }

    /**
     * What this replica does when it takes over applying a shared store's log: the previous holder
     * may have died between committing a batch and classifying its new fields or propagating its
     * lineage, so both are redone from what the store holds.
     */
    public Runnable onTakeOver() {
        return () -> {
            scanning.ingestClassifier().classifyAwaiting();
            scanning.propagation().request();
        };
    }

    /** Tells {@code listener} the datasets whose classifications changed (steward, scan or propagation), after each commit. */
    public void onClassificationsChanged(Consumer<Set<UUID>> listener) {
        scanning.classifications().addListener(listener);
    }

    /** The one classification store: whoever writes through it is heard by the index, propagation and masking. */
    public ClassificationStore classifications() {
        return scanning.classifications();
    }

    /** Stewards' decisions on classifications, checked and audited; available once {@link #register} ran. */
    public StewardDecisions decisions() {
        return requireNonNull(decisions, "register first");
    }

    /** The taxonomy in force, read when asked: each type's name and description. */
    public java.util.function.Supplier<java.util.Map<String, String>> typeDescriptions() {
        return () -> {
            java.util.Map<String, String> types = new java.util.TreeMap<>();
            scanning.policies().get().taxonomy().types().forEach(t -> types.put(t.name(), t.description()));
            return types;
        };
    }

    /** Asks propagation to recompute, as after a reload that changed its rules. */
    public Runnable propagationRequest() {
        return scanning.propagation()::request;
    }

    public void register(IngestionWiring ingestion, SourcesWiring sources, Auditor auditor, AuditTrail audit,
            Environment environment) {
        scans = scanning.scans(jdbi, config, sources, new PiiColumnClassifier(scanning.policies(), clock),
                ingestion.ingestor(), ingestion.replica(), ingestion.parser(), audit, clock);
        // Managed after ingestion, so it stops before it: a scan registers datasets through it.
        environment.lifecycle().manage(new Managed() {
            @Override
            public void start() {
                scans.start();
            }

            @Override
            public void stop() {
                scans.close();
            }
        });
        decisions = new StewardDecisions(scanning.classifications(),
                () -> scanning.policies().get().taxonomy().names(), auditor);
        environment.jersey().register(new ClassificationResource(scanning.classifications(), decisions,
                environment.getObjectMapper()));
        environment.jersey().register(new ScanResource(scans, auditor, environment.getObjectMapper()));
        environment.jersey().register(new ReviewResource(scanning.reviews(), auditor, environment.getObjectMapper()));
        environment.jersey().register(new SensitivityResource(new DatasetSensitivity(jdbi), scanning.policies()));
    }

    /** The scans of configured sources, for what starts one itself (the demo); available once {@link #register} ran. */
    public ScanService scans() {
        return requireNonNull(scans, "register first");
    }
}
