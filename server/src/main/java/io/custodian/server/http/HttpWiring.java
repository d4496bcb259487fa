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

/**
 * What every endpoint shares: ISO-8601 dates in JSON, encoded slashes in paths, every error as
 * problem+json (Jersey's and Jetty's alike), and the OpenAPI description of the resources.
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
        environment.lifecycle().addServerLifecycleListener(server -> server.setErrorHandler(errors));
        if (config.getServerFactory() instanceof DefaultServerFactory server) {
            server.setRegisterDefaultExceptionMappers(false);
        }
        ProblemMappers.all().forEach(environment.jersey()::register);
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
