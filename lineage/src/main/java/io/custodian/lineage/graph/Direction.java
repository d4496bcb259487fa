package io.custodian.lineage.graph;

import java.util.Locale;
import java.util.Optional;

/** Which way a traversal follows lineage from its start: towards sources, towards consumers, or both. */
public enum Direction {
    /** Towards what the start is computed from. */
    UPSTREAM,
    /** Towards what is computed from the start. */
    DOWNSTREAM,
    /** Upstream and downstream of the start (not the undirected component: siblings are not pulled in). */
    BOTH;

    /** The direction named {@code name} (any case), or empty when there is none of that name. */
    public static Optional<Direction> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "upstream" -> Optional.of(UPSTREAM);
            case "downstream" -> Optional.of(DOWNSTREAM);
            case "both" -> Optional.of(BOTH);
            default -> Optional.empty();
        };
    }

    boolean upstream() {
        return this != DOWNSTREAM;
    }

    boolean downstream() {
        return this != UPSTREAM;
    }
}
