package io.custodian.server.lineage;

import static java.util.Objects.requireNonNull;

import io.custodian.access.Role;
import io.custodian.catalog.lineage.LineageReader;
import io.custodian.catalog.lineage.LineageViews.Graph;
import io.custodian.lineage.graph.Direction;
import io.custodian.lineage.graph.TraversalLimits;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/v1/lineage}: the dataset-level lineage graph around a dataset or job, in
 * Marquez's response shape. It shares its path with {@link LineageResource} (which takes POSTs
 * there): Jersey merges root resources of one path, and a test calls both.
 */
@Path("/api/v1/lineage")
@Tag(name = "lineage")
@Produces(MediaType.APPLICATION_JSON)
public final class LineageGraphResource {
    private final LineageReader lineage;
    private final GraphQuery query;

    public LineageGraphResource(LineageReader lineage, LineageGraphFactory bounds) {
        this.lineage = requireNonNull(lineage, "lineage is null");
        this.query = new GraphQuery(bounds);
    }

    @GET
    @RolesAllowed(Role.READER_NAME)
    @Operation(summary = "The lineage graph around a dataset or job: datasets and the jobs that read and write them")
    public Graph lineage(
            @Parameter(description = "dataset:NAMESPACE:NAME or job:NAMESPACE:NAME") @QueryParam("nodeId") String nodeId,
            @Parameter(description = "edges to follow from the node (dataset to job is one); default 20")
            @QueryParam("depth") String depth,
            @Parameter(description = "upstream, downstream or both (default)") @QueryParam("direction") String direction,
            @Parameter(description = "most nodes in the graph; default 1000") @QueryParam("maxNodes") String maxNodes) {
        TraversalLimits limits = query.limits(depth, GraphQuery.direction(direction).orElse(Direction.BOTH), maxNodes);
        return GraphQuery.read(nodeId, id -> lineage.lineage(id, limits));
    }
}
