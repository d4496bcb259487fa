package io.custodian.catalog.lineage;

import static java.util.Objects.requireNonNull;

import io.custodian.lineage.graph.LineageEdge;

/** A dataset a job reads (dataset to job) or writes (job to dataset). */
public record JobIoEdge(GraphNode origin, GraphNode destination) implements LineageEdge<GraphNode> {
    public JobIoEdge {
        requireNonNull(origin, "origin is null");
        requireNonNull(destination, "destination is null");
    }
}
