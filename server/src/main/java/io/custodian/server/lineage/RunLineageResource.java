package io.custodian.server.lineage;

import static java.util.Objects.requireNonNull;

import io.custodian.access.Role;
import io.custodian.catalog.lineage.UpstreamRuns;
import io.custodian.server.problem.ProblemException;
import io.custodian.server.problem.QueryParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/runlineage/upstream}: Marquez's run lineage, the runs that produced what a run read. */
@Path("/api/v1/runlineage")
@Tag(name = "lineage")
@Produces(MediaType.APPLICATION_JSON)
public final class RunLineageResource {
    private static final int DEFAULT_DEPTH = 20;
    private static final int MAX_DEPTH = 100;
    private final UpstreamRuns runs;

    public RunLineageResource(UpstreamRuns runs) {
        this.runs = requireNonNull(runs, "runs is null");
    }

    @GET
    @RolesAllowed(Role.READER_NAME)
    @Path("/upstream")
    @Operation(summary = "The run, then the runs that wrote the dataset versions it read, and theirs, up to depth")
    public UpstreamRuns.Lineage upstream(@QueryParam("runId") String runId, @QueryParam("depth") String depth) {
        if (runId == null || runId.isBlank()) {
            throw QueryParams.invalid("runId", "runId is required");
        }
        int d = (int) QueryParams.wholeNumber("depth", depth, DEFAULT_DEPTH, 0, MAX_DEPTH);
        return runs.upstream(QueryParams.uuid("runId", runId), d)
                .orElseThrow(() -> ProblemException.notFound("run", runId));
    }
}
