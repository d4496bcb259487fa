package io.custodian.catalog.ingest;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The run of a RunEvent, with its facets and the values read from them. */
public record RunSpec(
        UUID runId,
        List<Facet> facets,
        Optional<Instant> nominalStartTime,
        Optional<Instant> nominalEndTime,
        Optional<ParentSpec> parent) {

    public RunSpec {
        requireNonNull(runId, "runId is null");
        facets = List.copyOf(facets);
        requireNonNull(nominalStartTime, "nominalStartTime is null");
        requireNonNull(nominalEndTime, "nominalEndTime is null");
        requireNonNull(parent, "parent is null");
    }

    /** The {@code parent} run facet: the run (and its job) that started this one. */
    public record ParentSpec(UUID runId, String jobNamespace, String jobName) {
        public ParentSpec {
            requireNonNull(runId, "runId is null");
            requireNonNull(jobNamespace, "jobNamespace is null");
            requireNonNull(jobName, "jobName is null");
        }
    }
}
