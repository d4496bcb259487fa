package io.custodian.catalog.sql;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.classification.Classification;
import io.custodian.catalog.classification.Classifications;
import io.custodian.lineage.sql.TableMatch;
import io.custodian.lineage.sql.TableName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Tables as a query gateway names them, found among the catalog's datasets of one namespace by the
 * lineage module's rule ({@link TableMatch}), with each column's declared type and the
 * classifications in force on it (a steward's rejection hides a type). One call reads everything
 * in one transaction, so a gateway's answer comes from one state of the catalog.
 */
public final class CatalogTables {
    private final Jdbi jdbi;

    public CatalogTables(Jdbi jdbi) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    /** A column of a dataset's current schema. */
    public record CatalogColumn(String name, String type, List<String> classifications) {
        public CatalogColumn {
            requireNonNull(name, "name is null");
            classifications = List.copyOf(classifications);
        }

        public boolean isClassified() {
            return !classifications.isEmpty();
        }
    }

    /** A dataset as a table: its namespace and catalog name, and its current columns in order. */
    public record CatalogTable(String namespace, String name, List<CatalogColumn> columns) {
        public CatalogTable {
            requireNonNull(namespace, "namespace is null");
            requireNonNull(name, "name is null");
            columns = List.copyOf(columns);
        }

        public TableName tableName() {
            return TableName.parse(name);
        }

        /** The column of this name, ignoring case; empty when the schema has none. */
        public Optional<CatalogColumn> column(String column) {
            return columns.stream().filter(c -> c.name().equalsIgnoreCase(column)).findFirst();
        }
    }

    /**
     * What a name found: the dataset (with no columns when it has no schema yet), or nothing, and
     * when several datasets could be meant, their names.
     */
    public record Resolution(TableName name, Optional<CatalogTable> table, List<TableName> ambiguous) {
        public Resolution {
            requireNonNull(name, "name is null");
            requireNonNull(table, "table is null");
            ambiguous = List.copyOf(ambiguous);
        }
    }

    /**
     * Resolves each name in {@code namespace}; the result has one entry per distinct name (by
     * {@link TableName#key()}), in the order given. Callers bound how many names they pass.
     */
    public Map<String, Resolution> resolve(String namespace, Collection<TableName> names) {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(names, "names is null");
        return jdbi.inTransaction(handle -> {
            Map<String, TableMatch.Result<DatasetCandidates.Candidate>> matches = new LinkedHashMap<>();
            for (TableName name : names) {
                matches.computeIfAbsent(name.key(), k -> DatasetCandidates.find(handle, namespace, name));
            }
            List<UUID> datasetIds = matches.values().stream()
                    .flatMap(m -> m.match().stream()).map(DatasetCandidates.Candidate::id).distinct().toList();
            Map<UUID, List<Classification>> classifications =
                    Classifications.forDatasets(handle, datasetIds, false);
            Map<String, Resolution> out = new LinkedHashMap<>();
            for (TableName name : names) {
                if (out.containsKey(name.key())) {
                    continue;
                }
                TableMatch.Result<DatasetCandidates.Candidate> match = matches.get(name.key());
                Optional<CatalogTable> table = match.match().map(c -> new CatalogTable(namespace, c.name(),
                        columns(handle, c, classifications.getOrDefault(c.id(), List.of()))));
                out.put(name.key(), new Resolution(name, table,
                        match.ambiguous().stream().map(DatasetCandidates.Candidate::tableName).toList()));
            }
            return out;
        });
    }

    private static List<CatalogColumn> columns(org.jdbi.v3.core.Handle handle, DatasetCandidates.Candidate dataset,
            List<Classification> classifications) {
        if (dataset.currentVersionId() == null) {
            return List.of();
        }
        Map<String, TreeSet<String>> typesByField = new LinkedHashMap<>();
        for (Classification c : classifications) {
            typesByField.computeIfAbsent(c.field(), k -> new TreeSet<>()).add(c.type());
        }
        List<CatalogColumn> columns = new ArrayList<>();
        handle.createQuery("SELECT name, type FROM dataset_field WHERE version_id = :version ORDER BY ordinal")
                .bind("version", dataset.currentVersionId())
                .map((rs, ctx) -> new CatalogColumn(rs.getString(1), rs.getString(2),
                        List.copyOf(typesByField.getOrDefault(rs.getString(1), new TreeSet<>()))))
                .forEach(columns::add);
        return columns;
    }
}
