package io.custodian.scanner.testing;

import io.custodian.scanner.classify.PiiColumnClassifier;
import io.custodian.scanner.ingest.IngestClassifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodian.catalog.audit.AuditEvent;
import io.custodian.catalog.audit.AuditException;
import io.custodian.catalog.audit.AuditTrail;
import io.custodian.catalog.classification.ClassificationStore;
import io.custodian.catalog.ingest.LineageEventParser;
import io.custodian.catalog.ingest.LineageIngestor;
import io.custodian.catalog.read.CatalogReader;
import io.custodian.catalog.store.CatalogDatabase;
import io.custodian.catalog.testing.TestDatabase;
import io.custodian.scanner.ColumnClassifier;
import io.custodian.policy.PolicyInForce;
import io.custodian.scanner.policy.ScannerPolicies;
import io.custodian.scanner.propagation.PropagationRules;
import io.custodian.scanner.propagation.PropagationService;
import io.custodian.scanner.scan.IngestingRegistrar;
import io.custodian.scanner.scan.Scan;
import io.custodian.scanner.scan.ScanService;
import io.custodian.scanner.scan.ScanSource;
import io.custodian.scanner.scan.ScanStore;
import io.custodian.sources.DataSources;
import io.custodian.sources.Sources;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A catalog (H2 or PostgreSQL) with ingestion, classifications, propagation and a scan service over given sources. */
public final class ScanFixture implements AutoCloseable {
    public static final LineageEventParser PARSER = new LineageEventParser();
    public final TestDatabase database;
    public final CatalogDatabase catalog;
    public final ClassificationStore classifications;
    public final PropagationService propagation;
    public final LineageIngestor ingestor;
    public final CatalogReader reader;
    public final ScanStore scans;
    public final DataSources dataSources;
    public final ScanService service;
    /** Classifies new fields by name and type after each applied batch, once {@link #classifyAtIngest} is set. */
    public final IngestClassifier ingestClassifier;
    /** Off by default, so tests of scans and propagation see only their own classifications. */
    public volatile boolean classifyAtIngest;
    /** The policy set in force: the shipped defaults until a test puts another in force. */
    public final PolicyInForce policies = new PolicyInForce(ScannerPolicies.defaults());
    /** What scans recorded as evidence, in order. */
    public final List<AuditEvent> audited = new CopyOnWriteArrayList<>();
    /** Set to make the audit trail refuse entries, as a failing audit log would. */
    public volatile boolean auditFailing;
    private final AuditTrail audit = event -> {
        if (auditFailing) {
            throw new AuditException("the audit log is unavailable", new IllegalStateException("test"));
        }
        audited.add(event);
    };

    /** Propagation by the policy set in force. */
    public ScanFixture(String kind, List<ScanSource> sources, ColumnClassifier classifier) {
        this(kind, sources, classifier, null);
    }

    /** Propagation by fixed rules (by the policy set in force when null). */
    public ScanFixture(String kind, List<ScanSource> sources, ColumnClassifier classifier, PropagationRules rules) {
        this.database = TestDatabase.create(kind);
        this.catalog = database.migrate();
        this.classifications = new ClassificationStore(catalog.jdbi(), Clock.systemUTC());
        this.propagation = (rules == null
                ? new PropagationService(classifications, policies)
                : new PropagationService(classifications, rules)).start();
        this.ingestClassifier = new IngestClassifier(classifications, new PiiColumnClassifier(policies, Clock.systemUTC()),
                policies);
        java.util.function.Consumer<io.custodian.catalog.ingest.AppliedBatch> atIngest = batch -> {
            if (classifyAtIngest) {
                ingestClassifier.accept(batch);
            }
        };
        this.ingestor = new LineageIngestor(catalog.jdbi(), PARSER, Clock.systemUTC(),
                LineageIngestor.Settings.defaults(), propagation.andThen(atIngest)).start();
        this.reader = new CatalogReader(catalog.jdbi(), new ObjectMapper());
        this.scans = new ScanStore(catalog.jdbi(), Clock.systemUTC());
        this.dataSources = new DataSources(new Sources(sources.stream().map(ScanSource::source).toList()));
        dataSources.start();
        this.service = new ScanService(sources, dataSources, scans, classifications,
                new IngestingRegistrar(classifications, ingestor, PARSER, Clock.systemUTC(), Duration.ofSeconds(30)),
                classifier, policies, audit, Clock.systemUTC(), 2, propagation::request).start();
    }

    public void ingest(byte[] event) {
        ingestor.submit(PARSER.parse(event)).join();
        assertThat(ingestor.awaitDerived(Duration.ofSeconds(30))).isTrue();
        if (classifyAtIngest) {
            assertThat(ingestor.awaitApplied(Duration.ofSeconds(30))).isTrue();
            try {
                assertThat(ingestClassifier.awaitIdle(30_000)).isTrue();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** Waits for a scan to finish and for the propagation it triggers. */
    public Scan await(UUID id) {
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < end) {
            Scan scan = scans.get(id).orElseThrow();
            if (scan.status().finished()) {
                try {
                    assertThat(propagation.awaitIdle(30_000)).isTrue();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                return scan;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the scan did not finish in time");
    }

    @Override
    public void close() {
        service.close();
        dataSources.stop();
        ingestor.close();
        propagation.close();
        ingestClassifier.close();
        database.close();
    }
}
