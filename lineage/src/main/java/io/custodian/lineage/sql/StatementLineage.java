package io.custodian.lineage.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The lineage of one statement of a script.
 *
 * @param index 0-based position of the statement in the script
 * @param line 1-based line where the statement starts
 * @param kind what the statement does
 * @param target the table it writes, if any
 * @param columns every output column with its DIRECT sources
 * @param indirect columns that shape the output without flowing into it (joins, filters, grouping,
 *     sorting, windows, CASE conditions), for the statement as a whole as OpenLineage's facet
 *     reports them
 * @param warnings what could not be resolved (an unknown schema behind {@code *}, an ambiguous
 *     column), reported instead of guessed
 * @param error why the statement failed or was skipped, when {@code kind} is {@link StatementKind#FAILED}
 *     or {@link StatementKind#SKIPPED}
 */
public record StatementLineage(
        int index,
        int line,
        StatementKind kind,
        Optional<TableName> target,
        List<ColumnLineage> columns,
        List<LineageEdge> indirect,
        List<String> warnings,
        Optional<LineageError> error) {
    public StatementLineage {
        requireNonNull(kind, "kind is null");
        requireNonNull(target, "target is null");
        columns = List.copyOf(columns);
        indirect = List.copyOf(indirect);
        warnings = List.copyOf(warnings);
        requireNonNull(error, "error is null");
    }

    static StatementLineage failed(int index, int line, LineageError error) {
        return new StatementLineage(index, line, StatementKind.FAILED, Optional.empty(), List.of(), List.of(),
                List.of(), Optional.of(error));
    }

    static StatementLineage skipped(int index, int line, LineageError reason) {
        return new StatementLineage(index, line, StatementKind.SKIPPED, Optional.empty(), List.of(), List.of(),
                List.of(), Optional.of(reason));
    }
}
