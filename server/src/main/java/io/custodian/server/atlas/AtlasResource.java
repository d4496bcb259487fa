package io.custodian.server.atlas;

import io.custodian.access.Caller;
import io.custodian.access.Role;
import io.custodian.atlas.AtlasBridge;
import io.custodian.atlas.AtlasRun;
import io.custodian.server.problem.ProblemException;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The Atlas bridge's runs: an export (Custodian's classifications to Atlas) or an import (Atlas's
 * tables, columns and classifications to the catalog) is requested, answered 202 with the run, and
 * followed at {@code /api/v1/atlas/runs/{id}}. Privacy officers and admins only; every request is
 * audited. With the bridge off, every call is a 404 saying so.
 */
@Path("/api/v1/atlas")
@Tag(name = "atlas")
@Produces(MediaType.APPLICATION_JSON)
public final class AtlasResource {
    private final Optional<AtlasBridge> bridge;

    public AtlasResource(Optional<AtlasBridge> bridge) {
        this.bridge = bridge;
    }

    @POST
    @Path("/export")
    @RolesAllowed({Role.PRIVACY_OFFICER_NAME, Role.ADMIN_NAME})
    @Operation(summary = "Push Custodian's classifications to Atlas (types, columns, tables); 202 with the run")
    public Response export(@Parameter(hidden = true) @Auth Caller caller) {
        return accepted(bridge().request(AtlasRun.Kind.EXPORT, caller.name()));
    }

    @POST
    @Path("/import")
    @RolesAllowed({Role.PRIVACY_OFFICER_NAME, Role.ADMIN_NAME})
    @Operation(summary = "Read Atlas's tables, columns and classifications into the catalog; 202 with the run")
    public Response importFromAtlas(@Parameter(hidden = true) @Auth Caller caller) {
        return accepted(bridge().request(AtlasRun.Kind.IMPORT, caller.name()));
    }

    @GET
    @Path("/runs")
    @RolesAllowed({Role.PRIVACY_OFFICER_NAME, Role.ADMIN_NAME})
    @Operation(summary = "The latest runs, latest first")
    public Map<String, List<AtlasRun>> runs() {
        return Map.of("runs", bridge().runs());
    }

    @GET
    @Path("/runs/{id}")
    @RolesAllowed({Role.PRIVACY_OFFICER_NAME, Role.ADMIN_NAME})
    @Operation(summary = "One run: its state and, when finished, its report or why it failed")
    public AtlasRun run(@PathParam("id") String id) {
        UUID runId;
        try {
            runId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Atlas run", id);
        }
        return bridge().run(runId).orElseThrow(() -> ProblemException.notFound("Atlas run", id));
    }

    private AtlasBridge bridge() {
        return bridge.orElseThrow(() -> ProblemException.of(Response.Status.NOT_FOUND, "atlas-disabled",
                "the Atlas bridge is off; set atlas.enabled in the configuration"));
    }

    private static Response accepted(AtlasRun run) {
        return Response.accepted(run).location(URI.create("/api/v1/atlas/runs/" + run.id())).build();
    }
}
