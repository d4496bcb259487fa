package io.custodian.erasure.plan;

import io.custodian.catalog.classification.LineageEdge;
import io.custodian.catalog.field.FieldRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the subject's identifier fields flow, downstream through column lineage, told apart by
 * what the flow keeps: a DIRECT edge that is not an AGGREGATION carries values that still identify
 * the person (a copy, lower(email)); an AGGREGATION or an INDIRECT edge (a join, a filter, a group
 * by) does not. An edge whose producer did not say counts as carrying: unknown is not safe.
 */
final class LineageReach {
    /** Edges kept per dataset as evidence; a plan is read by people. */
    static final int MAX_EVIDENCE = 20;
    private final Map<FieldRef, List<LineageEdge>> out = new HashMap<>();

    LineageReach(Collection<LineageEdge> edges) {
        edges.forEach(edge -> out.computeIfAbsent(edge.input(), k -> new ArrayList<>()).add(edge));
    }

    /** The datasets reached from the start fields, and how. */
    record Reached(Set<DatasetKey> carrying, Map<DatasetKey, List<LineageEdge>> any) {}

    Reached from(Collection<FieldRef> starts) {
        Set<DatasetKey> carrying = new HashSet<>();
        walk(starts, true, (edge) -> carrying.add(key(edge.output())));
        Map<DatasetKey, List<LineageEdge>> any = new LinkedHashMap<>();
        walk(starts, false, (edge) -> {
            List<LineageEdge> list = any.computeIfAbsent(key(edge.output()), k -> new ArrayList<>());
            if (list.size() < MAX_EVIDENCE) {
                list.add(edge);
            }
        });
        return new Reached(carrying, any);
    }

    static boolean carries(LineageEdge edge) {
        if (edge.type() == null) {
            return true;
        }
        return "DIRECT".equalsIgnoreCase(edge.type()) && !"AGGREGATION".equalsIgnoreCase(edge.subtype());
    }

    private void walk(Collection<FieldRef> starts, boolean carryingOnly, java.util.function.Consumer<LineageEdge> seen) {
        Set<FieldRef> visited = new HashSet<>(starts);
        Deque<FieldRef> queue = new ArrayDeque<>(starts);
        while (!queue.isEmpty()) {
            FieldRef field = queue.poll();
            for (LineageEdge edge : out.getOrDefault(field, List.of())) {
                if (carryingOnly && !carries(edge)) {
                    continue;
                }
                seen.accept(edge);
                if (visited.add(edge.output())) {
                    queue.add(edge.output());
                }
            }
        }
    }

    static DatasetKey key(FieldRef field) {
        return new DatasetKey(field.namespace(), field.dataset());
    }
}
