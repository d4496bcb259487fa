package io.custodian.erasure.plan;

import static java.util.Objects.requireNonNull;

/**
 * A column lineage edge behind a decision: data flows from {@code from} to {@code to} by an
 * OpenLineage transformation {@code type}/{@code subtype} (null when the producer did not say).
 * Fields are written {@code namespace/dataset/field}.
 */
public record Evidence(String from, String to, String type, String subtype) {
    public Evidence {
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
    }
}
