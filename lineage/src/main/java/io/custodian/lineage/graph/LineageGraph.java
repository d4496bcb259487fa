package io.custodian.lineage.graph;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Traversals of a lineage graph whose edges come from an {@link EdgeSource}: breadth-first, one
 * read of the source per level and direction, so a store answers a traversal of depth d with at
 * most 2d queries whatever the number of nodes.
 *
 * <p>Upstream follows edges against the flow of data (towards sources), downstream with it.
 * {@link Direction#BOTH} follows each direction from the start: a node reached upstream is
 * expanded upstream only, a node reached downstream downstream only, unless a cycle reaches it
 * both ways. Each node is expanded at most once per direction, so cycles end. A node's depth is
 * the number of edges on the shortest path by which it was first reached; nodes at
 * {@code maxDepth} are not expanded. Once the result holds {@code maxNodes} nodes no more are
 * admitted, but edges between admitted nodes are still collected, and every node that had a
 * neighbour left out is reported.
 *
 * @param <N> the node type
 * @param <E> the edge type
 */
public final class LineageGraph<N, E extends LineageEdge<N>> {
    private final EdgeSource<N, E> source;

    public LineageGraph(EdgeSource<N, E> source) {
        this.source = requireNonNull(source, "source is null");
    }

    /**
     * The nodes and edges reachable from {@code starts} within {@code limits}; the starts come
     * first, at depth 0, in the order given.
     */
    public Subgraph<N, E> traverse(Set<N> starts, TraversalLimits limits) {
        requireNonNull(starts, "starts is null");
        requireNonNull(limits, "limits is null");
        Walk walk = new Walk(limits.maxNodes());
        Set<N> up = new LinkedHashSet<>();
        Set<N> down = new LinkedHashSet<>();
        for (N start : starts) {
            requireNonNull(start, "a start node is null");
            if (walk.admit(start, 0)) {
                up.add(start);
                down.add(start);
            } else {
                walk.truncated = true;
            }
        }
        if (!limits.direction().upstream()) {
            up.clear();
        }
        if (!limits.direction().downstream()) {
            down.clear();
        }
        Set<N> expandedUp = new HashSet<>();
        Set<N> expandedDown = new HashSet<>();
        for (int depth = 0; depth < limits.maxDepth() && !(up.isEmpty() && down.isEmpty()); depth++) {
            Set<N> nextUp = new LinkedHashSet<>();
            Set<N> nextDown = new LinkedHashSet<>();
            if (!up.isEmpty()) {
                expandedUp.addAll(up);
                for (E edge : source.edgesInto(up)) {
                    // The source may return more than asked (a store filtering on a superset).
                    if (up.contains(edge.destination())
                            && walk.follow(edge, edge.destination(), edge.origin(), depth + 1)
                            && !expandedUp.contains(edge.origin())) {
                        nextUp.add(edge.origin());
                    }
                }
            }
            if (!down.isEmpty()) {
                expandedDown.addAll(down);
                for (E edge : source.edgesOutOf(down)) {
                    if (down.contains(edge.origin())
                            && walk.follow(edge, edge.origin(), edge.destination(), depth + 1)
                            && !expandedDown.contains(edge.destination())) {
                        nextDown.add(edge.destination());
                    }
                }
            }
            up = nextUp;
            down = nextDown;
        }
        return new Subgraph<>(walk.depths, new ArrayList<>(walk.edges), walk.truncated, walk.incomplete);
    }

    /** What one traversal has collected so far. */
    private final class Walk {
        final int maxNodes;
        final Map<N, Integer> depths = new LinkedHashMap<>();
        final Set<E> edges = new LinkedHashSet<>();
        final Set<N> incomplete = new LinkedHashSet<>();
        boolean truncated;

        Walk(int maxNodes) {
            this.maxNodes = maxNodes;
        }

        boolean admit(N node, int depth) {
            if (depths.containsKey(node)) {
                return true;
            }
            if (depths.size() >= maxNodes) {
                return false;
            }
            depths.put(node, depth);
            return true;
        }

        /** Takes {@code edge} from {@code near} (in the result) to {@code far}; false when the limit keeps far out. */
        boolean follow(E edge, N near, N far, int depth) {
            requireNonNull(far, "an edge has a null end");
            if (!admit(far, depth)) {
                truncated = true;
                incomplete.add(near);
                return false;
            }
            edges.add(edge);
            return true;
        }
    }

    /** Convenience for callers that hold one start node. */
    public Subgraph<N, E> traverse(N start, TraversalLimits limits) {
        return traverse(Set.of(requireNonNull(start, "start is null")), limits);
    }
}
