package io.custodian.scanner.policy;

import static java.util.Objects.requireNonNull;

import io.custodian.scanner.propagation.PropagationRules;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which column-lineage edges carry a classification downstream. An edge is named by its OpenLineage
 * transformation type and subtype ({@code DIRECT/IDENTITY}, {@code DIRECT/AGGREGATION},
 * {@code INDIRECT/JOIN}...). Rules for one classification come first, then the defaults; within
 * each, the most specific rule wins: {@code TYPE/SUBTYPE}, then {@code TYPE/*}, then
 * {@code * /SUBTYPE}, then {@code * /*}. An edge no rule names carries nothing.
 */
public final class PropagationPolicy implements PropagationRules {
    /** The wildcard that matches any edge type or subtype, including a missing one. */
    public static final String ANY = "*";

    private final Map<EdgeKind, Boolean> defaults;
    private final Map<String, Map<EdgeKind, Boolean>> byClassification;

    public PropagationPolicy(Map<EdgeKind, Boolean> defaults, Map<String, Map<EdgeKind, Boolean>> byClassification) {
        this.defaults = Map.copyOf(requireNonNull(defaults, "defaults is null"));
        Map<String, Map<EdgeKind, Boolean>> copy = new LinkedHashMap<>();
        requireNonNull(byClassification, "byClassification is null")
                .forEach((type, rules) -> copy.put(type, Map.copyOf(rules)));
        this.byClassification = Map.copyOf(copy);
    }

    /**
     * Whether an edge of this kind carries the classification from its source column to its target.
     *
     * @param classification a canonical type name such as {@code EMAIL_ADDRESS}
     * @param edgeType the edge's transformation type ({@code DIRECT}, {@code INDIRECT}), or null if unknown
     * @param edgeSubtype the edge's subtype ({@code IDENTITY}, {@code AGGREGATION}...), or null if unknown
     */
    @Override
    public boolean carries(String classification, String edgeType, String edgeSubtype) {
        requireNonNull(classification, "classification is null");
        Map<EdgeKind, Boolean> specific = byClassification.get(classification);
        if (specific != null) {
            Boolean decided = lookup(specific, edgeType, edgeSubtype);
            if (decided != null) {
                return decided;
            }
        }
        Boolean decided = lookup(defaults, edgeType, edgeSubtype);
        return decided != null && decided;
    }

    public Map<EdgeKind, Boolean> defaults() {
        return defaults;
    }

    public Map<String, Map<EdgeKind, Boolean>> byClassification() {
        return byClassification;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PropagationPolicy that && defaults.equals(that.defaults)
                && byClassification.equals(that.byClassification);
    }

    @Override
    public int hashCode() {
        return defaults.hashCode() * 31 + byClassification.hashCode();
    }

    private static Boolean lookup(Map<EdgeKind, Boolean> rules, String edgeType, String edgeSubtype) {
        String type = normalize(edgeType);
        String subtype = normalize(edgeSubtype);
        for (EdgeKind kind : new EdgeKind[] {
                new EdgeKind(type, subtype), new EdgeKind(type, ANY), new EdgeKind(ANY, subtype), new EdgeKind(ANY, ANY)}) {
            Boolean decided = rules.get(kind);
            if (decided != null) {
                return decided;
            }
        }
        return null;
    }

    private static String normalize(String part) {
        // A missing part only matches a wildcard rule; "*" never comes from an edge.
        return part == null || part.isBlank() ? "\u0000" : part.trim().toUpperCase(Locale.ROOT);
    }

    /**
     * One kind of lineage edge, as a rule names it; either part may be {@link #ANY}.
     *
     * @param type the transformation type, upper case, or {@code *}
     * @param subtype the transformation subtype, upper case, or {@code *}
     */
    public record EdgeKind(String type, String subtype) {
        public EdgeKind {
            requireNonNull(type, "type is null");
            requireNonNull(subtype, "subtype is null");
        }

        /** Parses {@code TYPE/SUBTYPE}; throws IllegalArgumentException with what is wrong. */
        public static EdgeKind parse(String text) {
            String[] parts = text.split("/", -1);
            if (parts.length != 2 || !isPart(parts[0]) || !isPart(parts[1])) {
                throw new IllegalArgumentException("an edge kind is TYPE/SUBTYPE (letters, underscores or *),"
                        + " such as DIRECT/IDENTITY or INDIRECT/*, not '" + text + "'");
            }
            return new EdgeKind(parts[0].toUpperCase(Locale.ROOT), parts[1].toUpperCase(Locale.ROOT));
        }

        private static boolean isPart(String part) {
            return part.equals(ANY) || part.matches("[A-Za-z_]{1,40}");
        }

        @Override
        public String toString() {
            return type + "/" + subtype;
        }
    }
}
