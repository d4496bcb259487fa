package io.custodian.server.lineage;

import static java.util.Objects.requireNonNull;

import io.custodian.access.Role;
import io.custodian.catalog.lineage.LineageReader;
import io.custodian.catalog.lineage.LineageViews.Graph;
import io.custodian.lineage.graph.Direction;
import io.custodian.lineage.graph.TraversalLimits;
import io.custodian.server.problem.QueryParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET /api/v1/column-lineage}: the column-level lineage graph around a dataset field (or
 * every field of a dataset), in Marquez's response shape. Marquez's {@code withDownstream} is
 * understood: absent or false is upstream only, true is both ways; {@code direction} says the
 * same in our terms, and the two must agree when both are given.
 */
@Path("/api/v1/column-lineage")
@Tag(name = "lineage")
@Produces(MediaType.APPLICATION_JSON)
public final class ColumnLineageResource {
    private final LineageReader lineage;
    private final GraphQuery query;

    public ColumnLineageResource(LineageReader lineage, LineageGraphFactory bounds) {
        this.lineage = requireNonNull(lineage, "lineage is null");
        this.query = new GraphQuery(bounds);
    }

    @GET
    @RolesAllowed(Role.READER_NAME)
    @Operation(summary = "The column lineage graph around a dataset field, or around every field of a dataset")
    public Graph columnLineage(
            @Parameter(description = "datasetField:NAMESPACE:NAME:FIELD or dataset:NAMESPACE:NAME")
            @QueryParam("nodeId") String nodeId,
            @Parameter(description = "edges to follow from the field; default 20") @QueryParam("depth") String depth,
            @Parameter(description = "upstream (default), downstream or both") @QueryParam("direction") String direction,
            @Parameter(description = "Marquez's switch: true for both directions") @QueryParam("withDownstream")
            String withDownstream,
            @Parameter(description = "most nodes in the graph; default 1000") @QueryParam("maxNodes") String maxNodes) {
        TraversalLimits limits = query.limits(depth, direction(direction, withDownstream), maxNodes);
        return GraphQuery.read(nodeId, id -> lineage.columnLineage(id, limits));
    }

    private static Direction direction(String direction, String withDownstream) {
        Optional<Direction> named = GraphQuery.direction(direction);
        if (withDownstream == null || withDownstream.isBlank()) {
            return named.orElse(Direction.UPSTREAM);
        }
        boolean downstream = switch (withDownstream.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw QueryParams.invalid("withDownstream", "withDownstream must be true or false");
        };
        Direction implied = downstream ? Direction.BOTH : Direction.UPSTREAM;
        if (named.isPresent() && named.get() != implied) {
            throw QueryParams.invalid("direction", "direction=" + direction.strip() + " contradicts withDownstream="
                    + withDownstream.strip() + " (which means " + implied.name().toLowerCase(Locale.ROOT)
                    + "); give one of them");
        }
        return implied;
    }
}
