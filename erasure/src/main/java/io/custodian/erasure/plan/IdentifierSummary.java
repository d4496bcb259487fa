package io.custodian.erasure.plan;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One identifier type of the subject as the plan shows it: keyed hashes of its values, and where
 * they came from ({@code request}, or the dataset and column they were resolved from).
 */
public record IdentifierSummary(String type, List<String> hashes, List<String> from) {
    public IdentifierSummary {
        requireNonNull(type, "type is null");
        hashes = List.copyOf(hashes);
        from = List.copyOf(from);
    }
}
