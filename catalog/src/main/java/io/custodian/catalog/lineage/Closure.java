package io.custodian.catalog.lineage;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.field.FieldRef;
import io.custodian.lineage.graph.Direction;
import java.util.List;

/**
 * Every field reachable from the start fields through column lineage in force, complete (a closure
 * that would not fit its budget is an exception, never a shorter list). {@code fields} holds each
 * field reached, once per direction it was reached in ({@link Direction#BOTH} may reach a field
 * both ways), nearest first; the start fields are in {@code starts} and not in {@code fields}.
 */
public record Closure(List<FieldRef> starts, Direction direction, List<Reached> fields) {
    public Closure {
        starts = List.copyOf(starts);
        requireNonNull(direction, "direction is null");
        fields = List.copyOf(fields);
    }

    /**
     * A field the closure reached: in which direction ({@code DOWNSTREAM}: computed from a start
     * field; {@code UPSTREAM}: a start field is computed from it), how many edges from the nearest
     * start field, every edge by which it was first reached (each from a field one step nearer a
     * start), and one shortest path from a start field to it.
     */
    public record Reached(FieldRef field, Direction direction, int distance, List<Edge> reachedBy, List<Step> path) {
        public Reached {
            requireNonNull(field, "field is null");
            requireNonNull(direction, "direction is null");
            reachedBy = List.copyOf(reachedBy);
            path = List.copyOf(path);
        }
    }

    /**
     * One column edge in force: data flows from {@code origin} to {@code destination}, by a
     * transformation of OpenLineage's {@code type} (DIRECT, INDIRECT) and {@code subtype}
     * (IDENTITY, TRANSFORMATION, AGGREGATION, ...), both null when the producer did not say;
     * {@code masking} as the producer said (null when not said); {@code job} that described it,
     * null when a dataset event did.
     */
    public record Edge(FieldRef origin, FieldRef destination, String type, String subtype, String description,
            Boolean masking, Provenance provenance, Job job) {
        public Edge {
            requireNonNull(origin, "origin is null");
            requireNonNull(destination, "destination is null");
            requireNonNull(provenance, "provenance is null");
        }
    }

    /** A job by namespace and name. */
    public record Job(String namespace, String name) {
        public Job {
            requireNonNull(namespace, "namespace is null");
            requireNonNull(name, "name is null");
        }
    }

    /** One step of a path: a field, and the edge that led to it ({@code null} for the start field). */
    public record Step(FieldRef field, Edge via) {
        public Step {
            requireNonNull(field, "field is null");
        }
    }
}
