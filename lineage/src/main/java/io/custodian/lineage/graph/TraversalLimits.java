package io.custodian.lineage.graph;

import static java.util.Objects.requireNonNull;

/**
 * How far a traversal goes: its direction, how many edges away from the start it follows
 * ({@code maxDepth}; 0 is the start alone), and how many nodes the result may hold.
 */
public record TraversalLimits(Direction direction, int maxDepth, int maxNodes) {
    public TraversalLimits {
        requireNonNull(direction, "direction is null");
        if (maxDepth < 0) {
            throw new IllegalArgumentException("maxDepth must be 0 or more, got " + maxDepth);
        }
        if (maxNodes < 1) {
            throw new IllegalArgumentException("maxNodes must be 1 or more, got " + maxNodes);
        }
    }
}
