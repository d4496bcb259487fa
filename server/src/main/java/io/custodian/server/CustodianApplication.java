package io.custodian.server;

import io.custodian.server.access.AccessWiring;
import io.custodian.server.access.AuditVerifyCommand;
import io.custodian.server.atlas.AtlasWiring;
import io.custodian.server.catalog.CatalogWiring;
import io.custodian.server.http.HttpWiring;
import io.custodian.server.lineage.IngestionWiring;
import io.custodian.server.lineage.LineageWiring;
import io.custodian.server.lineage.kafka.KafkaWiring;
import io.custodian.server.lineage.sql.SqlLineageCommand;
import io.custodian.server.demo.DemoCommand;
import io.custodian.server.demo.DemoWiring;
import io.custodian.server.erasure.ErasureWiring;
import io.custodian.server.masking.KekCommands;
import io.custodian.server.masking.MaskingWiring;
import io.custodian.server.policy.PolicyWiring;
import io.custodian.server.scan.ScannerWiring;
import io.custodian.server.scanfile.ScanFileCommand;
import io.custodian.server.search.ReindexCommand;
import io.custodian.server.search.SearchWiring;
import io.custodian.catalog.ingest.AppliedBatch;
import java.util.Set;
import io.custodian.server.sources.SourceFactory;
import io.custodian.server.sources.SourcesWiring;
import io.custodian.server.store.DataDirectory;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Custodian service: wires each capability once, each in its own class, and serves them over
 * HTTP. The order is the lifecycle's: managed parts start in the order they are wired and stop in
 * reverse, after Jetty. A stop (SIGTERM) therefore runs:
 *
 * <ol>
 *   <li>Jetty stops accepting connections, answers requests on open ones 503 with Retry-After, and
 *       lets requests in flight finish (within {@code server.shutdownGracePeriod});
 *   <li>background work that writes through ingestion or the store stops: subject requests,
 *       masking's tally, the policy watcher, scans;
 *   <li>ingestion logs everything queued and applies everything logged;
 *   <li>its audit writes the last window, and propagation and the search index take the last
 *       applied batch; the index commits with the log position it reflects;
 *   <li>the sources' pools close, and the store closes last (the embedded H2 database is shut down
 *       by Custodian, not by H2's shutdown hook).
 * </ol>
 */
public final class CustodianApplication extends Application<CustodianConfiguration> {

    public static void main(String[] args) throws Exception {
        new CustodianApplication().run(args);
    }

    @Override
    public String getName() {
        return "custodian";
    }

    @Override
    public void initialize(Bootstrap<CustodianConfiguration> bootstrap) {
        // config.yml reads ${CUSTODIAN_*} variables, with defaults for a fresh machine.
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.addCommand(new DemoCommand(this));
        bootstrap.addCommand(new AuditVerifyCommand());
        bootstrap.addCommand(new ReindexCommand());
        bootstrap.addCommand(new SqlLineageCommand());
        bootstrap.addCommand(new ScanFileCommand());
        bootstrap.addCommand(new KekCommands.Generate());
        bootstrap.addCommand(new KekCommands.Rotate());
    }

    /** A command's own failure exits with its own code (audit-verify: 1 for a broken chain, 3 for a store in use). */
    @Override
    protected void onFatalError(Throwable t) {
        if (t instanceof CommandFailure failure) {
            System.exit(failure.exitCode());
        }
        super.onFatalError(t);
    }

    @Override
    public void run(CustodianConfiguration config, Environment environment) {
        Clock clock = Clock.systemUTC();
        HttpWiring.register(config, environment);
        CatalogWiring catalog = CatalogWiring.register(config, environment);
        // The demo's database is made before the sources are wired: it is one of them.
        Optional<DemoWiring> demo = config.getDemo().isEnabled()
                ? Optional.of(DemoWiring.prepare(DataDirectory.prepare(config.dataPath())))
                : Optional.empty();
        List<SourceFactory> configuredSources = new ArrayList<>(config.getSources());
        demo.ifPresent(d -> configuredSources.add(d.source()));
        SourcesWiring sources = new SourcesWiring(configuredSources, config.getScanner());
        sources.register(environment);
        AccessWiring access = AccessWiring.register(config, catalog.jdbi(), clock, environment);
        // On PostgreSQL other replicas may run beside this one; an H2 store is one process's.
        boolean shared = !config.getDatabase().isEmbedded(config.dataPath());
        SearchWiring search = SearchWiring.open(config.dataPath(), catalog.reader(), shared, catalog.jdbi(),
                environment);
        PolicyWiring policies = new PolicyWiring(config.getPolicies(), config.getScanner().getPolicyFile(), clock);
        ScannerWiring scanner = ScannerWiring.open(config.getScanner(), policies.inForce(), catalog.jdbi(),
                search.indexer(), clock, environment);
        MaskingWiring masking = MaskingWiring.open(config.getMasking(), catalog.jdbi());
        scanner.onClassificationsChanged(datasets -> masking.catalogChanged());
        IngestionWiring ingestion = IngestionWiring.register(config.getIngest(),
                config.getIngest().replica(config.dataPath()), shared, search::indexedThrough, catalog.jdbi(),
                catalog.reader(), access.auditLog(), search.indexer().andThen(scanner.onApplied()).andThen(batch -> {
                    if (!batch.changedDatasets().isEmpty()) {
                        masking.catalogChanged(); // new tables and columns, or classifications another replica changed
                    }
                }),
                clock, environment);
        // A replica taking over the applier redoes derived work the previous holder may have left.
        ingestion.ingestor().onTakeOver(scanner.onTakeOver());
        // Other replicas hear of classifications changed here, for their search indexes and caches.
        scanner.onClassificationsChanged(datasets -> ingestion.ingestor().publishChange(
                AppliedBatch.changed(datasets, Set.of())));
        search.register(ingestion.ingestor(), environment);
        KafkaWiring.register(config.getKafka(), config.getIngest(), ingestion, environment);
        LineageWiring.register(config.getLineageGraph(), catalog.jdbi(), catalog.reader(), ingestion.ingestor(),
                environment);
        scanner.register(ingestion, sources, access.auditor(), access.auditTrail(), environment);
        catalog.registerCuration(scanner.decisions(), scanner.typeDescriptions(), access.auditor(), clock, environment);
        policies.register(environment, access.auditLog(), scanner.propagationRequest());
        masking.register(config.dataPath(), config.getDatabase().isEmbedded(config.dataPath()),
                policies.inForce(), access.auditTrail(), access.auditor(), clock, environment);
        ErasureWiring.register(config.getErasure(), catalog.jdbi(), catalog.reader(), sources, masking.kek(),
                config.getMasking().getKeys().getPurposes().keySet(), policies.inForce(), access.auditTrail(),
                access.auditor(), clock, environment);
        AtlasWiring.register(config.getAtlas(), catalog.jdbi(), scanner.classifications(), ingestion, policies.inForce(),
                access.auditTrail(), clock, environment);
        // Last, so it starts once everything it feeds runs.
        demo.ifPresent(d -> d.register(ingestion.parser(), ingestion.ingestor(), ingestion.audit(),
                scanner.scans(), access.auditTrail(), environment));
    }
}
