package io.custodian.catalog.lineage;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The lineage graph as readers see it, in the shape of Marquez's lineage and column-lineage responses. */
public final class LineageViews {
    private LineageViews() {}

    /** Data flows from {@code origin} to {@code destination}; both are node ids. */
    public record Edge(String origin, String destination) {}

    /**
     * One node: its id, its type ({@code DATASET}, {@code JOB} or {@code DATASET_FIELD}), what it
     * is ({@code data}: the catalog's dataset or job view, or a {@link FieldData}), and its edges
     * to other nodes of the graph ({@code inEdges}: data flowing in; {@code outEdges}: flowing out).
     */
    public record Node(String id, String type, Object data, List<Edge> inEdges, List<Edge> outEdges) {
        public Node {
            requireNonNull(id, "id is null");
            requireNonNull(type, "type is null");
            inEdges = List.copyOf(inEdges);
            outEdges = List.copyOf(outEdges);
        }
    }

    /**
     * A traversal's result: the nodes, start first then by distance. {@code truncated} is true
     * when the node limit left nodes out; {@code incompleteNodes} names the nodes in the graph
     * whose neighbours were left out, which a client can ask about next.
     */
    public record Graph(List<Node> graph, boolean truncated, List<String> incompleteNodes) {
        public Graph {
            graph = List.copyOf(graph);
            incompleteNodes = List.copyOf(incompleteNodes);
        }
    }

    /**
     * A field node's data, as Marquez's column lineage shows it. {@code transformationType} and
     * {@code transformationDescription} of the node are those its input fields share (null when
     * they differ or it has none); each input field carries its own.
     */
    public record FieldData(String namespace, String dataset, String field, String fieldType,
            String transformationDescription, String transformationType, List<InputField> inputFields) {
        public FieldData {
            inputFields = List.copyOf(inputFields);
        }
    }

    /**
     * One input field of a field node: Marquez's fields plus the transformation subtype, masking,
     * and the lineage's provenance ({@code PRODUCER} or {@code DERIVED}).
     */
    public record InputField(String namespace, String dataset, String field, String transformationDescription,
            String transformationType, String transformationSubtype, Boolean masking, String provenance) {}
}
