package io.custodian.server.lineage;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.lineage.InvalidNodeIdException;
import io.custodian.catalog.lineage.LineageViews.Graph;
import io.custodian.lineage.graph.Direction;
import io.custodian.lineage.graph.TraversalLimits;
import io.custodian.server.problem.ProblemException;
import io.custodian.server.problem.QueryParams;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The query parameters the lineage graph reads share ({@code nodeId}, {@code depth},
 * {@code direction}, {@code maxNodes}), checked against the configured bounds, and the lookup of
 * the node with its 400 and 404 answers.
 */
final class GraphQuery {
    private static final Pattern PERCENT_ESCAPE = Pattern.compile("%[0-9A-Fa-f]{2}");
    private final LineageGraphFactory bounds;

    GraphQuery(LineageGraphFactory bounds) {
        this.bounds = requireNonNull(bounds, "bounds is null");
    }

    TraversalLimits limits(String depth, Direction direction, String maxNodes) {
        return new TraversalLimits(direction,
                (int) QueryParams.wholeNumber("depth", depth, bounds.getDefaultDepth(), 0, bounds.getMaxDepth()),
                (int) QueryParams.wholeNumber("maxNodes", maxNodes, bounds.getDefaultMaxNodes(), 1,
                        bounds.getMaxNodes()));
    }

    static Optional<Direction> direction(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Direction.named(value).orElseThrow(() -> QueryParams.invalid("direction",
                "direction must be upstream, downstream or both")));
    }

    /**
     * The graph around {@code nodeId}, or a problem: 400 when the id is malformed, 404 naming it
     * when the store holds no such node. An id whose parts were percent-encoded once more than
     * the query string needs ({@code dataset:postgres%3A%2F%2Fdb%3A5432:orders}) is decoded once
     * when the id as given names nothing.
     */
    static Graph read(String nodeId, Function<String, Optional<Graph>> reader) {
        if (nodeId == null || nodeId.isBlank()) {
            throw QueryParams.invalid("nodeId", "nodeId is required, such as dataset:NAMESPACE:NAME");
        }
        Optional<Graph> graph;
        try {
            graph = reader.apply(nodeId);
        } catch (InvalidNodeIdException e) {
            throw QueryParams.invalid("nodeId", e.getMessage());
        }
        if (graph.isEmpty()) {
            graph = decodedOnce(nodeId).flatMap(decoded -> {
                try {
                    return reader.apply(decoded);
                } catch (InvalidNodeIdException notAnIdOnceDecoded) {
                    return Optional.empty(); // the id as given was well formed: it names nothing
                }
            });
        }
        return graph.orElseThrow(() -> ProblemException.notFound("node", nodeId));
    }

    private static Optional<String> decodedOnce(String nodeId) {
        if (!PERCENT_ESCAPE.matcher(nodeId).find()) {
            return Optional.empty();
        }
        try {
            // Only %XX escapes: a '+' in a name stays a '+'.
            return Optional.of(URLDecoder.decode(nodeId.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notEncoded) {
            return Optional.empty();
        }
    }
}
