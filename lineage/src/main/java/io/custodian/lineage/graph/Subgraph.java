package io.custodian.lineage.graph;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a traversal found: the nodes in the order they were reached, each with its distance
 * from the start, and the edges between them. {@code truncated} is true when the node limit
 * left nodes out; {@code incomplete} names the nodes in the result whose neighbours were left
 * out (empty when only start nodes were: a start set larger than the limit).
 *
 * @param <N> the node type
 * @param <E> the edge type
 */
public record Subgraph<N, E extends LineageEdge<N>>(Map<N, Integer> depths, List<E> edges, boolean truncated,
        Set<N> incomplete) {
    public Subgraph {
        requireNonNull(depths, "depths is null");
        depths = Collections.unmodifiableMap(new LinkedHashMap<>(depths));
        edges = List.copyOf(edges);
        incomplete = Collections.unmodifiableSet(new LinkedHashSet<>(incomplete));
    }

    /** The nodes, start first, then by distance from it. */
    public Set<N> nodes() {
        return depths.keySet();
    }
}
