package io.custodian.erasure.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The order steps run in: a dataset that references another (a declared key) before the one it
 * references, so no foreign key refuses a delete; a dataset computed from another before its
 * upstream, so no job re-derives from a half-erased source mid-request. Ties and cycles fall back
 * to name order, and a cycle is reported.
 */
final class StepOrder {
    private final Map<DatasetKey, Set<DatasetKey>> before = new HashMap<>();

    /** {@code first} runs before {@code then}. */
    void require(DatasetKey first, DatasetKey then) {
        if (!first.equals(then)) {
            before.computeIfAbsent(first, k -> new HashSet<>()).add(then);
        }
    }

    record Ordered(List<DatasetKey> order, List<DatasetKey> inCycles) {}

    Ordered order(Collection<DatasetKey> datasets) {
        Set<DatasetKey> all = new TreeSet<>(datasets);
        Map<DatasetKey, Integer> waitingOn = new HashMap<>();
        all.forEach(d -> waitingOn.put(d, 0));
        for (DatasetKey first : all) {
            for (DatasetKey then : before.getOrDefault(first, Set.of())) {
                if (all.contains(then)) {
                    waitingOn.merge(then, 1, Integer::sum);
                }
            }
        }
        TreeSet<DatasetKey> ready = new TreeSet<>();
        waitingOn.forEach((d, n) -> {
            if (n == 0) {
                ready.add(d);
            }
        });
        List<DatasetKey> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            DatasetKey next = ready.pollFirst();
            order.add(next);
            for (DatasetKey then : before.getOrDefault(next, Set.of())) {
                if (all.contains(then) && waitingOn.merge(then, -1, Integer::sum) == 0) {
                    ready.add(then);
                }
            }
        }
        Set<DatasetKey> placed = new HashSet<>(order);
        List<DatasetKey> inCycles = new ArrayList<>();
        for (DatasetKey d : all) {
            if (!placed.contains(d)) {
                inCycles.add(d);
            }
        }
        order.addAll(inCycles);
        return new Ordered(order, inCycles);
    }
}
