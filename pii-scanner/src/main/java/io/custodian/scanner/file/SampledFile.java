package io.custodian.scanner.file;

import static java.util.Objects.requireNonNull;

import io.custodian.scanner.ColumnSample;
import java.util.List;

/**
 * The columns of a tabular file, each with the values of the rows sampled.
 *
 * @param file the file as named by the caller
 * @param rowsSampled how many data rows were read
 * @param columns one sample per column, in the file's order
 */
public record SampledFile(String file, int rowsSampled, List<ColumnSample> columns) {
    public SampledFile {
        requireNonNull(file, "file is null");
        columns = List.copyOf(columns);
    }
}
