package io.custodian.server.marquez;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The shapes Marquez's Java client (0.51.x, {@code marquez.client.models}) reads responses into,
 * written down here as records: the same field names, types and enums, and the same rule for
 * what may be missing. A field the client marks non-null fails here when missing or null, as the
 * client's null checks fail; an enum value the client does not know fails; a property the
 * client does not know is ignored, as the client ignores it (Custodian's additions).
 */
final class MarquezModels {
    private MarquezModels() {}

    /** A mapper as strict as the client's reading: unknown properties allowed, nothing else forgiven. */
    static final ObjectMapper STRICT = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
            .disable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    /** The client's non-null check on one field. */
    static <T> T required(T value, String name) {
        if (value == null) {
            throw new NullPointerException(name + " is marked non-null but is null");
        }
        return value;
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return STRICT.readValue(json, type);
        } catch (java.io.IOException e) {
            throw new AssertionError("Marquez's client could not read " + type.getSimpleName() + ": " + e.getMessage()
                    + "\n" + json, e);
        }
    }

    enum DatasetType { DB_TABLE, STREAM }

    enum JobType { BATCH, STREAM, SERVICE }

    enum RunState { NEW, RUNNING, COMPLETED, ABORTED, FAILED }

    enum NodeType { DATASET, DATASET_FIELD, JOB, RUN }

    enum ResultType { DATASET, JOB }

    record DatasetId(String namespace, String name) {
        DatasetId {
            required(namespace, "namespace");
            required(name, "name");
        }
    }

    record JobId(String namespace, String name) {
        JobId {
            required(namespace, "namespace");
            required(name, "name");
        }
    }

    record DatasetVersionId(String namespace, String name, UUID version) {
        DatasetVersionId {
            required(namespace, "namespace");
            required(name, "name");
            required(version, "version");
        }
    }

    record JobVersionId(String namespace, String name, UUID version) {
        JobVersionId {
            required(namespace, "namespace");
            required(name, "name");
            required(version, "version");
        }
    }

    record Namespace(String name, Instant createdAt, Instant updatedAt, String ownerName, String description,
            Boolean isHidden) {
        Namespace {
            required(name, "name");
            required(createdAt, "createdAt");
            required(updatedAt, "updatedAt");
            required(ownerName, "ownerName");
            required(isHidden, "isHidden");
        }
    }

    record Source(String type, String name, Instant createdAt, Instant updatedAt, URI connectionUrl,
            String description) {
        Source {
            required(type, "type");
            required(name, "name");
            required(createdAt, "createdAt");
            required(updatedAt, "updatedAt");
            required(connectionUrl, "connectionUrl");
        }
    }

    record Field(String name, String type, Set<String> tags, String description) {
        Field {
            required(name, "name");
            tags = tags == null ? Set.of() : Set.copyOf(tags);
        }
    }

    record ColumnLineageInputField(String namespace, String dataset, String field, String transformationDescription,
            String transformationType) {
        ColumnLineageInputField {
            required(namespace, "namespace");
            required(dataset, "dataset");
            required(field, "field");
        }
    }

    record ColumnLineage(String name, List<ColumnLineageInputField> inputFields) {
        ColumnLineage {
            required(name, "name");
            required(inputFields, "inputFields");
        }
    }

    record Dataset(DatasetId id, DatasetType type, String name, String physicalName, Instant createdAt,
            Instant updatedAt, String namespace, String sourceName, List<Field> fields, Set<String> tags,
            Instant lastModifiedAt, String description, List<ColumnLineage> columnLineage, Map<String, Object> facets,
            UUID currentVersion) {
        Dataset {
            required(id, "id");
            required(type, "type");
            required(name, "name");
            required(physicalName, "physicalName");
            required(createdAt, "createdAt");
            required(updatedAt, "updatedAt");
            required(namespace, "namespace");
            required(sourceName, "sourceName");
            fields = fields == null ? List.of() : fields;
            tags = tags == null ? Set.of() : tags;
        }
    }

    record DatasetVersion(DatasetId id, DatasetType type, String name, String physicalName, Instant createdAt,
            String version, String sourceName, List<Field> fields, Set<String> tags, String description,
            Run createdByRun, Map<String, Object> facets) {
        DatasetVersion {
            required(id, "id");
            required(type, "type");
            required(name, "name");
            required(physicalName, "physicalName");
            required(createdAt, "createdAt");
            required(version, "version");
            required(sourceName, "sourceName");
            fields = fields == null ? List.of() : fields;
            tags = tags == null ? Set.of() : tags;
        }
    }

    record InputDatasetVersion(DatasetVersionId datasetVersionId, Map<String, Object> facets) {
        InputDatasetVersion {
            required(datasetVersionId, "datasetVersionId");
            required(facets, "facets");
        }
    }

    record OutputDatasetVersion(DatasetVersionId datasetVersionId, Map<String, Object> facets) {
        OutputDatasetVersion {
            required(datasetVersionId, "datasetVersionId");
            required(facets, "facets");
        }
    }

    record Run(String id, Instant createdAt, Instant updatedAt, Instant nominalStartTime, Instant nominalEndTime,
            RunState state, Instant startedAt, Instant endedAt, Long durationMs, Map<String, String> args,
            JobVersionId jobVersion, Map<String, Object> facets, List<InputDatasetVersion> inputDatasetVersions,
            List<OutputDatasetVersion> outputDatasetVersions) {
        Run {
            required(id, "id");
            required(createdAt, "createdAt");
            required(updatedAt, "updatedAt");
            required(state, "state");
            inputDatasetVersions = inputDatasetVersions == null ? List.of() : inputDatasetVersions;
            outputDatasetVersions = outputDatasetVersions == null ? List.of() : outputDatasetVersions;
        }
    }

    record Job(JobId id, JobType type, String name, String simpleName, String parentJobName, Instant createdAt,
            Instant updatedAt, String namespace, Set<DatasetId> inputs, Set<DatasetId> outputs, URL location,
            String description, Run latestRun, Map<String, Object> facets, UUID currentVersion, Set<String> tags) {
        Job {
            required(id, "id");
            required(type, "type");
            required(name, "name");
            required(simpleName, "simpleName");
            required(createdAt, "createdAt");
            required(updatedAt, "updatedAt");
            required(namespace, "namespace");
            required(inputs, "inputs");
            required(outputs, "outputs");
        }
    }

    record JobVersion(JobVersionId id, String name, Instant createdAt, UUID version, URL location,
            List<DatasetId> inputs, List<DatasetId> outputs, Run latestRun) {
        JobVersion {
            required(id, "id");
            required(name, "name");
            required(createdAt, "createdAt");
            required(version, "version");
        }
    }

    record Tag(String name, String description) {
        Tag {
            required(name, "name");
        }
    }

    record SearchResult(ResultType type, String name, Instant updatedAt, String namespace, String nodeId) {
        SearchResult {
            required(type, "type");
            required(name, "name");
            required(updatedAt, "updatedAt");
            required(namespace, "namespace");
            required(nodeId, "nodeId");
        }
    }

    record SearchResults(int totalCount, List<SearchResult> results) {
        SearchResults {
            required(results, "results");
        }
    }

    /** A node id as the client checks it. */
    record NodeId(String value) {
        private static final Pattern ID = Pattern.compile("^(dataset|datasetField|job|run):.*$");

        NodeId {
            if (value == null || !ID.matcher(value).matches()) {
                throw new IllegalArgumentException("node ID (" + value + ") must start with dataset, datasetField, job or run");
            }
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static NodeId of(String value) {
            return new NodeId(value);
        }
    }

    record Edge(NodeId origin, NodeId destination) {
        Edge {
            required(origin, "origin");
            required(destination, "destination");
        }
    }

    /** A node's data; the client tells the kinds apart by the properties they have. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION, defaultImpl = ColumnLineageNodeData.class)
    @JsonSubTypes({@JsonSubTypes.Type(DatasetNodeData.class), @JsonSubTypes.Type(JobNodeData.class),
            @JsonSubTypes.Type(ColumnLineageNodeData.class)})
    interface NodeData {}

    record DatasetNodeData(DatasetId id, DatasetType type, String name, String physicalName, Instant createdAt,
            Instant updatedAt, String namespace, String sourceName, List<Field> fields, Set<String> tags,
            Instant lastModifiedAt, String description, String lastLifecycleState) implements NodeData {
        DatasetNodeData {
            required(id, "id");
            required(type, "type");
            required(name, "name");
            required(physicalName, "physicalName");
            required(createdAt, "createdAt");
            required(updatedAt, "updatedAt");
            required(namespace, "namespace");
            required(sourceName, "sourceName");
            required(fields, "fields");
            required(tags, "tags");
        }
    }

    record JobNodeData(JobId id, JobType type, String name, String simpleName, String parentJobName,
            Instant createdAt, Instant updatedAt, String namespace, Set<DatasetId> inputs, Set<DatasetId> outputs,
            URL location, String description, Run latestRun) implements NodeData {
        JobNodeData {
            required(id, "id");
            required(type, "type");
            required(name, "name");
            required(simpleName, "simpleName");
            required(createdAt, "createdAt");
            required(updatedAt, "updatedAt");
            required(namespace, "namespace");
            required(inputs, "inputs");
            required(outputs, "outputs");
        }
    }

    record ColumnLineageNodeData(String namespace, String dataset, String field, String fieldType,
            List<ColumnLineageInputField> inputFields) implements NodeData {
        ColumnLineageNodeData {
            required(namespace, "namespace");
            required(dataset, "dataset");
            required(field, "field");
            required(fieldType, "fieldType");
            required(inputFields, "inputFields");
        }
    }

    record Node(NodeId id, NodeType type, NodeData data, Set<Edge> inEdges, Set<Edge> outEdges) {
        Node {
            required(id, "id");
            required(type, "type");
        }
    }

    record Lineage(Set<Node> graph) {}

    record NamespaceList(List<Namespace> namespaces) {
        NamespaceList {
            required(namespaces, "namespaces");
        }
    }

    record DatasetList(List<Dataset> datasets) {
        DatasetList {
            required(datasets, "datasets");
        }
    }

    record DatasetVersionList(List<DatasetVersion> versions) {
        DatasetVersionList {
            required(versions, "versions");
        }
    }

    record JobList(List<Job> jobs) {
        JobList {
            required(jobs, "jobs");
        }
    }

    record JobVersionList(List<JobVersion> versions) {
        JobVersionList {
            required(versions, "versions");
        }
    }

    record RunList(List<Run> runs) {
        RunList {
            required(runs, "runs");
        }
    }

    record SourceList(List<Source> sources) {
        SourceList {
            required(sources, "sources");
        }
    }

    record TagList(Set<Tag> tags) {
        TagList {
            required(tags, "tags");
        }
    }

    /** One raw event, as the client's LineageEvent reads it. */
    record LineageEvent(String eventType, ZonedDateTime eventTime, Map<String, Object> run, Map<String, Object> job,
            List<Object> inputs, List<Object> outputs, URI producer, URI schemaURL) {}

    record LineageEvents(List<LineageEvent> events) {
        LineageEvents {
            required(events, "events");
        }
    }

    /** Marquez's error body, as the client's HttpError reads it. */
    record HttpError(Integer code, String message, String details) {}

    /** The run facets response (Marquez's FacetsResult). */
    record FacetsResult(UUID runId, Map<String, Object> facets) {
        FacetsResult {
            required(runId, "runId");
            required(facets, "facets");
        }
    }

    /** Marquez's lineage-events statistic for one interval. */
    record LineageMetric(Instant startInterval, Instant endInterval, Integer fail, Integer start, Integer complete,
            Integer abort) {
        LineageMetric {
            required(startInterval, "startInterval");
            required(endInterval, "endInterval");
            required(fail, "fail");
            required(start, "start");
            required(complete, "complete");
            required(abort, "abort");
        }
    }

    /** Marquez's count statistic for one interval. */
    record IntervalMetric(Instant startInterval, Instant endInterval, Integer count) {
        IntervalMetric {
            required(startInterval, "startInterval");
            required(endInterval, "endInterval");
            required(count, "count");
        }
    }

    /** Marquez's upstream run lineage. */
    record UpstreamRunLineage(List<UpstreamRun> runs) {
        UpstreamRunLineage {
            required(runs, "runs");
        }
    }

    /** The job of an upstream run; the spec marks nothing required, a version may be unknown. */
    record UpstreamJob(String namespace, String name, UUID version) {
        UpstreamJob {
            required(namespace, "namespace");
            required(name, "name");
        }
    }

    record UpstreamRun(UpstreamJob job, RunSummary run, List<InputVersion> inputs) {
        UpstreamRun {
            required(job, "job");
            required(run, "run");
            required(inputs, "inputs");
        }
    }

    record RunSummary(UUID id, Instant start, Instant end, RunState status) {
        RunSummary {
            required(id, "id");
            required(status, "status");
        }
    }

    record InputVersion(String namespace, String name, UUID version, UUID producedByRunId) {
        InputVersion {
            required(namespace, "namespace");
            required(name, "name");
            required(version, "version");
        }
    }
}
