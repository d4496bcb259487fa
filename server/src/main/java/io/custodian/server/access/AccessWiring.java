package io.custodian.server.access;

import static java.util.Objects.requireNonNull;

import io.custodian.access.Caller;
import io.custodian.access.audit.AuditLog;
import io.custodian.access.keys.ApiKeys;
import io.custodian.access.tokens.TokenVerifier;
import io.custodian.catalog.audit.AuditTrail;
import io.custodian.server.CustodianConfiguration;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import io.dropwizard.core.setup.Environment;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Who may call what: API keys and JWTs authenticate, roles authorize, every request body is
 * capped, sensitive endpoints are rate-limited, and the hash-chained audit log records what
 * happened. Also the key and audit endpoints.
 */
public final class AccessWiring {
    private final AuditLog auditLog;

    private AccessWiring(AuditLog auditLog) {
        this.auditLog = requireNonNull(auditLog, "auditLog is null");
    }

    public static AccessWiring register(CustodianConfiguration config, Jdbi jdbi, Clock clock, Environment environment) {
        ApiKeys keys = new ApiKeys(jdbi, clock);
        AuditLog audit = new AuditLog(jdbi, clock);
        BootstrapAdminKey.ensure(keys, config.getAuth().getBootstrapAdminKey(), config.dataPath(), audit);
        Optional<TokenVerifier> tokens = config.getAuth().getOidc().build();

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
        environment.jersey().register(new RoleCheckFeature());
        environment.jersey().register(new AuthValueFactoryProvider.Binder<>(Caller.class));
        environment.jersey().register(new SecurityHeadersFilter());
        environment.jersey().register(new MetadataRedactionFilter(environment.getObjectMapper()));
        environment.jersey().register(new CredentialsInHeaderFilter());
        environment.jersey().register(new io.custodian.server.http.StorableTextFilter());
        environment.jersey().register(new BodySizeLimitFilter(config.getIngest().getMaxBodySize().toBytes()));
        environment.jersey().register(RateLimitFilter.class);
        environment.jersey().register(new ApiKeyResource(keys, new Auditor(audit)));
        environment.jersey().register(new AuditResource(audit));
        return new AccessWiring(audit);
    }

    /** The hash-chained audit log. */
    public AuditLog auditLog() {
        return auditLog;
    }

    /** The domain's audit trail, kept in the same log. */
    public AuditTrail auditTrail() {
        return new AuditLogTrail(auditLog);
    }

    /** Records API actions with the caller and where the call came from. */
    public Auditor auditor() {
        return new Auditor(auditLog);
    }
}
