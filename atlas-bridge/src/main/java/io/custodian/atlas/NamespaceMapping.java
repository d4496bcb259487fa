package io.custodian.atlas;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;

/**
 * How the datasets of one Custodian namespace are named in Atlas: the entity model, and templates
 * for the {@code qualifiedName} of a table ({@code {dataset}}) and of a column ({@code {dataset}}
 * and {@code {field}}). For the Hive hook's names: {@code {dataset}@prod} and
 * {@code {dataset}.{field}@prod}, in lower case.
 *
 * @param lowerCase whether qualified names are lower case (Hive's are, whatever the SQL said)
 */
public record NamespaceMapping(String namespace, AtlasModel model, String tableName, String columnName,
        boolean lowerCase) {
    public static final String DATASET = "{dataset}";
    public static final String FIELD = "{field}";

    public NamespaceMapping {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(model, "model is null");
        requireNonNull(tableName, "tableName is null");
        requireNonNull(columnName, "columnName is null");
        if (namespace.isBlank()) {
            throw new IllegalArgumentException("an Atlas namespace mapping names a namespace");
        }
        if (occurrences(tableName, DATASET) != 1 || tableName.contains(FIELD)) {
            throw new IllegalArgumentException("the table name template of " + namespace + " holds "
                    + DATASET + " once and no " + FIELD + ", such as {dataset}@prod");
        }
        if (occurrences(columnName, DATASET) != 1 || occurrences(columnName, FIELD) != 1) {
            throw new IllegalArgumentException("the column name template of " + namespace + " holds "
                    + DATASET + " and " + FIELD + " once each, such as {dataset}.{field}@prod");
        }
    }

    /** The qualified name of the dataset's table in Atlas. */
    public String tableQualifiedName(String dataset) {
        return fold(tableName.replace(DATASET, dataset));
    }

    /** The qualified name of the field's column in Atlas. */
    public String columnQualifiedName(String dataset, String field) {
        // {field} first: a dataset name holding "{field}" must stay as it is.
        int f = columnName.indexOf(FIELD);
        int d = columnName.indexOf(DATASET);
        String name = d < f
                ? columnName.substring(0, d) + dataset + columnName.substring(d + DATASET.length(), f) + field
                        + columnName.substring(f + FIELD.length())
                : columnName.substring(0, f) + field + columnName.substring(f + FIELD.length(), d) + dataset
                        + columnName.substring(d + DATASET.length());
        return fold(name);
    }

    /** The dataset whose table has this qualified name under the template; empty when it does not fit. */
    public Optional<String> datasetOf(String tableQualifiedName) {
        if (tableQualifiedName == null) {
            return Optional.empty();
        }
        int at = tableName.indexOf(DATASET);
        String prefix = fold(tableName.substring(0, at));
        String suffix = fold(tableName.substring(at + DATASET.length()));
        if (tableQualifiedName.length() <= prefix.length() + suffix.length()
                || !tableQualifiedName.startsWith(prefix) || !tableQualifiedName.endsWith(suffix)) {
            return Optional.empty();
        }
        return Optional.of(tableQualifiedName.substring(prefix.length(), tableQualifiedName.length() - suffix.length()));
    }

    /** Whether a column's qualified name could be of this namespace: it has the template's fixed start and end. */
    public boolean fitsColumn(String columnQualifiedName) {
        if (columnQualifiedName == null) {
            return false;
        }
        int first = Math.min(columnName.indexOf(DATASET), columnName.indexOf(FIELD));
        int last = Math.max(columnName.lastIndexOf(DATASET) + DATASET.length(), columnName.lastIndexOf(FIELD) + FIELD.length());
        String prefix = fold(columnName.substring(0, first));
        String suffix = fold(columnName.substring(last));
        return columnQualifiedName.length() > prefix.length() + suffix.length()
                && columnQualifiedName.startsWith(prefix) && columnQualifiedName.endsWith(suffix);
    }

    private String fold(String name) {
        return lowerCase ? name.toLowerCase(Locale.ROOT) : name;
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            count++;
        }
        return count;
    }
}
