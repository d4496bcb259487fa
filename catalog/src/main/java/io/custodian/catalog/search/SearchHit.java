package io.custodian.catalog.search;

import java.time.Instant;

/** One search result, in Marquez's search response shape plus the score. */
public record SearchHit(String type, String name, String namespace, String nodeId, Instant updatedAt, float score) {}
