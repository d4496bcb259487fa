package io.custodian.scanner.propagation;

/**
 * Whether a classification travels along one column lineage edge, by the edge's OpenLineage
 * transformation type (DIRECT, INDIRECT) and subtype (IDENTITY, TRANSFORMATION, AGGREGATION,
 * JOIN...). Either may be {@code null} when the producer did not say. The classification policy's
 * rules ({@code io.custodian.policy.PropagationRules::carries}) are the production implementation.
 */
@FunctionalInterface
public interface PropagationRules {
    boolean carries(String classification, String edgeType, String edgeSubtype);
}
