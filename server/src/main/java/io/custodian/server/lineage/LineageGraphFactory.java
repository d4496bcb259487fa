package io.custodian.server.lineage;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Bounds of the lineage graph reads ({@code GET /api/v1/lineage}, {@code GET /api/v1/column-lineage}):
 * the depth and node limit a request gets when it names none, and the most it may ask for.
 */
public final class LineageGraphFactory {
    @Min(0)
    @Max(100_000)
    private int defaultDepth = 20;
    @Min(0)
    @Max(100_000)
    private int maxDepth = 1_000;
    @Min(1)
    @Max(1_000_000)
    private int defaultMaxNodes = 1_000;
    @Min(1)
    @Max(1_000_000)
    private int maxNodes = 10_000;

    /** Marquez's default depth. */
    /** How long analysing the SQL of one {@code POST /api/v1/lineage/sql} request may take. */
    @NotNull
    private io.dropwizard.util.Duration sqlTimeLimit = io.dropwizard.util.Duration.seconds(10);

    @JsonProperty
    public io.dropwizard.util.Duration getSqlTimeLimit() {
        return sqlTimeLimit;
    }

    @JsonProperty
    public void setSqlTimeLimit(io.dropwizard.util.Duration sqlTimeLimit) {
        this.sqlTimeLimit = sqlTimeLimit;
    }

    @JsonProperty
    public int getDefaultDepth() {
        return defaultDepth;
    }

    @JsonProperty
    public void setDefaultDepth(int defaultDepth) {
        this.defaultDepth = defaultDepth;
    }

    /** Each level of a traversal is one query, so the depth bounds the queries of a request. */
    @JsonProperty
    public int getMaxDepth() {
        return maxDepth;
    }

    @JsonProperty
    public void setMaxDepth(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    @JsonProperty
    public int getDefaultMaxNodes() {
        return defaultMaxNodes;
    }

    @JsonProperty
    public void setDefaultMaxNodes(int defaultMaxNodes) {
        this.defaultMaxNodes = defaultMaxNodes;
    }

    /** The node limit bounds the response size and the memory a request holds. */
    @JsonProperty
    public int getMaxNodes() {
        return maxNodes;
    }

    @JsonProperty
    public void setMaxNodes(int maxNodes) {
        this.maxNodes = maxNodes;
    }

    @AssertTrue(message = "defaultDepth must not exceed maxDepth, nor defaultMaxNodes maxNodes")
    public boolean isConsistent() {
        return defaultDepth <= maxDepth && defaultMaxNodes <= maxNodes;
    }
}
