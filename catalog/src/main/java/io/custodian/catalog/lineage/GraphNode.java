package io.custodian.catalog.lineage;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** A node of the dataset-level lineage graph: a dataset or a job, by its row id. */
public record GraphNode(NodeType type, UUID id) {
    public GraphNode {
        requireNonNull(type, "type is null");
        requireNonNull(id, "id is null");
    }

    /** The kinds of node of the dataset-level graph, named as Marquez names them. */
    public enum NodeType {
        DATASET,
        JOB
    }

    static GraphNode dataset(UUID id) {
        return new GraphNode(NodeType.DATASET, id);
    }

    static GraphNode job(UUID id) {
        return new GraphNode(NodeType.JOB, id);
    }
}
