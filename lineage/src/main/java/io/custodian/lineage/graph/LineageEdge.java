package io.custodian.lineage.graph;

/**
 * One edge of a lineage graph: data flows from {@code origin} to {@code destination} (a dataset
 * into the job that reads it, a job into the dataset it writes, an input column into the column
 * computed from it). Implementations are values: equal edges are one edge.
 *
 * @param <N> the node type
 */
public interface LineageEdge<N> {
    N origin();

    N destination();
}
