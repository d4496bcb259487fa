package io.custodian.server.atlas;

import io.custodian.atlas.AtlasBridge;
import io.custodian.atlas.AtlasSettings;
import io.custodian.atlas.export.AtlasExporter;
import io.custodian.atlas.importing.AtlasImporter;
import io.custodian.catalog.audit.AuditTrail;
import io.custodian.catalog.classification.ClassificationStore;
import io.custodian.catalog.classification.ClassifiedFields;
import io.custodian.policy.PolicySet;
import io.custodian.server.lineage.IngestionWiring;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * The Atlas bridge, wired when {@code atlas.enabled}: the exporter over the classifications in
 * force, the importer through ingestion into the same classification store the scanner and
 * stewards use (so the search index, propagation and masking hear of what it records), and the
 * run worker, started after ingestion and stopped before it. The resource is always registered; with
 * the bridge off it answers 404.
 */
public final class AtlasWiring {
    private AtlasWiring() {}

    public static Optional<AtlasBridge> register(AtlasFactory config, Jdbi jdbi, ClassificationStore classifications,
            IngestionWiring ingestion, Supplier<PolicySet> policies, AuditTrail audit, Clock clock,
            Environment environment) {
        Optional<AtlasBridge> bridge = Optional.empty();
        if (config.isEnabled()) {
            AtlasSettings settings = config.settings();
            AtlasExporter exporter = new AtlasExporter(settings, new ClassifiedFields(jdbi, classifications),
                    () -> policies.get().taxonomy());
            AtlasImporter importer = new AtlasImporter(settings, ingestion.ingestor(), ingestion.parser(),
                    classifications, () -> policies.get().taxonomy(), config.getIngestTimeout().toJavaDuration());
            AtlasBridge running = new AtlasBridge(settings, exporter, importer, audit, clock,
                    config.getExportInterval().toJavaDuration(), config.getImportInterval().toJavaDuration());
            environment.lifecycle().manage(new Managed() {
                @Override
                public void start() {
                    running.start();
                }

                @Override
                public void stop() {
                    running.close();
                }
            });
            bridge = Optional.of(running);
        }
        environment.jersey().register(new AtlasResource(bridge));
        return bridge;
    }
}
