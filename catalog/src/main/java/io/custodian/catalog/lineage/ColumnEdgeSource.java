package io.custodian.catalog.lineage;

import static java.util.Objects.requireNonNull;

import io.custodian.lineage.graph.EdgeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Column-level edges from the store's column lineage, honouring provenance: where a producer
 * described an output dataset's lineage, lineage derived from SQL for that dataset is ignored.
 * Dataset-level dependencies (an input field the whole output depends on, such as a filter
 * column) are not field-to-field edges and are left out. A frontier is read with one query per
 * distinct field name set and up to 1,000 datasets.
 */
final class ColumnEdgeSource implements EdgeSource<FieldNode, ColumnEdge> {
    private final LineageDao dao;

    ColumnEdgeSource(LineageDao dao) {
        this.dao = requireNonNull(dao, "dao is null");
    }

    @Override
    public Collection<ColumnEdge> edgesInto(Set<FieldNode> nodes) {
        return read(nodes, dao::columnEdgesInto);
    }

    @Override
    public Collection<ColumnEdge> edgesOutOf(Set<FieldNode> nodes) {
        return read(nodes, dao::columnEdgesOutOf);
    }

    /*
     * The query filters datasets IN (...) AND fields IN (...), a superset of the pairs asked for
     * (portable, unlike row-value IN lists); the traversal keeps only edges touching its frontier.
     */
    private static Collection<ColumnEdge> read(Set<FieldNode> nodes,
            BiFunction<List<UUID>, List<String>, List<LineageDao.ColumnEdgeRow>> query) {
        Set<UUID> datasets = new LinkedHashSet<>();
        Set<String> fields = new LinkedHashSet<>();
        for (FieldNode node : nodes) {
            datasets.add(node.datasetId());
            fields.add(node.field());
        }
        List<String> fieldList = List.copyOf(fields);
        Map<ColumnEdge, Boolean> edges = new LinkedHashMap<>();
        for (List<String> fieldChunk : chunks(fieldList)) {
            for (LineageDao.ColumnEdgeRow row : Chunks.query(datasets, ids -> query.apply(ids, fieldChunk))) {
                edges.put(edge(row), Boolean.TRUE);
            }
        }
        return new ArrayList<>(edges.keySet());
    }

    private static List<List<String>> chunks(List<String> values) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < values.size(); from += Chunks.SIZE) {
            chunks.add(values.subList(from, Math.min(values.size(), from + Chunks.SIZE)));
        }
        return chunks;
    }

    private static ColumnEdge edge(LineageDao.ColumnEdgeRow row) {
        return new ColumnEdge(new FieldNode(row.inputDatasetId(), row.inputField()),
                new FieldNode(row.outputDatasetId(), row.outputField()), row.transformationType(),
                row.transformationSubtype(), row.description(), row.masking(), row.provenance(), row.jobId());
    }
}
