package io.custodian.catalog.classification;

import static java.util.Objects.requireNonNull;

/**
 * One step of the path a propagated classification travelled: a field, and the lineage edge that
 * led into it ({@code null} for the first step, the origin).
 *
 * @param transformation the edge's type and subtype, such as {@code DIRECT/IDENTITY}
 */
public record PathStep(String namespace, String dataset, String field, String transformation) {
    public PathStep {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(field, "field is null");
    }
}
