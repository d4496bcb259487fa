package io.custodian.catalog.ingest;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A job named by an event, with its facets and the version-defining values read from them. */
public record JobSpec(String namespace, String name, List<Facet> facets, JobVersionSpec version) {
    public JobSpec {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(name, "name is null");
        facets = List.copyOf(facets);
        requireNonNull(version, "version is null");
    }

    /**
     * What defines a job version, from the {@code jobType}, {@code sql} and
     * {@code sourceCodeLocation} facets. Every value is nullable.
     */
    public record JobVersionSpec(
            String jobType,
            String processingType,
            String integration,
            String sql,
            String sqlDialect,
            String sourceCodeType,
            String sourceCodeUrl,
            String sourceCodePath,
            String sourceCodeVersion) {}
}
