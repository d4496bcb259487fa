package io.custodian.catalog.read;

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

    public record Namespace(String name, Instant createdAt, Instant updatedAt) {}

    public record Source(String name, String connectionUrl, Instant createdAt) {}

    /**
     * One field of a dataset schema; nested fields carry dotted paths. On a dataset's current
     * schema, {@code classifications} lists the types of personal data the field holds (a
     * steward's rejection hides a type); elsewhere it is empty.
     */
    public record Field(String name, String type, String description, List<Classification> classifications) {
        public Field {
            classifications = classifications == null ? List.of() : List.copyOf(classifications);
        }

        public Field(String name, String type, String description) {
            this(name, type, description, List.of());
        }
    }

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
            Map<String, JsonNode> facets) {
        public Dataset {
            fields = List.copyOf(fields);
            tags = List.copyOf(tags);
            owners = List.copyOf(owners);
            facets = Collections.unmodifiableMap(new LinkedHashMap<>(facets));
        }
    }

    public record DatasetVersion(
            DatasetId id,
            String name,
            String namespace,
            UUID version,
            Instant createdAt,
            List<Field> fields,
            UUID createdByRun) {
        public DatasetVersion {
            fields = List.copyOf(fields);
        }
    }

    /** What a job version runs: its type, SQL and source code location. */
    public record JobVersion(
            UUID version,
            Instant createdAt,
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
            List<DatasetId> outputs) {
        public JobVersion {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
        }
    }

    public record Job(
            JobId id,
            String type,
            String name,
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
            Map<String, JsonNode> facets) {
        public Job {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
            facets = Collections.unmodifiableMap(new LinkedHashMap<>(facets));
        }
    }

    /** The run that started a run, from its {@code parent} facet. */
    public record ParentRun(UUID runId, String jobNamespace, String jobName) {}

    public record Run(
            UUID id,
            JobId job,
            Instant createdAt,
            Instant updatedAt,
            Instant nominalStartTime,
            Instant nominalEndTime,
            String state,
            Instant startedAt,
            Instant endedAt,
            Long durationMs,
            JobVersionId jobVersion,
            List<DatasetVersionId> inputDatasetVersions,
            List<DatasetVersionId> outputDatasetVersions,
            ParentRun parentRun,
            Map<String, JsonNode> facets) {
        public Run {
            inputDatasetVersions = List.copyOf(inputDatasetVersions);
            outputDatasetVersions = List.copyOf(outputDatasetVersions);
            facets = Collections.unmodifiableMap(new LinkedHashMap<>(facets));
        }
    }

    /** One raw event as received, with when it was received. */
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
