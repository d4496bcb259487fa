package io.custodian.server.access;

import static java.util.Objects.requireNonNull;

import io.custodian.access.Caller;
import io.custodian.access.Role;
import io.custodian.access.keys.ApiKey;
import io.custodian.access.keys.ApiKeys;
import io.custodian.access.keys.IssuedKey;
import io.custodian.catalog.text.TextRules;
import io.custodian.server.problem.Problem;
import io.custodian.server.problem.ProblemException;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** API keys: created (the secret shown once), listed, revoked; admins only, every change audited. */
@Path("/api/v1/admin/api-keys")
@Tag(name = "access")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ApiKeyResource {
    private final ApiKeys keys;
    private final Auditor auditor;

    public ApiKeyResource(ApiKeys keys, Auditor auditor) {
        this.keys = requireNonNull(keys, "keys is null");
        this.auditor = requireNonNull(auditor, "auditor is null");
    }

    /** What to create: a name that says whose key it is, and its roles. */
    public record NewKey(String name, List<String> roles) {}

    /** A created key with its secret; this response is the only place the secret appears. */
    public record CreatedKey(UUID id, String prefix, String name, Set<Role> roles, String key) {
        public CreatedKey {
            roles = Collections.unmodifiableSet(new LinkedHashSet<>(roles));
        }
    }

    @POST
    @RolesAllowed(Role.ADMIN_NAME)
    @RateLimited(perSecond = 5, burst = 50)
    @Operation(summary = "Create an API key; the key is in this response only")
    public Response create(@Parameter(hidden = true) @Auth Caller caller, @Parameter(hidden = true) @Context HttpServletRequest request, NewKey body) {
        if (body == null) {
            throw ProblemException.invalid(422, "invalid-key", "expected {\"name\": ..., \"roles\": [...]}",
                    List.of(new Problem.InvalidPart("", "missing body")));
        }
        List<Problem.InvalidPart> problems = new ArrayList<>();
        if (body.name() == null || body.name().isBlank() || body.name().length() > 256) {
            problems.add(new Problem.InvalidPart("/name", "a name of 1 to 256 characters is required"));
        } else {
            TextRules.badName(body.name()).ifPresent(problem -> problems.add(new Problem.InvalidPart("/name",
                    "the name " + problem)));
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (body.roles() == null || body.roles().isEmpty()) {
            problems.add(new Problem.InvalidPart("/roles", "at least one role is required"));
        } else {
            for (int i = 0; i < body.roles().size(); i++) {
                String role = body.roles().get(i);
                try {
                    roles.add(Role.valueOf(String.valueOf(role).toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem.InvalidPart("/roles/" + i, "unknown role; one of "
                            + java.util.Arrays.toString(Role.values())));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(422, "invalid-key", "the key cannot be created", problems);
        }
        IssuedKey issued = keys.create(body.name().strip(), roles, caller.name());
        ApiKey key = issued.key();
        auditor.record(caller, request, "api-key.create", key.prefix() + " " + key.name(), "success",
                "roles=" + Role.joinAll(key.roles()));
        return Response.status(Response.Status.CREATED)
                .entity(new CreatedKey(key.id(), key.prefix(), key.name(), key.roles(), issued.secret()))
                .build();
    }

    public record KeyList(List<ApiKey> keys) {
        public KeyList {
            keys = List.copyOf(keys);
        }
    }

    @GET
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(summary = "List API keys (prefixes, never secrets)")
    public KeyList list() {
        return new KeyList(keys.list());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(summary = "Revoke an API key")
    public Response revoke(@Parameter(hidden = true) @Auth Caller caller, @Parameter(hidden = true) @Context HttpServletRequest request, @PathParam("id") String id) {
        UUID keyId;
        try {
            keyId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(400, "invalid-parameter", "a key id is a UUID",
                    List.of(new Problem.InvalidPart("id", "not a UUID")));
        }
        ApiKey key = keys.get(keyId).orElseThrow(() -> ProblemException.notFound("API key", id));
        boolean revoked = keys.revoke(keyId, caller.name());
        auditor.record(caller, request, "api-key.revoke", key.prefix() + " " + key.name(),
                revoked ? "success" : "already-revoked", null);
        return Response.noContent().build();
    }
}
