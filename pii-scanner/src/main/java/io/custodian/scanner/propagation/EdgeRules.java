package io.custodian.scanner.propagation;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Propagation rules as sets of edge kinds ({@code TYPE/SUBTYPE}, such as {@code DIRECT/IDENTITY};
 * {@code UNKNOWN/UNKNOWN} for edges that do not say): one set for every classification, and sets
 * that replace it for chosen classifications. The policies module's rules take this one's place
 * once they are wired in; both answer {@link PropagationRules#carries}.
 *
 * @param carried the edge kinds every classification travels along
 * @param perClassification edge kinds for one classification, replacing {@code carried} for it
 */
public record EdgeRules(Set<String> carried, Map<String, Set<String>> perClassification) implements PropagationRules {
    public EdgeRules {
        carried = Set.copyOf(carried.stream().map(EdgeRules::normalize).toList());
        Map<String, Set<String>> copy = new java.util.HashMap<>();
        requireNonNull(perClassification, "perClassification is null").forEach((type, kinds) ->
                copy.put(type, Set.copyOf(kinds.stream().map(EdgeRules::normalize).toList())));
        perClassification = Map.copyOf(copy);
    }

    /**
     * An identity copy or a transformation of a value still holds it (a lower-cased email is an
     * email); an aggregate (a count, a sum) and indirect dependencies (joins, filters) do not. Edges
     * that do not say what they are carry classifications: for personal data, a missed column costs
     * more than a flag a steward removes.
     */
    public static EdgeRules defaults() {
        return new EdgeRules(Set.of("DIRECT/IDENTITY", "DIRECT/TRANSFORMATION", "UNKNOWN/UNKNOWN"), Map.of());
    }

    @Override
    public boolean carries(String classification, String edgeType, String edgeSubtype) {
        return perClassification.getOrDefault(classification, carried).contains(kind(edgeType, edgeSubtype));
    }

    static String kind(String type, String subtype) {
        return normalize((type == null || type.isBlank() ? "UNKNOWN" : type) + "/"
                + (subtype == null || subtype.isBlank() ? "UNKNOWN" : subtype));
    }

    private static String normalize(String kind) {
        return kind.strip().toUpperCase(Locale.ROOT);
    }
}
