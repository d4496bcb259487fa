package io.custodian.server.http;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.custodian.server.problem.ProblemErrorHandler;
import io.custodian.server.problem.ProblemMappers;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Environment;
import io.swagger.v3.jaxrs2.integration.resources.OpenApiResource;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * What every endpoint shares: ISO-8601 dates in JSON, encoded slashes in paths, every error as
 * problem+json with the security headers (Jersey's and Jetty's alike), gzip request bodies
 * inflated whole or refused, and the OpenAPI description of the resources.
 */
public final class HttpWiring {
    private HttpWiring() {
    }

    public static void register(Configuration config, Environment environment) {
        environment.getObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        // Namespaces and dataset names hold slashes (postgres://db:5432, gold/orders); clients send
        // them as %2F, as Marquez's do. The connector's uriCompliance must allow it too.
        environment.getApplicationContext().getServletHandler().setDecodeAmbiguousURIs(true);
        ProblemErrorHandler errors = new ProblemErrorHandler();
        environment.getApplicationContext().setErrorHandler(errors);
        environment.getAdminContext().setErrorHandler(errors);
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                // Before the connectors open: no request is answered by Jetty's default handler, or
                // inflated by Jetty's gzip handler (GzipRequestBodies does it, refusing broken bodies).
                if (event instanceof Server server) {
                    server.setErrorHandler(errors);
                    server.getDescendants(GzipHandler.class).forEach(gzip -> gzip.setInflateBufferSize(-1));
                }
            }
        });
        if (config.getServerFactory() instanceof DefaultServerFactory server) {
            server.setRegisterDefaultExceptionMappers(false);
        }
        ProblemMappers.all().forEach(environment.jersey()::register);
        environment.servlets().addFilter("media-type-headers", new MediaTypeHeaders())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        environment.servlets().addFilter("gzip-request-bodies", new GzipRequestBodies())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        environment.admin().addFilter("admin-port-guard", new AdminPortGuard())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        environment.jersey().register(new OpenApiResource().openApiConfiguration(new SwaggerConfiguration()
                .openAPI(new OpenAPI().info(new Info()
                        .title("Custodian")
                        .description("Governance and PII-compliance catalog; OpenLineage in, Marquez-compatible paths")
                        .version("v1")))
                .resourcePackages(Set.of("io.custodian.server"))
                .prettyPrint(true)));
    }
}
