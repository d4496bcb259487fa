package io.custodian.catalog.search;

import java.time.Instant;
import java.util.List;

/**
 * One search result, in Marquez's search response shape, plus the score and what matched.
 *
 * @param highlights the fields that matched the query's words, e.g. the column {@code customer_email}
 *     for the word {@code email}
 */
public record SearchHit(String type, String name, String namespace, String nodeId, Instant updatedAt, float score,
        List<Highlight> highlights) {
    public SearchHit {
        highlights = List.copyOf(highlights);
    }

    /** One field of a hit that matched: which field, its value, and the word it matched. */
    public record Highlight(String field, String value, String matched) {}
}
