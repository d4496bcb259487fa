package io.custodian.catalog.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Test data builders for OpenLineage events, so that tests say what differs instead of repeating JSON. */
public final class Events {
    public static final String PRODUCER = "https://github.com/custodian/tests";
    public static final String SCHEMA_URL = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
    private static final JsonNodeFactory json = JsonNodeFactory.instance;
    private static final ObjectMapper mapper = new ObjectMapper();

    private Events() {}

    public static RunEventBuilder run(String eventType, UUID runId, Instant time) {
        return new RunEventBuilder(eventType, runId, time);
    }

    public static DatasetBuilder dataset(String namespace, String name) {
        return new DatasetBuilder(namespace, name);
    }

    public static byte[] bytes(ObjectNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode facet(String name) {
        ObjectNode facet = json.objectNode();
        facet.put("_producer", PRODUCER);
        facet.put("_schemaURL", "https://openlineage.io/spec/facets/1-0-0/" + name + ".json");
        return facet;
    }

    /** Builds a RunEvent. */
    public static final class RunEventBuilder {
        private final ObjectNode event = json.objectNode();
        private final ObjectNode jobFacets = json.objectNode();
        private final ObjectNode runFacets = json.objectNode();
        private final List<DatasetBuilder> inputs = new ArrayList<>();
        private final List<DatasetBuilder> outputs = new ArrayList<>();
        private String jobNamespace = "etl";
        private String jobName = "daily_orders";

        RunEventBuilder(String eventType, UUID runId, Instant time) {
            event.put("eventType", eventType);
            event.put("eventTime", time.toString());
            event.putObject("run").put("runId", runId.toString());
            event.put("producer", PRODUCER);
            event.put("schemaURL", SCHEMA_URL);
        }

        public RunEventBuilder job(String namespace, String name) {
            this.jobNamespace = namespace;
            this.jobName = name;
            return this;
        }

        public RunEventBuilder sql(String query) {
            ObjectNode sql = facet("SQLJobFacet");
            sql.put("query", query);
            jobFacets.set("sql", sql);
            return this;
        }

        public RunEventBuilder jobFacet(String name, ObjectNode facet) {
            jobFacets.set(name, facet);
            return this;
        }

        public RunEventBuilder runFacet(String name, ObjectNode facet) {
            runFacets.set(name, facet);
            return this;
        }

        public RunEventBuilder parent(UUID runId, String namespace, String name) {
            ObjectNode parent = facet("ParentRunFacet");
            parent.putObject("run").put("runId", runId.toString());
            parent.putObject("job").put("namespace", namespace).put("name", name);
            runFacets.set("parent", parent);
            return this;
        }

        public RunEventBuilder input(DatasetBuilder dataset) {
            inputs.add(dataset);
            return this;
        }

        public RunEventBuilder output(DatasetBuilder dataset) {
            outputs.add(dataset);
            return this;
        }

        public ObjectNode build() {
            ObjectNode out = event.deepCopy();
            ObjectNode job = out.putObject("job");
            job.put("namespace", jobNamespace);
            job.put("name", jobName);
            job.set("facets", jobFacets.deepCopy());
            ((ObjectNode) out.get("run")).set("facets", runFacets.deepCopy());
            ArrayNode in = out.putArray("inputs");
            inputs.forEach(d -> in.add(d.build()));
            ArrayNode o = out.putArray("outputs");
            outputs.forEach(d -> o.add(d.build()));
            return out;
        }

        public byte[] bytes() {
            return Events.bytes(build());
        }
    }

    /** Builds a dataset of an event. */
    public static final class DatasetBuilder {
        private final ObjectNode dataset = json.objectNode();
        private final ObjectNode facets = json.objectNode();
        private final ObjectNode outputFacets = json.objectNode();
        private ObjectNode lineage;

        DatasetBuilder(String namespace, String name) {
            dataset.put("namespace", namespace);
            dataset.put("name", name);
        }

        /** Fields as "name:type" pairs. */
        public DatasetBuilder schema(String... fields) {
            ObjectNode schema = Events.facet("SchemaDatasetFacet");
            ArrayNode list = schema.putArray("fields");
            for (String field : fields) {
                String[] parts = field.split(":", 2);
                ObjectNode f = list.addObject().put("name", parts[0]);
                if (parts.length > 1) {
                    f.put("type", parts[1]);
                }
            }
            facets.set("schema", schema);
            return this;
        }

        public DatasetBuilder facet(String name, ObjectNode facet) {
            facets.set(name, facet);
            return this;
        }

        public DatasetBuilder description(String description) {
            ObjectNode doc = Events.facet("DocumentationDatasetFacet");
            doc.put("description", description);
            facets.set("documentation", doc);
            return this;
        }

        public DatasetBuilder dataSource(String name, String uri) {
            ObjectNode source = Events.facet("DatasourceDatasetFacet");
            source.put("name", name);
            source.put("uri", uri);
            facets.set("dataSource", source);
            return this;
        }

        /** Adds one DIRECT edge: outputField <- inputNamespace/inputName.inputField. */
        public DatasetBuilder lineage(String outputField, String inputNamespace, String inputName, String inputField,
                String subtype) {
            return lineage(outputField, inputNamespace, inputName, inputField, "DIRECT", subtype, "", false);
        }

        /** Adds one edge with its transformation: outputField <- inputNamespace/inputName.inputField. */
        public DatasetBuilder lineage(String outputField, String inputNamespace, String inputName, String inputField,
                String type, String subtype, String description, boolean masking) {
            ObjectNode field = (ObjectNode) lineageFacet().get("fields").get(outputField);
            if (field == null) {
                field = ((ObjectNode) lineage.get("fields")).putObject(outputField);
                field.putArray("inputFields");
            }
            ObjectNode input = ((ArrayNode) field.get("inputFields")).addObject();
            input.put("namespace", inputNamespace).put("name", inputName).put("field", inputField);
            input.putArray("transformations").addObject().put("type", type).put("subtype", subtype)
                    .put("description", description).put("masking", masking);
            return this;
        }

        /**
         * Adds a dataset-level dependency (the facet's {@code dataset} list): the whole output
         * depends on inputNamespace/inputName.inputField, as on a filter or join column.
         */
        public DatasetBuilder datasetLineage(String inputNamespace, String inputName, String inputField,
                String subtype) {
            ObjectNode facet = lineageFacet();
            ArrayNode list = facet.has("dataset") ? (ArrayNode) facet.get("dataset") : facet.putArray("dataset");
            ObjectNode input = list.addObject();
            input.put("namespace", inputNamespace).put("name", inputName).put("field", inputField);
            input.putArray("transformations").addObject().put("type", "INDIRECT").put("subtype", subtype)
                    .put("description", "").put("masking", false);
            return this;
        }

        private ObjectNode lineageFacet() {
            if (lineage == null) {
                lineage = Events.facet("ColumnLineageDatasetFacet");
                lineage.putObject("fields");
            }
            return lineage;
        }

        /** Puts the columnLineage facet in outputFacets instead of facets, as some integrations do. */
        public DatasetBuilder lineageInOutputFacets() {
            outputFacets.set("columnLineage", lineage);
            lineage = null;
            return this;
        }

        public DatasetBuilder outputFacet(String name, ObjectNode facet) {
            outputFacets.set(name, facet);
            return this;
        }

        ObjectNode build() {
            ObjectNode out = dataset.deepCopy();
            ObjectNode f = facets.deepCopy();
            if (lineage != null) {
                f.set("columnLineage", lineage.deepCopy());
            }
            out.set("facets", f);
            if (!outputFacets.isEmpty()) {
                out.set("outputFacets", outputFacets.deepCopy());
            }
            return out;
        }
    }
}
