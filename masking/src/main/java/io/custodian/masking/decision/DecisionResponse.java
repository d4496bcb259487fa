package io.custodian.masking.decision;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** One decision for every column of every table of a request, under one policy version. */
public record DecisionResponse(String policyVersion, String dialect, List<TableDecision> tables) {
    public DecisionResponse {
        requireNonNull(policyVersion, "policyVersion is null");
        requireNonNull(dialect, "dialect is null");
        tables = List.copyOf(tables);
    }

    /** What the catalog knows of a table. */
    public enum TableStatus { KNOWN, UNKNOWN, AMBIGUOUS }

    /**
     * A requested table: its name as sent and as qualified, the dataset it resolved to, and its
     * columns' decisions in the order sent.
     */
    public record TableDecision(String requested, String qualified, Optional<String> dataset, TableStatus status,
            List<String> candidates, List<ColumnDecision> columns) {
        public TableDecision {
            requireNonNull(requested, "requested is null");
            requireNonNull(qualified, "qualified is null");
            requireNonNull(dataset, "dataset is null");
            requireNonNull(status, "status is null");
            candidates = List.copyOf(candidates);
            columns = List.copyOf(columns);
        }
    }
}
