package io.custodian.server.catalog;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.read.CatalogReader;
import io.custodian.catalog.read.Views.Run;
import io.custodian.server.problem.Problem;
import io.custodian.server.problem.ProblemException;
import io.custodian.access.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/** One run by its id, on Marquez's path. */
@Path("/api/v1/jobs/runs")
@Tag(name = "catalog")
@Produces(MediaType.APPLICATION_JSON)
public final class RunResource {
    private final CatalogReader catalog;

    public RunResource(CatalogReader catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    @GET
    @RolesAllowed(Role.READER_NAME)
    @Path("/{id}")
    @Operation(summary = "One run with what it read and wrote")
    public Run run(@PathParam("id") String id) {
        UUID runId;
        try {
            // UUID.fromString also takes short forms such as 1-1-1-1-1; a run id is the canonical form.
            runId = UUID.fromString(id);
            if (!runId.toString().equalsIgnoreCase(id)) {
                throw new IllegalArgumentException(id);
            }
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(400, "invalid-parameter", "a run id is a UUID",
                    List.of(new Problem.InvalidPart("id", "not a UUID")));
        }
        return catalog.run(runId).orElseThrow(() -> ProblemException.notFound("run", id));
    }
}
