package io.custodian.catalog.lineage;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.lineage.GraphNode.NodeType;
import io.custodian.lineage.graph.EdgeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Dataset-level edges from the store: what the current version of each job reads and writes
 * (run-level inputs and outputs are not edges; a job's latest version is what it does now, as in
 * Marquez). One query per node kind present in the frontier.
 */
final class DatasetEdgeSource implements EdgeSource<GraphNode, JobIoEdge> {
    private static final String INPUT = "INPUT";
    private static final String OUTPUT = "OUTPUT";
    private final LineageDao dao;

    DatasetEdgeSource(LineageDao dao) {
        this.dao = requireNonNull(dao, "dao is null");
    }

    @Override
    public Collection<JobIoEdge> edgesInto(Set<GraphNode> nodes) {
        List<JobIoEdge> edges = new ArrayList<>();
        // Into a dataset: the jobs that write it. Into a job: the datasets it reads.
        for (LineageDao.JobIoRow row : Chunks.query(ids(nodes, NodeType.DATASET),
                ids -> dao.jobIoOfDatasets(OUTPUT, ids))) {
            edges.add(new JobIoEdge(GraphNode.job(row.jobId()), GraphNode.dataset(row.datasetId())));
        }
        for (LineageDao.JobIoRow row : Chunks.query(ids(nodes, NodeType.JOB), ids -> dao.jobIoOfJobs(INPUT, ids))) {
            edges.add(new JobIoEdge(GraphNode.dataset(row.datasetId()), GraphNode.job(row.jobId())));
        }
        return edges;
    }

    @Override
    public Collection<JobIoEdge> edgesOutOf(Set<GraphNode> nodes) {
        List<JobIoEdge> edges = new ArrayList<>();
        // Out of a dataset: the jobs that read it. Out of a job: the datasets it writes.
        for (LineageDao.JobIoRow row : Chunks.query(ids(nodes, NodeType.DATASET),
                ids -> dao.jobIoOfDatasets(INPUT, ids))) {
            edges.add(new JobIoEdge(GraphNode.dataset(row.datasetId()), GraphNode.job(row.jobId())));
        }
        for (LineageDao.JobIoRow row : Chunks.query(ids(nodes, NodeType.JOB), ids -> dao.jobIoOfJobs(OUTPUT, ids))) {
            edges.add(new JobIoEdge(GraphNode.job(row.jobId()), GraphNode.dataset(row.datasetId())));
        }
        return edges;
    }

    private static List<UUID> ids(Set<GraphNode> nodes, NodeType type) {
        return nodes.stream().filter(n -> n.type() == type).map(GraphNode::id).toList();
    }
}
