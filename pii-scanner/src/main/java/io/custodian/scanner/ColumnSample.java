package io.custodian.scanner;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What the scanner knows of one column when it classifies it: where it lives, how it is declared,
 * and a sample of its values. The values live in memory for the length of one classification and
 * are never persisted or logged; only counts and verdicts leave the scanner.
 *
 * @param table the table (or file) name, unqualified, as the source spells it
 * @param column the column name, as the source spells it
 * @param dataType the declared SQL type name ({@code varchar}, {@code boolean}...), if known
 * @param description the column's description from the catalog, if any
 * @param values sampled values rendered as text; nulls are dropped by the sampler
 */
public record ColumnSample(
        String table, String column, Optional<String> dataType, Optional<String> description, List<String> values) {
    public ColumnSample {
        requireNonNull(table, "table is null");
        requireNonNull(column, "column is null");
        requireNonNull(dataType, "dataType is null");
        requireNonNull(description, "description is null");
        values = List.copyOf(values);
    }

    @Override
    public String toString() {
        // Never print the values: they may be personal data.
        return "ColumnSample[" + table + "." + column + ", " + values.size() + " values]";
    }
}
