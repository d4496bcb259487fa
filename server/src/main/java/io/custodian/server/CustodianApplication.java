package io.custodian.server;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.custodian.catalog.ingest.AppliedBatch;
import io.custodian.catalog.ingest.LineageEventParser;
import io.custodian.catalog.ingest.LineageIngestor;
import io.custodian.catalog.lineage.LineageReader;
import io.custodian.catalog.read.CatalogReader;
import io.custodian.catalog.search.SearchIndex;
import io.custodian.catalog.search.SearchIndexer;
import io.custodian.catalog.store.CatalogDatabase;
import io.custodian.access.Caller;
import io.custodian.access.audit.AuditLog;
import io.custodian.access.keys.ApiKeys;
import io.custodian.access.tokens.TokenVerifier;
import io.custodian.server.access.ApiKeyResource;
import io.custodian.server.access.AuditResource;
import io.custodian.server.access.AuditVerifyCommand;
import io.custodian.server.access.Auditor;
import io.custodian.server.access.BodySizeLimitFilter;
import io.custodian.server.access.BootstrapAdminKey;
import io.custodian.server.access.RateLimitFilter;
import io.custodian.server.access.ProblemUnauthorizedHandler;
import io.custodian.server.access.SecurityHeadersFilter;
import io.custodian.scanner.classify.PiiColumnClassifier;
import io.custodian.scanner.scan.ScanService;
import io.custodian.server.catalog.EventResource;
import io.custodian.server.classification.ClassificationResource;
import io.custodian.server.scan.ScanResource;
import io.custodian.server.scan.Scanning;
import io.custodian.server.sources.SourcesWiring;
import io.custodian.server.catalog.NamespaceResource;
import io.custodian.server.catalog.RunResource;
import io.custodian.server.catalog.SourceResource;
import io.custodian.server.health.DatabaseHealthCheck;
import io.custodian.server.health.IngestionHealthCheck;
import io.custodian.server.health.SearchHealthCheck;
import io.custodian.server.lineage.ColumnLineageResource;
import io.custodian.server.lineage.IngestionAudit;
import io.custodian.server.lineage.LineageGraphResource;
import io.custodian.server.lineage.LineageResource;
import io.custodian.server.lineage.ReadAfterWriteFilter;
import io.custodian.server.lineage.sql.SqlLineageCommand;
import io.custodian.server.lineage.sql.SqlLineageResource;
import io.custodian.catalog.sql.SqlLineageService;
import io.custodian.lineage.sql.SqlLineageExtractor;
import io.custodian.server.problem.ProblemErrorHandler;
import io.custodian.server.scanfile.ScanFileCommand;
import io.custodian.server.search.ReindexCommand;
import io.custodian.server.search.SearchResource;
import io.custodian.server.problem.ProblemMappers;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.lifecycle.Managed;
import io.swagger.v3.jaxrs2.integration.resources.OpenApiResource;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** The Custodian service: wires the catalog's parts together once, and serves them over HTTP. */
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
        bootstrap.addCommand(new AuditVerifyCommand());
        bootstrap.addCommand(new ReindexCommand());
        bootstrap.addCommand(new SqlLineageCommand());
        bootstrap.addCommand(new ScanFileCommand());
    }

    @Override
    public void run(CustodianConfiguration config, Environment environment) {
        environment.getObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        try {
            Files.createDirectories(config.dataPath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + config.dataPath(), e);
        }

        ManagedDataSource dataSource = config.getDatabase().build(environment.metrics(), config.dataPath());
        environment.lifecycle().manage(dataSource);
        CatalogDatabase database = CatalogDatabase.migrate(dataSource);
        SourcesWiring sources = new SourcesWiring(config.getSources(), config.getScanner());
        sources.register(environment);

        CatalogReader catalog = new CatalogReader(database.jdbi(), environment.getObjectMapper());
        // Derived from the store: rebuilt here when missing, unreadable or behind the store.
        SearchIndex searchIndex = SearchIndex.open(config.dataPath().resolve("search-index"), catalog);
        SearchIndexer indexer = new SearchIndexer(searchIndex, catalog, Duration.ofSeconds(5));
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                indexer.close();
                searchIndex.close();
            }
        });
        // Registered after the data source and the index, so it stops first: it logs and applies
        // what is queued, and the index commits after it.
        // Classifications: stored on fields, propagated along column lineage (ingestion tells
        // propagation when lineage arrives), folded into the search documents of their datasets.
        Scanning scanning = new Scanning(database.jdbi(), config.getScanner().buildPolicy(), Clock.systemUTC());
        scanning.classifications().addListener(datasets -> indexer.accept(new AppliedBatch(datasets, Set.of())));
        LineageEventParser parser = new LineageEventParser();
        LineageIngestor ingestor = new LineageIngestor(database.jdbi(), parser, Clock.systemUTC(),
                config.getIngest().ingestorSettings(), indexer.andThen(scanning.propagation()));
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                ingestor.close();
            }
        });
        // Registered after ingestion, so they stop before it: a scan registers datasets through it.
        ScanService scans = scanning.scans(database.jdbi(), config.getScanner(), sources,
                new PiiColumnClassifier(scanning.policy()), ingestor, parser, Clock.systemUTC());
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                scans.close();
                scanning.propagation().close();
            }
        });
        scanning.propagation().request();
        ApiKeys keys = new ApiKeys(database.jdbi(), Clock.systemUTC());
        BootstrapAdminKey.ensure(keys, config.getAuth().getBootstrapAdminKey(), config.dataPath());
        AuditLog audit = new AuditLog(database.jdbi(), Clock.systemUTC());
        Optional<TokenVerifier> tokens = config.getAuth().getOidc().build();

        // Namespaces and dataset names hold slashes (postgres://db:5432, gold/orders); clients send
        // them as %2F, as Marquez's do. The connector's uriCompliance must allow it too.
        environment.getApplicationContext().getServletHandler().setDecodeAmbiguousURIs(true);
        ProblemErrorHandler errors = new ProblemErrorHandler();
        environment.getApplicationContext().setErrorHandler(errors);
        environment.lifecycle().addServerLifecycleListener(server -> server.setErrorHandler(errors));
        if (config.getServerFactory() instanceof DefaultServerFactory server) {
            server.setRegisterDefaultExceptionMappers(false);
        }
        ProblemMappers.all().forEach(environment.jersey()::register);
        // Every endpoint but health checks and the OpenAPI document names its roles (a test checks).
        environment.jersey().register(new AuthDynamicFeature(new OAuthCredentialAuthFilter.Builder<Caller>()
                .setAuthenticator(credential -> tokens.isPresent() && TokenVerifier.looksLikeToken(credential)
                        ? tokens.get().verify(credential)
                        : keys.authenticate(credential))
                .setAuthorizer((Caller caller, String role, ContainerRequestContext request) ->
                        caller.roles().stream().anyMatch(r -> r.name().equals(role)))
                .setPrefix("Bearer")
                .setRealm("custodian")
                .setUnauthorizedHandler(new ProblemUnauthorizedHandler())
                .buildAuthFilter()));
        environment.jersey().register(RolesAllowedDynamicFeature.class);
        environment.jersey().register(new AuthValueFactoryProvider.Binder<>(Caller.class));
        environment.jersey().register(new SecurityHeadersFilter());
        environment.jersey().register(new BodySizeLimitFilter(config.getIngest().getMaxBodySize().toBytes()));
        environment.jersey().register(RateLimitFilter.class);
        IngestionAudit ingestionAudit = new IngestionAudit(audit,
                Duration.ofMillis(config.getIngest().getAuditWindow().toMilliseconds()));
        environment.lifecycle().manage(ingestionAudit);
        environment.jersey().register(new LineageResource(parser, ingestor, ingestionAudit,
                config.getIngest().getMaxBodySize().toBytes(), config.getIngest().getMaxBatchRequestEvents(),
                Duration.ofMillis(config.getIngest().getAcknowledgeTimeout().toMilliseconds())));
        environment.jersey().register(new ReadAfterWriteFilter(ingestor, Duration.ofSeconds(2)));
        environment.jersey().register(new SqlLineageResource(
                new SqlLineageService(database.jdbi(), new SqlLineageExtractor()), ingestor, Duration.ofSeconds(2),
                environment.getObjectMapper()));
        environment.jersey().register(new NamespaceResource(catalog));
        environment.jersey().register(new RunResource(catalog));
        environment.jersey().register(new SourceResource(catalog));
        environment.jersey().register(new SearchResource(searchIndex, indexer));
        environment.jersey().register(new EventResource(catalog));
        LineageReader lineageGraph = new LineageReader(database.jdbi(), catalog);
        environment.jersey().register(new LineageGraphResource(lineageGraph, config.getLineageGraph()));
        environment.jersey().register(new ColumnLineageResource(lineageGraph, config.getLineageGraph()));
        environment.jersey().register(new ApiKeyResource(keys, new Auditor(audit)));
        environment.jersey().register(new AuditResource(audit));
        environment.jersey().register(new ClassificationResource(scanning.classifications(),
                scanning.policy().taxonomy().names(), new Auditor(audit), environment.getObjectMapper()));
        environment.jersey().register(new ScanResource(scans, new Auditor(audit), environment.getObjectMapper()));
        environment.jersey().register(new OpenApiResource().openApiConfiguration(new SwaggerConfiguration()
                .openAPI(new OpenAPI().info(new Info()
                        .title("Custodian")
                        .description("Governance and PII-compliance catalog; OpenLineage in, Marquez-compatible paths")
                        .version("v1")))
                .resourcePackages(Set.of("io.custodian.server"))
                .prettyPrint(true)));

        environment.healthChecks().register("database", new DatabaseHealthCheck(database.jdbi()));
        environment.healthChecks().register("ingestion", new IngestionHealthCheck(ingestor, catalog));
        environment.healthChecks().register("search", new SearchHealthCheck(searchIndex, indexer, catalog, ingestor));
    }
}
