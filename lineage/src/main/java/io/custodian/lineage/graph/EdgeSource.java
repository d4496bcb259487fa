package io.custodian.lineage.graph;

import java.util.Collection;
import java.util.Set;

/**
 * Where a traversal reads edges from, one whole frontier at a time, so that a store answers
 * each level of a traversal with one query rather than one per node.
 *
 * @param <N> the node type (a value: equals and hashCode)
 * @param <E> the edge type
 */
public interface EdgeSource<N, E extends LineageEdge<N>> {
    /** Every edge whose destination is one of {@code nodes}: what they are computed from. */
    Collection<E> edgesInto(Set<N> nodes);

    /** Every edge whose origin is one of {@code nodes}: what is computed from them. */
    Collection<E> edgesOutOf(Set<N> nodes);
}
