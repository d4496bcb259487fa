package io.custodian.masking.policy;

import static java.util.Objects.requireNonNull;

import io.custodian.lineage.sql.TableName;
import io.custodian.masking.strategy.MaskingSpec;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A strategy for one dataset, or one column of it, above the classification rules: optionally only
 * in one namespace, for columns of some classifications, or for some principals.
 */
public record MaskingOverride(Optional<String> namespace, String dataset, Optional<String> column,
        Set<String> classifications, PrincipalMatch who, MaskingSpec spec) {
    public MaskingOverride {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(column, "column is null");
        classifications = Set.copyOf(classifications);
        requireNonNull(who, "who is null");
        requireNonNull(spec, "spec is null");
    }

    /** How decisions name it: {@code override:<namespace/>dataset<.column>}. */
    public String label() {
        return "override:" + namespace.map(n -> n + "/").orElse("") + dataset + column.map(c -> "." + c).orElse("");
    }

    /** Whether it applies to this column of this dataset (names compared ignoring case). */
    public boolean targets(String datasetNamespace, String datasetName, String columnName,
            Collection<String> columnClassifications) {
        return targetsDataset(datasetNamespace, datasetName) && targetsColumn(columnName, columnClassifications);
    }

    /**
     * Whether it applies to columns of this dataset: the namespace, when it names one, and the
     * dataset's name ignoring case (as {@link TableName#sameAs} compares names).
     */
    public boolean targetsDataset(String datasetNamespace, String datasetName) {
        return (namespace.isEmpty() || namespace.get().equals(datasetNamespace)) && dataset.equalsIgnoreCase(datasetName);
    }

    /** Whether it applies to this column of a dataset it targets. */
    public boolean targetsColumn(String columnName, Collection<String> columnClassifications) {
        if (column.isPresent() && !column.get().equalsIgnoreCase(columnName)) {
            return false;
        }
        if (classifications.isEmpty() || classifications.contains(MaskingRule.ANY) && !columnClassifications.isEmpty()) {
            return true;
        }
        return columnClassifications.stream().anyMatch(classifications::contains);
    }

    Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        namespace.ifPresent(n -> out.put("namespace", n));
        out.put("dataset", dataset);
        column.ifPresent(c -> out.put("column", c));
        out.put("classifications", new TreeSet<>(classifications).stream().toList());
        out.putAll(who.describe());
        out.putAll(spec.describe());
        return out;
    }
}
