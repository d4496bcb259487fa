package io.custodian.erasure.execute;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subject's rows an access request found, per dataset: personal data. The caller encrypts
 * and stores it; {@link #toString()} shows datasets and counts only.
 *
 * @param missing datasets whose rows could not be read, each with why (no personal data)
 */
public record ExportDocument(List<ExportedDataset> datasets, List<String> missing) {
    public ExportDocument {
        datasets = List.copyOf(datasets);
        missing = List.copyOf(missing);
    }

    /** Whether every dataset was read in full. */
    public boolean complete() {
        return missing.isEmpty() && datasets.stream().noneMatch(ExportedDataset::truncated);
    }

    @Override
    public String toString() {
        return "ExportDocument[" + datasets.size() + " dataset(s), " + missing.size() + " missing]";
    }

    /**
     * One dataset's rows of the subject: each row maps a column to text, a number, a boolean or
     * null (binary as base64, times and other types as their text).
     *
     * @param truncated whether the dataset held more of the subject's rows than an export reads
     */
    public record ExportedDataset(String namespace, String name, List<String> columns,
            List<Map<String, Object>> rows, boolean truncated) {
        public ExportedDataset {
            requireNonNull(namespace, "namespace is null");
            requireNonNull(name, "name is null");
            columns = List.copyOf(columns);
            // Values may be null, which Map.copyOf refuses.
            rows = rows.stream().map(row -> Collections.unmodifiableMap(new LinkedHashMap<>(row)))
                    .toList();
        }

        @Override
        public String toString() {
            return "ExportedDataset[" + namespace + "/" + name + ", " + rows.size() + " row(s)"
                    + (truncated ? ", truncated" : "") + "]";
        }
    }
}
