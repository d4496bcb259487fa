package io.custodian.catalog.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hits of one page, how many matched in all, and the facet counts of everything that matched
 * (not only this page): per dimension ({@code namespace}, {@code platform}, {@code tag},
 * {@code owner}, {@code classification}, {@code type}), the most frequent values first.
 */
public record SearchResult(long totalCount, List<SearchHit> results, Map<String, List<FacetCount>> facets) {
    public SearchResult {
        results = List.copyOf(results);
        // In the order given (the dimensions' fixed order), not Map.copyOf's.
        facets = Collections.unmodifiableMap(new LinkedHashMap<>(facets));
    }

    public static SearchResult empty() {
        return new SearchResult(0, List.of(), Map.of());
    }

    /** One facet value and how many matching documents have it. */
    public record FacetCount(String value, long count) {}
}
