package io.custodian.catalog.lineage;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.lineage.GraphNode.NodeType;
import io.custodian.catalog.lineage.LineageDao.FieldRow;
import io.custodian.catalog.lineage.LineageDao.NamedRow;
import io.custodian.catalog.lineage.LineageViews.Edge;
import io.custodian.catalog.lineage.LineageViews.FieldData;
import io.custodian.catalog.lineage.LineageViews.Graph;
import io.custodian.catalog.lineage.LineageViews.InputField;
import io.custodian.catalog.lineage.LineageViews.Node;
import io.custodian.catalog.read.CatalogReader;
import io.custodian.catalog.read.Views.Dataset;
import io.custodian.catalog.read.Views.DatasetId;
import io.custodian.catalog.read.Views.Job;
import io.custodian.catalog.read.Views.JobId;
import io.custodian.lineage.graph.LineageEdge;
import io.custodian.lineage.graph.LineageGraph;
import io.custodian.lineage.graph.Subgraph;
import io.custodian.lineage.graph.TraversalLimits;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads the lineage graph around a node: dataset-level (datasets and the jobs that read and write
 * them) and column-level (fields and the fields they are computed from). Node ids are resolved
 * against the store: the namespace is the longest known namespace the id starts with that holds
 * the named dataset or job, and for a field, the dataset name is the longest that exists.
 */
public final class LineageReader {
    private final Jdbi jdbi;
    private final CatalogReader catalog;

    public LineageReader(Jdbi jdbi, CatalogReader catalog) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    /**
     * The dataset-level graph around a dataset or job node; empty when the store holds no such
     * node. Throws {@link InvalidNodeIdException} for a malformed id or a field id.
     */
    public Optional<Graph> lineage(String nodeId, TraversalLimits limits) {
        NodeId id = NodeId.parse(nodeId);
        requireNonNull(limits, "limits is null");
        if (id.kind() == NodeId.Kind.DATASET_FIELD) {
            throw new InvalidNodeIdException("nodeId names a dataset field; dataset-level lineage starts at a "
                    + "dataset or a job (column-level lineage starts at fields)");
        }
        Optional<Traversed> found = jdbi.inTransaction(handle -> {
            LineageDao dao = handle.attach(LineageDao.class);
            Optional<GraphNode> start = id.kind() == NodeId.Kind.JOB
                    ? resolveJob(dao, id.rest()).map(row -> GraphNode.job(row.id()))
                    : resolveDataset(dao, id.rest()).map(row -> GraphNode.dataset(row.id()));
            return start.map(node -> {
                Subgraph<GraphNode, JobIoEdge> graph = new LineageGraph<>(new DatasetEdgeSource(dao))
                        .traverse(node, limits);
                return new Traversed(graph, names(dao, graph));
            });
        });
        return found.map(this::datasetGraph);
    }

    /**
     * The column-level graph around a field ({@code datasetField:NS:NAME:FIELD}) or around every
     * field of a dataset ({@code dataset:NS:NAME}); empty when the store holds no such node.
     */
    public Optional<Graph> columnLineage(String nodeId, TraversalLimits limits) {
        NodeId id = NodeId.parse(nodeId);
        requireNonNull(limits, "limits is null");
        if (id.kind() == NodeId.Kind.JOB) {
            throw new InvalidNodeIdException("nodeId names a job; column-level lineage starts at a dataset "
                    + "(all its fields) or a dataset field");
        }
        return jdbi.inTransaction(handle -> {
            LineageDao dao = handle.attach(LineageDao.class);
            Optional<Set<FieldNode>> starts = id.kind() == NodeId.Kind.DATASET
                    ? resolveDataset(dao, id.rest()).map(row -> allFields(dao, row.id()))
                    : resolveField(dao, id.rest()).map(Set::of);
            return starts.map(nodes -> fieldGraph(dao,
                    new LineageGraph<>(new ColumnEdgeSource(dao)).traverse(nodes, limits)));
        });
    }

    // -- node ids -------------------------------------------------------------------------------

    private static Optional<NamedRow> resolveDataset(LineageDao dao, String rest) {
        for (String namespace : namespaces(dao, rest)) {
            String name = rest.substring(namespace.length() + 1);
            List<NamedRow> rows = dao.datasets(namespace, List.of(name));
            if (!rows.isEmpty()) {
                return Optional.of(rows.get(0));
            }
        }
        return Optional.empty();
    }

    private static Optional<NamedRow> resolveJob(LineageDao dao, String rest) {
        for (String namespace : namespaces(dao, rest)) {
            List<NamedRow> rows = dao.job(namespace, rest.substring(namespace.length() + 1));
            if (!rows.isEmpty()) {
                return Optional.of(rows.get(0));
            }
        }
        return Optional.empty();
    }

    /** NAME:FIELD after a namespace: every colon could end the name; the longest existing name whose field exists wins. */
    private static Optional<FieldNode> resolveField(LineageDao dao, String rest) {
        for (String namespace : namespaces(dao, rest)) {
            String nameAndField = rest.substring(namespace.length() + 1);
            Map<String, Integer> names = new HashMap<>();
            for (int i = nameAndField.indexOf(':'); i > 0; i = nameAndField.indexOf(':', i + 1)) {
                if (i < nameAndField.length() - 1) {
                    names.put(nameAndField.substring(0, i), i);
                }
            }
            if (names.isEmpty()) {
                continue;
            }
            List<NamedRow> datasets = new ArrayList<>(dao.datasets(namespace, names.keySet()));
            datasets.sort(Comparator.comparingInt((NamedRow row) -> row.name().length()).reversed());
            for (NamedRow dataset : datasets) {
                String field = nameAndField.substring(names.get(dataset.name()) + 1);
                if (allFields(dao, dataset.id()).contains(new FieldNode(dataset.id(), field))) {
                    return Optional.of(new FieldNode(dataset.id(), field));
                }
            }
        }
        return Optional.empty();
    }

    /** Known namespaces {@code rest} starts with (then a colon), longest first. */
    private static List<String> namespaces(LineageDao dao, String rest) {
        List<String> namespaces = new ArrayList<>(dao.namespacesPrefixing(rest));
        namespaces.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        return namespaces;
    }

    /** A dataset's fields: its current schema's, in order, then others column lineage names. */
    private static Set<FieldNode> allFields(LineageDao dao, UUID datasetId) {
        Set<FieldNode> fields = new LinkedHashSet<>();
        for (FieldRow row : dao.currentFields(List.of(datasetId))) {
            fields.add(new FieldNode(datasetId, row.name()));
        }
        dao.lineageFields(datasetId).stream().sorted().forEach(field -> fields.add(new FieldNode(datasetId, field)));
        return fields;
    }

    // -- dataset-level graph ----------------------------------------------------------------------

    /** A traversal and the names of its nodes, read in one transaction. */
    private record Traversed(Subgraph<GraphNode, JobIoEdge> graph, Map<GraphNode, NamedRow> names) {
        public Traversed {
            names = Collections.unmodifiableMap(new LinkedHashMap<>(names));
        }
    }

    private static Map<GraphNode, NamedRow> names(LineageDao dao, Subgraph<GraphNode, ?> graph) {
        Map<GraphNode, NamedRow> names = new HashMap<>();
        List<UUID> datasets = ids(graph.nodes(), NodeType.DATASET);
        List<UUID> jobs = ids(graph.nodes(), NodeType.JOB);
        Chunks.query(datasets, dao::datasetsById).forEach(row -> names.put(GraphNode.dataset(row.id()), row));
        Chunks.query(jobs, dao::jobsById).forEach(row -> names.put(GraphNode.job(row.id()), row));
        return names;
    }

    private Graph datasetGraph(Traversed traversed) {
        Subgraph<GraphNode, JobIoEdge> graph = traversed.graph();
        Map<GraphNode, NamedRow> names = traversed.names();
        // The catalog's own views, so a node's data reads as GET .../datasets/{name} and .../jobs/{name} do.
        Map<DatasetId, Dataset> datasets = new HashMap<>();
        catalog.datasetsById(ids(graph.nodes(), NodeType.DATASET)).forEach(d -> datasets.put(d.id(), d));
        Map<JobId, Job> jobs = new HashMap<>();
        catalog.jobsById(ids(graph.nodes(), NodeType.JOB)).forEach(j -> jobs.put(j.id(), j));
        Function<GraphNode, String> idOf = node -> {
            NamedRow row = names.get(node);
            return node.type() == NodeType.DATASET
                    ? NodeId.dataset(row.namespace(), row.name())
                    : NodeId.job(row.namespace(), row.name());
        };
        List<Node> nodes = new ArrayList<>();
        Edges<GraphNode, JobIoEdge> edges = new Edges<>(graph.edges());
        for (GraphNode node : graph.nodes()) {
            NamedRow row = names.get(node);
            if (row == null) {
                continue; // not in the store any more (nothing deletes rows today)
            }
            Object data = node.type() == NodeType.DATASET
                    ? datasets.get(new DatasetId(row.namespace(), row.name()))
                    : jobs.get(new JobId(row.namespace(), row.name()));
            nodes.add(new Node(idOf.apply(node), node.type().name(), data, edges.into(node, idOf),
                    edges.outOf(node, idOf)));
        }
        return new Graph(nodes, graph.truncated(), graph.incomplete().stream().map(idOf).toList());
    }

    private static List<UUID> ids(Set<GraphNode> nodes, NodeType type) {
        return nodes.stream().filter(n -> n.type() == type).map(GraphNode::id).toList();
    }

    // -- column-level graph -----------------------------------------------------------------------

    private static Graph fieldGraph(LineageDao dao, Subgraph<FieldNode, ColumnEdge> graph) {
        Set<UUID> datasetIds = new LinkedHashSet<>();
        graph.nodes().forEach(node -> datasetIds.add(node.datasetId()));
        Map<UUID, NamedRow> datasets = new HashMap<>();
        Chunks.query(datasetIds, dao::datasetsById).forEach(row -> datasets.put(row.id(), row));
        Map<FieldNode, String> types = new HashMap<>();
        Chunks.query(datasetIds, dao::currentFields)
                .forEach(row -> types.putIfAbsent(new FieldNode(row.datasetId(), row.name()), row.type()));
        Function<FieldNode, String> idOf = node -> {
            NamedRow dataset = datasets.get(node.datasetId());
            return NodeId.field(dataset.namespace(), dataset.name(), node.field());
        };
        Edges<FieldNode, ColumnEdge> edges = new Edges<>(graph.edges());
        List<Node> nodes = new ArrayList<>();
        for (FieldNode node : graph.nodes()) {
            NamedRow dataset = datasets.get(node.datasetId());
            // One entry per distinct input: two jobs may describe the same edge.
            Set<InputField> distinct = new LinkedHashSet<>();
            for (ColumnEdge edge : edges.edgesInto(node)) {
                NamedRow input = datasets.get(edge.origin().datasetId());
                distinct.add(new InputField(input.namespace(), input.name(), edge.origin().field(), edge.description(),
                        edge.transformationType(), edge.transformationSubtype(), edge.masking(),
                        edge.provenance().name()));
            }
            List<InputField> inputs = List.copyOf(distinct);
            // Marquez's field type is never null: an unknown type is "".
            String type = types.get(node);
            FieldData data = new FieldData(dataset.namespace(), dataset.name(), node.field(), type == null ? "" : type,
                    shared(inputs, InputField::transformationDescription),
                    shared(inputs, InputField::transformationType), inputs);
            nodes.add(new Node(idOf.apply(node), "DATASET_FIELD", data, edges.into(node, idOf),
                    edges.outOf(node, idOf)));
        }
        return new Graph(nodes, graph.truncated(), graph.incomplete().stream().map(idOf).toList());
    }

    /** The value every input shares, or null. */
    private static String shared(List<InputField> inputs, Function<InputField, String> value) {
        if (inputs.isEmpty()) {
            return null;
        }
        String first = value.apply(inputs.get(0));
        return inputs.stream().allMatch(i -> java.util.Objects.equals(first, value.apply(i))) ? first : null;
    }

    /** A graph's edges indexed by node, for in- and out-edge lists. */
    private static final class Edges<N, E extends LineageEdge<N>> {
        private final Map<N, List<E>> into = new HashMap<>();
        private final Map<N, List<E>> outOf = new HashMap<>();

        Edges(List<E> edges) {
            for (E edge : edges) {
                into.computeIfAbsent(edge.destination(), k -> new ArrayList<>()).add(edge);
                outOf.computeIfAbsent(edge.origin(), k -> new ArrayList<>()).add(edge);
            }
        }

        List<E> edgesInto(N node) {
            return into.getOrDefault(node, List.of());
        }

        List<Edge> into(N node, Function<N, String> idOf) {
            return views(into.getOrDefault(node, List.of()), idOf);
        }

        List<Edge> outOf(N node, Function<N, String> idOf) {
            return views(outOf.getOrDefault(node, List.of()), idOf);
        }

        /** Edge views, one per pair of nodes (column edges from two origins may join the same pair). */
        private List<Edge> views(List<E> edges, Function<N, String> idOf) {
            Set<Edge> views = new LinkedHashSet<>();
            for (E edge : edges) {
                views.add(new Edge(idOf.apply(edge.origin()), idOf.apply(edge.destination())));
            }
            return List.copyOf(views);
        }
    }
}
