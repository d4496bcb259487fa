package io.custodian.erasure.plan;

import static java.util.Objects.requireNonNull;

import io.custodian.erasure.policy.ErasureAction;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a request does to one dataset, and why.
 *
 * @param order the step's place in execution, from 1: tables that reference others before the
 *     tables they reference, downstream copies before their upstreams
 * @param source the configured source serving the dataset; empty when none does (then the step is
 *     MANUAL, UNRESOLVED, RETAIN or NO_ACTION)
 * @param schema the table's schema in the source, when it has one
 * @param table the table's name in the source, when a source serves the dataset
 * @param dialect the source's SQL dialect, when a source serves the dataset
 * @param locators the columns that find the subject's rows (empty for NO_ACTION and UNRESOLVED)
 * @param rewrites for ANONYMIZE: the personal columns and the constants written to them
 * @param columns the dataset's columns, for an ACCESS export of the subject's rows
 * @param basis for RETAIN: the legal basis of the hold
 * @param until for RETAIN: the hold's last day, when it has one
 * @param owners the dataset's owners from the catalog, for steps a person completes
 * @param evidence the lineage edges that brought the dataset into the plan
 * @param estimatedRows the subject's rows found by a COUNT when planning; empty when no source
 *     serves the dataset or the count failed (then {@code warning} says why)
 * @param statements the statements execution runs, for review
 * @param autoApproved whether a rule lets this step run without a privacy officer's approval
 */
public record PlannedStep(
        int order,
        String namespace,
        String dataset,
        ErasureAction action,
        String reason,
        Optional<String> source,
        Optional<String> schema,
        Optional<String> table,
        Optional<String> dialect,
        List<Locator> locators,
        List<ColumnRewrite> rewrites,
        List<String> columns,
        Optional<String> basis,
        Optional<LocalDate> until,
        List<String> owners,
        List<Evidence> evidence,
        OptionalLong estimatedRows,
        Optional<String> warning,
        List<StatementPreview> statements,
        boolean autoApproved) {
    public PlannedStep {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(action, "action is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(source, "source is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(table, "table is null");
        requireNonNull(dialect, "dialect is null");
        locators = List.copyOf(locators);
        rewrites = List.copyOf(rewrites);
        columns = List.copyOf(columns);
        requireNonNull(basis, "basis is null");
        requireNonNull(until, "until is null");
        owners = List.copyOf(owners);
        evidence = List.copyOf(evidence);
        requireNonNull(estimatedRows, "estimatedRows is null");
        requireNonNull(warning, "warning is null");
        statements = List.copyOf(statements);
        if ((action == ErasureAction.DELETE_ROWS || action == ErasureAction.ANONYMIZE)
                && (source.isEmpty() || table.isEmpty() || locators.isEmpty())) {
            throw new IllegalArgumentException(action + " of " + namespace + "/" + dataset
                    + " needs a source, a table and a column that finds the subject");
        }
        if (action == ErasureAction.ANONYMIZE && rewrites.isEmpty()) {
            throw new IllegalArgumentException("ANONYMIZE of " + namespace + "/" + dataset + " rewrites no column");
        }
    }

    /** {@code namespace/dataset}, as the plan names a dataset. */
    public String datasetKey() {
        return namespace + "/" + dataset;
    }
}
