package io.custodian.catalog.search;

import java.util.List;

/** The hits of one page, and how many matched in all. */
public record SearchResult(long totalCount, List<SearchHit> results) {
    public SearchResult {
        results = List.copyOf(results);
    }
}
