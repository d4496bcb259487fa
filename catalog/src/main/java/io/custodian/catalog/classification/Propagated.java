package io.custodian.catalog.classification;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.field.FieldRef;
import java.util.List;

/**
 * A classification lineage carries to {@code field}: the type, the origin's evidence, and the
 * path from the origin (first step) to this field (last step), and the version of the policy set
 * whose rules carried it (null when the rules came from no set).
 */
public record Propagated(FieldRef field, String type, Double confidence, String detectorVersion,
        String policyVersion, List<PathStep> path) {
    public Propagated {
        requireNonNull(field, "field is null");
        requireNonNull(type, "type is null");
        path = List.copyOf(path);
        if (path.size() < 2) {
            throw new IllegalArgumentException("a propagated path has an origin and at least one step");
        }
    }
}
