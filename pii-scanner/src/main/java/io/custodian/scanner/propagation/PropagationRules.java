package io.custodian.scanner.propagation;

/**
 * Whether a classification travels along one column lineage edge, by the edge's OpenLineage
 * transformation type (DIRECT, INDIRECT) and subtype (IDENTITY, TRANSFORMATION, AGGREGATION,
 * JOIN...). Either may be {@code null} when the producer did not say. The policy set's
 * {@code propagation} section ({@link io.custodian.scanner.policy.PropagationPolicy}) is the
 * production implementation.
 */
@FunctionalInterface
public interface PropagationRules {
    boolean carries(String classification, String edgeType, String edgeSubtype);
}
