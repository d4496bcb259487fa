package io.custodian.scanner.propagation;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.classification.Classification;
import io.custodian.catalog.classification.ClassificationSource;
import io.custodian.catalog.classification.Decision;
import io.custodian.catalog.classification.LineageEdge;
import io.custodian.catalog.field.FieldRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes which classifications lineage carries downstream: a breadth-first walk from every field
 * that holds a type (found by the scanner, or confirmed by a steward) along the edges the rules
 * allow. Each reached field gets the type with its shortest path from an origin. A field a steward
 * rejected the type on stops the walk there; a field visited once is not visited again, so cycles
 * end. The order of the walk is fixed (sorted seeds and edges), so the same inputs give the same
 * paths.
 */
public final class Propagator {
    private static final Comparator<FieldRef> FIELD_ORDER = Comparator.naturalOrder();
    private final PropagationRules rules;

    public Propagator(PropagationRules rules) {
        this.rules = requireNonNull(rules, "rules is null");
    }

    /** One step of a path: a field, and the edge kind that led into it (null at the origin). */
    public record Hop(FieldRef field, String edgeKind) {}

    /** A type carried to {@code hops}' last field from its first, with the origin's evidence. */
    public record Result(String type, Double confidence, String detectorVersion, List<Hop> hops) {
        public Result {
            hops = List.copyOf(hops);
        }

        public FieldRef target() {
            return hops.get(hops.size() - 1).field();
        }
    }

    private record Reached(FieldRef field, String type, Classification origin, List<Hop> hops) {}

    public List<Result> propagate(Map<FieldRef, List<Classification>> direct, List<LineageEdge> edges) {
        Map<FieldRef, List<LineageEdge>> downstream = new HashMap<>();
        for (LineageEdge edge : edges) {
            downstream.computeIfAbsent(edge.input(), k -> new ArrayList<>()).add(edge);
        }
        downstream.values().forEach(list -> list.sort(Comparator.comparing(LineageEdge::output, FIELD_ORDER)
                .thenComparing(e -> kind(e.type(), e.subtype()))));

        Set<String> visited = new HashSet<>();
        List<FieldRef> fields = new ArrayList<>(direct.keySet());
        fields.sort(FIELD_ORDER);
        for (FieldRef field : fields) {
            for (Classification c : direct.get(field)) {
                // Decided or detected here: propagation never writes over it. A type found at ingest
                // from the name alone is not: value evidence carried from upstream is better.
                if (c.source() != ClassificationSource.INGEST) {
                    visited.add(key(field, c.type()));
                }
            }
        }
        List<Result> results = new ArrayList<>();
        // Evidence from values and stewards walks first, so it reaches what it can before the names'.
        for (boolean fromIngest : new boolean[] {false, true}) {
            ArrayDeque<Reached> queue = new ArrayDeque<>();
            for (FieldRef field : fields) {
                List<Classification> own = new ArrayList<>(direct.get(field));
                own.sort(Comparator.comparing(Classification::type));
                for (Classification c : own) {
                    if (c.decision() != Decision.REJECTED && (c.source() == ClassificationSource.INGEST) == fromIngest) {
                        if (fromIngest) {
                            visited.add(key(field, c.type()));
                        }
                        queue.add(new Reached(field, c.type(), c, List.of(new Hop(field, null))));
                    }
                }
            }
            walk(queue, downstream, visited, results);
        }
        return results;
    }

    private void walk(ArrayDeque<Reached> queue, Map<FieldRef, List<LineageEdge>> downstream, Set<String> visited,
            List<Result> results) {
        while (!queue.isEmpty()) {
            Reached from = queue.poll();
            for (LineageEdge edge : downstream.getOrDefault(from.field(), List.of())) {
                if (!rules.carries(from.type(), edge.type(), edge.subtype())
                        || !visited.add(key(edge.output(), from.type()))) {
                    continue;
                }
                List<Hop> hops = new ArrayList<>(from.hops());
                hops.add(new Hop(edge.output(), kind(edge.type(), edge.subtype())));
                Reached next = new Reached(edge.output(), from.type(), from.origin(), hops);
                results.add(new Result(from.type(), from.origin().confidence(), from.origin().detectorVersion(), hops));
                queue.add(next);
            }
        }
    }

    /** An edge's kind as paths show it: {@code TYPE/SUBTYPE}, {@code UNKNOWN} for a part the producer left out. */
    static String kind(String type, String subtype) {
        return (type == null || type.isBlank() ? "UNKNOWN" : type.strip().toUpperCase(java.util.Locale.ROOT)) + "/"
                + (subtype == null || subtype.isBlank() ? "UNKNOWN" : subtype.strip().toUpperCase(java.util.Locale.ROOT));
    }

    private static String key(FieldRef field, String type) {
        return field.namespace() + "\u0000" + field.dataset() + "\u0000" + field.field() + "\u0000" + type;
    }
}
