package io.custodian.catalog.read;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.custodian.catalog.classification.Classification;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The catalog as readers see it: immutable values shaped after Marquez's API. */
public final class Views {
    private Views() {}

    /** A dataset's identity. */
    public record DatasetId(String namespace, String name) {}

    /** A job's identity. */
    public record JobId(String namespace, String name) {}

    /** One version of a dataset, as a run read or wrote it. */
    public record DatasetVersionId(String namespace, String name, UUID version) {}

    /** One version of a job. */
    public record JobVersionId(String namespace, String name, UUID version) {}

    /** Marquez's owner of a namespace written by events: Custodian keeps no namespace owner. */
    public static final String DEFAULT_OWNER = "anonymous";
    /** Marquez's source name for a dataset whose events named no {@code dataSource}. */
    public static final String DEFAULT_SOURCE = "default";

    /**
     * A namespace. {@code ownerName} is Marquez's default owner, and {@code description} is null:
     * namespaces come from events, which carry neither.
     */
    public record Namespace(String name, Instant createdAt, Instant updatedAt, String ownerName, String description,
            @JsonProperty("isHidden") boolean isHidden) {}

    /**
     * A source from a {@code dataSource} facet. {@code type} is the scheme of its URI in upper
     * case ({@code POSTGRES} for {@code postgres://db:5432}), {@code UNKNOWN} without one.
     */
    public record Source(String type, String name, Instant createdAt, Instant updatedAt, String connectionUrl,
            String description) {}

    /** A tag: one registered through the tags API, or a type of personal data (which tags fields). */
    public record Tag(String name, String description) {}

    /**
     * One field of a dataset schema; nested fields carry dotted paths. On a dataset's current
     * schema, {@code classifications} lists the types of personal data the field holds (a
     * steward's rejection hides a type), and {@code tags} shows them as Marquez tags (the type's
     * name) beside the tags clients put on the field; elsewhere both are empty.
     */
    public record Field(String name, String type, List<String> tags, String description,
            List<Classification> classifications) {
        public Field {
            tags = tags == null ? List.of() : List.copyOf(tags);
            classifications = classifications == null ? List.of() : List.copyOf(classifications);
        }

        public Field(String name, String type, String description) {
            this(name, type, List.of(), description, List.of());
        }
    }

    /** One output field of a dataset's column lineage, in Marquez's dataset shape. */
    public record ColumnLineage(String name, List<ColumnLineageInput> inputFields) {
        public ColumnLineage {
            inputFields = List.copyOf(inputFields);
        }
    }

    /** One input field an output field is computed from. */
    public record ColumnLineageInput(String namespace, String dataset, String field, String transformationDescription,
            String transformationType) {}

    /** An owner from the dataset's {@code ownership} facet. */
    public record Owner(String name, String type) {}

    public record Dataset(
            DatasetId id,
            String type,
            String name,
            String physicalName,
            Instant createdAt,
            Instant updatedAt,
            String namespace,
            String sourceName,
            List<Field> fields,
            List<String> tags,
            Instant lastModifiedAt,
            String description,
            List<Owner> owners,
            UUID currentVersion,
            Map<String, JsonNode> facets,
            String lastLifecycleState,
            boolean deleted,
            List<ColumnLineage> columnLineage) {
        public Dataset {
            fields = List.copyOf(fields);
            tags = List.copyOf(tags);
            owners = List.copyOf(owners);
            facets = Collections.unmodifiableMap(new LinkedHashMap<>(facets));
            columnLineage = List.copyOf(columnLineage);
        }
    }

    /**
     * One version of a dataset: one distinct schema, or, for a dataset no event described with a
     * schema, its schemaless version (see {@code CatalogReader#schemalessVersion}).
     *
     * @param createdByRunUuid the first run that wrote this version
     * @param createdByRun that run, in full
     * @param facets the dataset's facets for its current version; empty for older ones (facets
     *     are kept per dataset, not per version)
     */
    public record DatasetVersion(
            DatasetId id,
            String type,
            String name,
            String physicalName,
            String namespace,
            UUID version,
            Instant createdAt,
            String sourceName,
            List<Field> fields,
            List<String> tags,
            String lifecycleState,
            String description,
            Map<String, JsonNode> facets,
            UUID createdByRunUuid,
            Run createdByRun,
            UUID currentSchemaVersion) {
        public DatasetVersion {
            fields = List.copyOf(fields);
            tags = List.copyOf(tags);
            facets = Collections.unmodifiableMap(new LinkedHashMap<>(facets));
        }
    }

    /**
     * What a job version runs: its type, SQL and source code location, in Marquez's shape
     * ({@code location} is the source code URL). {@code latestRun} is given where the version is
     * read on its own, null inside a job.
     */
    public record JobVersion(
            JobVersionId id,
            String name,
            String namespace,
            UUID version,
            Instant createdAt,
            String location,
            String jobType,
            String processingType,
            String integration,
            String sql,
            String sqlDialect,
            String sourceCodeType,
            String sourceCodeUrl,
            String sourceCodePath,
            String sourceCodeVersion,
            List<DatasetId> inputs,
            List<DatasetId> outputs,
            Run latestRun) {
        public JobVersion {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
        }
    }

    /**
     * A job. {@code type} is Marquez's job type (BATCH, STREAM or SERVICE: OpenLineage's STREAMING
     * is STREAM); {@code simpleName} is the name (Custodian does not prefix a child job's name with
     * its parent's); {@code parentJobName} and {@code parentJobUuid} come from the latest run's
     * {@code parent} facet; {@code latestRuns} are the newest runs, newest first.
     */
    public record Job(
            JobId id,
            String type,
            String name,
            String simpleName,
            String parentJobName,
            UUID parentJobUuid,
            String namespace,
            Instant createdAt,
            Instant updatedAt,
            List<DatasetId> inputs,
            List<DatasetId> outputs,
            String location,
            String description,
            UUID currentVersion,
            JobVersion version,
            Run latestRun,
            List<Run> latestRuns,
            Map<String, JsonNode> facets,
            List<String> tags,
            List<String> labels) {
        public Job {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
            latestRuns = List.copyOf(latestRuns);
            facets = Collections.unmodifiableMap(new LinkedHashMap<>(facets));
            tags = List.copyOf(tags);
            labels = List.copyOf(labels);
        }
    }

    /** A dataset version a run read or wrote, with the facets the run gave it (Marquez's shape). */
    public record RunDatasetVersion(DatasetVersionId datasetVersionId, Map<String, JsonNode> facets) {
        public RunDatasetVersion {
            facets = Collections.unmodifiableMap(new LinkedHashMap<>(facets));
        }
    }

    /** The run that started a run, from its {@code parent} facet. */
    public record ParentRun(UUID runId, String jobNamespace, String jobName) {}

    /**
     * A run. {@code state} is Marquez's run state (NEW, RUNNING, COMPLETED, FAILED, ABORTED);
     * {@code lastEventType} is the OpenLineage eventType that set it (START, RUNNING, COMPLETE,
     * FAIL, ABORT), null when only OTHER events came. {@code args} and {@code context} are
     * Marquez's, always empty: OpenLineage carries neither.
     */
    public record Run(
            UUID id,
            JobId job,
            Instant createdAt,
            Instant updatedAt,
            Instant nominalStartTime,
            Instant nominalEndTime,
            String state,
            String lastEventType,
            Instant startedAt,
            Instant endedAt,
            Long durationMs,
            Map<String, String> args,
            Map<String, String> context,
            JobVersionId jobVersion,
            List<RunDatasetVersion> inputDatasetVersions,
            List<RunDatasetVersion> outputDatasetVersions,
            ParentRun parentRun,
            Map<String, JsonNode> facets) {
        public Run {
            args = Map.copyOf(args);
            context = Map.copyOf(context);
            inputDatasetVersions = List.copyOf(inputDatasetVersions);
            outputDatasetVersions = List.copyOf(outputDatasetVersions);
            facets = Collections.unmodifiableMap(new LinkedHashMap<>(facets));
        }

        /**
         * Marquez's run state for an OpenLineage eventType: START and RUNNING are RUNNING, COMPLETE
         * is COMPLETED, FAIL is FAILED, ABORT is ABORTED; a run only OTHER events told of is NEW.
         */
        public static String marquezState(String eventType) {
            if (eventType == null) {
                return "NEW";
            }
            return switch (eventType) {
                case "START", "RUNNING" -> "RUNNING";
                case "COMPLETE" -> "COMPLETED";
                case "FAIL" -> "FAILED";
                case "ABORT" -> "ABORTED";
                default -> "NEW";
            };
        }
    }

    /**
     * One logged event as received.
     *
     * @param readAs how an event outside the spec was read (see {@code LineageEvent#readAs}); empty
     *     for a spec-complete event
     */
    public record RawEvent(long seq, Instant receivedAt, JsonNode event, List<String> readAs) {
        public RawEvent {
            readAs = List.copyOf(readAs);
        }
    }

    /** One page of a list, with the size of the whole list. */
    public record Page<T>(long totalCount, List<T> items) {
        public Page {
            items = List.copyOf(items);
        }
    }
}
