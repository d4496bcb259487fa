package io.custodian.masking.decision;

import java.util.List;

/**
 * A gateway's question, as it sends it: who reads, in which dialect, which tables of which
 * namespace (unqualified names complete with {@code defaultDatabase} and {@code defaultSchema}, as
 * the lineage module qualifies them), with their columns and declared types. Everything in it is
 * checked by {@link GatewayDecisions} before use; lists may be null where empty is meant.
 */
public record DecisionRequest(String principal, List<String> roles, List<String> groups, String dialect,
        String namespace, String defaultDatabase, String defaultSchema, List<TableRequest> tables) {

    /** A table the gateway reads: its name as the query wrote it (dotted), and its columns. */
    public record TableRequest(String name, List<ColumnRequest> columns) {}

    /** A column with its declared type. */
    public record ColumnRequest(String name, String type) {}
}
