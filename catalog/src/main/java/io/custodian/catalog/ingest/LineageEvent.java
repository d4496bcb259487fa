package io.custodian.catalog.ingest;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One validated OpenLineage event: what Custodian interprets of it, and its JSON as received.
 *
 * @param key SHA-256 of the event's JSON as received; the same event sent again has the same key
 * @param json the event as received (compact JSON when it arrived inside a batch)
 * @param run present for RunEvents
 * @param job present for RunEvents and JobEvents
 * @param dataset present for DatasetEvents
 * @param readAs how an event Marquez accepts but the spec does not was read (no {@code schemaURL},
 *     one that contradicts the event's structure, an {@code eventTime} without offset); empty for a
 *     spec-complete event
 */
public record LineageEvent(
        EventKind kind,
        String key,
        Optional<RunState> eventType,
        Instant eventTime,
        String producer,
        Optional<RunSpec> run,
        Optional<JobSpec> job,
        List<DatasetSpec> inputs,
        List<DatasetSpec> outputs,
        Optional<DatasetSpec> dataset,
        String json,
        List<String> readAs) {

    public LineageEvent {
        requireNonNull(kind, "kind is null");
        requireNonNull(key, "key is null");
        requireNonNull(eventType, "eventType is null");
        requireNonNull(eventTime, "eventTime is null");
        requireNonNull(producer, "producer is null");
        requireNonNull(run, "run is null");
        requireNonNull(job, "job is null");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        requireNonNull(dataset, "dataset is null");
        requireNonNull(json, "json is null");
        readAs = List.copyOf(readAs);
    }

    /** The three event kinds of the OpenLineage spec. */
    public enum EventKind {
        RUN, DATASET, JOB
    }
}
