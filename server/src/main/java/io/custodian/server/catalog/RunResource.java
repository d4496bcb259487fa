package io.custodian.server.catalog;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodian.access.Role;
import io.custodian.catalog.read.CatalogReader;
import io.custodian.catalog.read.Views.Job;
import io.custodian.catalog.read.Views.Page;
import io.custodian.catalog.read.Views.Run;
import io.custodian.server.catalog.NamespaceResource.JobList;
import io.custodian.server.problem.ProblemException;
import io.custodian.server.problem.QueryParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Jobs of every namespace, and one run by its id with its facets, on Marquez's paths. */
@Path("/api/v1/jobs")
@Tag(name = "catalog")
@Produces(MediaType.APPLICATION_JSON)
public final class RunResource {
    private static final List<String> RUN_STATES = List.of("NEW", "RUNNING", "COMPLETED", "FAILED", "ABORTED");
    private final CatalogReader catalog;

    public RunResource(CatalogReader catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    /** A run's facets, or its job's (Marquez's {@code FacetsResult}). */
    public record FacetsResult(UUID runId, Map<String, JsonNode> facets) {}

    @GET
    @RolesAllowed(Role.READER_NAME)
    @Operation(summary = "Jobs of every namespace, by namespace and name; lastRunStates keeps those whose latest run is in one of these states")
    public JobList jobs(@QueryParam("lastRunStates") List<String> lastRunStates, @QueryParam("limit") String limit,
            @QueryParam("offset") String offset) {
        Paging paging = Paging.of(limit, offset);
        List<String> states = new ArrayList<>();
        for (String state : lastRunStates) {
            for (String one : state.split(",")) {
                if (!one.isBlank()) {
                    states.add(QueryParams.oneOf("lastRunStates", one, null, RUN_STATES));
                }
            }
        }
        Page<Job> page = catalog.allJobs(states, paging.limit(), paging.offset());
        return new JobList(page.items(), page.totalCount());
    }

    @GET
    @RolesAllowed(Role.READER_NAME)
    @Path("/runs/{id}")
    @Operation(summary = "One run with what it read and wrote")
    public Run run(@PathParam("id") String id) {
        UUID runId = QueryParams.uuid("id", id);
        return catalog.run(runId).orElseThrow(() -> ProblemException.notFound("run", id));
    }

    @GET
    @RolesAllowed(Role.READER_NAME)
    @Path("/runs/{id}/facets")
    @Operation(summary = "The facets of a run (type=run) or of its job (type=job)")
    public FacetsResult facets(@PathParam("id") String id, @QueryParam("type") String type) {
        UUID runId = QueryParams.uuid("id", id);
        if (type == null || type.isBlank()) {
            throw QueryParams.invalid("type", "type is required: run or job");
        }
        String which = QueryParams.oneOf("type", type, null, List.of("run", "job"));
        var facets = catalog.runAndJobFacets(runId).orElseThrow(() -> ProblemException.notFound("run", id));
        return new FacetsResult(runId, which.equals("run") ? facets.getKey() : facets.getValue());
    }

    @POST
    @RolesAllowed(Role.PRODUCER_NAME)
    @Path("/runs/{id}/{transition}")
    @Operation(summary = "Marquez's run transitions (start, complete, fail, abort) are not served: send OpenLineage events")
    public void transition(@PathParam("id") String id, @PathParam("transition") String transition) {
        throw LegacyWrites.refused("run state transitions");
    }
}
