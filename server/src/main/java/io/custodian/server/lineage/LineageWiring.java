package io.custodian.server.lineage;

import io.custodian.catalog.ingest.LineageIngestor;
import io.custodian.catalog.lineage.LineageReader;
import io.custodian.catalog.read.CatalogReader;
import io.custodian.catalog.sql.SqlLineageService;
import io.custodian.lineage.sql.AnalysisBudget;
import io.custodian.lineage.sql.SqlLineageExtractor;
import io.custodian.server.lineage.sql.SqlLineageResource;
import io.dropwizard.core.setup.Environment;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/** The lineage graph reads (dataset and column level) and column lineage of submitted SQL. */
public final class LineageWiring {
    private LineageWiring() {
    }

    public static void register(LineageGraphFactory config, Jdbi jdbi, CatalogReader catalog, LineageIngestor ingestor,
            Environment environment) {
        LineageReader graph = new LineageReader(jdbi, catalog);
        environment.jersey().register(new LineageGraphResource(graph, config));
        environment.jersey().register(new ColumnLineageResource(graph, config));
        environment.jersey().register(new RunLineageResource(new io.custodian.catalog.lineage.UpstreamRuns(jdbi)));
        environment.jersey().register(new SqlLineageResource(new SqlLineageService(jdbi, new SqlLineageExtractor(),
                AnalysisBudget.DEFAULT.withTimeLimit(Duration.ofMillis(config.getSqlTimeLimit().toMilliseconds()))),
                ingestor, Duration.ofSeconds(2), environment.getObjectMapper()));
    }
}
