package io.custodian.server.erasure;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodian.access.Caller;
import io.custodian.access.Role;
import io.custodian.erasure.execute.StepRefusedException;
import io.custodian.erasure.retention.RetentionRun;
import io.custodian.erasure.retention.RetentionRuns;
import io.custodian.server.lineage.RequestBodies;
import io.custodian.server.problem.JsonBody;
import io.custodian.server.problem.ProblemException;
import io.custodian.server.problem.QueryParams;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code /api/v1/retention}: the runs of the policy's retention rules (scheduled, and on demand),
 * each with its evidence per dataset. A PRIVACY_OFFICER starts, reads and completes them.
 */
@Path("/api/v1/retention")
@Tag(name = "retention")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.PRIVACY_OFFICER_NAME)
public final class RetentionResource {
    private static final long MAX_BODY_BYTES = 64 * 1024;
    private final RetentionRuns runs;
    private final ObjectMapper json;

    public RetentionResource(RetentionRuns runs, ObjectMapper json) {
        this.runs = requireNonNull(runs, "runs is null");
        this.json = requireNonNull(json, "json is null");
    }

    public record RunList(List<RetentionRun> runs) {
        public RunList {
            runs = List.copyOf(runs);
        }
    }

    @POST
    @Path("/rules/{rule}/run")
    @Operation(summary = "Run a retention rule now, whatever its schedule: 202 with the run to follow")
    public Response run(@Parameter(hidden = true) @Auth Caller caller, @PathParam("rule") String rule) {
        RetentionRun run;
        try {
            run = runs.submit(rule, caller.name());
        } catch (IllegalArgumentException e) {
            throw ProblemException.of(Response.Status.NOT_FOUND, "not-found", e.getMessage());
        }
        return Response.accepted(run).location(URI.create("/api/v1/retention/runs/" + run.id())).build();
    }

    @GET
    @Path("/runs")
    @Operation(summary = "Retention runs, latest first")
    public RunList list(@QueryParam("limit") String limit) {
        return new RunList(runs.runs((int) QueryParams.wholeNumber("limit", limit, 50, 1, 1000)));
    }

    @GET
    @Path("/runs/{id}")
    @Operation(summary = "A retention run: its rule, cutoff, plan, and per dataset the rows and verification")
    public RetentionRun get(@PathParam("id") String id) {
        return runs.run(id(id)).orElseThrow(() -> ProblemException.of(Response.Status.NOT_FOUND, "not-found",
                "no retention run " + id));
    }

    @POST
    @Path("/runs/{id}/steps/{order}/done")
    @Operation(summary = "Mark a waiting step (no source, no such column) done, with a note of what was done")
    public RetentionRun stepDone(@Parameter(hidden = true) @Auth Caller caller, @PathParam("id") String id,
            @PathParam("order") String order, InputStream body,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length) {
        UUID uuid = id(id);
        int step = (int) QueryParams.wholeNumber("order", order, 0, 1, 1_000_000);
        JsonBody reader = JsonBody.reporting("invalid-step-note");
        JsonNode root = reader.object(RequestBodies.read(body, encoding, length, MAX_BODY_BYTES), json, "{note}");
        reader.onlyFields(root, "", Set.of("note"));
        String note = reader.text(root, "", "note", true, 500);
        reader.check("the note is not valid");
        try {
            return runs.markDone(uuid, step, caller.name(), note);
        } catch (IllegalArgumentException e) {
            throw ProblemException.of(Response.Status.NOT_FOUND, "not-found", e.getMessage());
        } catch (StepRefusedException e) {
            throw ProblemException.of(Response.Status.CONFLICT, "retention-step-state", e.getMessage());
        }
    }

    private static UUID id(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.of(Response.Status.NOT_FOUND, "not-found", "no retention run with that id (ids are"
                    + " UUIDs)");
        }
    }
}
