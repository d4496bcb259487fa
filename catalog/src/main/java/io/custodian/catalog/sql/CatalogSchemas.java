package io.custodian.catalog.sql;

import static java.util.Objects.requireNonNull;

import io.custodian.lineage.sql.SchemaProvider;
import io.custodian.lineage.sql.TableMatch;
import io.custodian.lineage.sql.TableName;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The catalog's datasets of one namespace as SQL tables, a table name finding a dataset by
 * {@link TableMatch}'s rule (the same name, else the one dataset whose name ends with it, else the
 * one whose name it ends with; ambiguous names find none and say which they could mean). Columns
 * are the fields of the dataset's current version. Each lookup takes a connection for its
 * queries only, never for the parse around it (SQL a caller sends may take seconds to analyse);
 * answers are memoized, so one instance serves one request.
 */
final class CatalogSchemas implements SchemaProvider {
    private final Jdbi jdbi;
    private final String namespace;
    private final Map<String, Optional<TableSchema>> memo = new HashMap<>();
    private final Map<String, List<TableName>> ambiguous = new HashMap<>();
    private final Set<String> resolved = new HashSet<>();

    CatalogSchemas(Jdbi jdbi, String namespace) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.namespace = requireNonNull(namespace, "namespace is null");
    }

    @Override
    public Optional<TableSchema> table(TableName name) {
        return memo.computeIfAbsent(name.key(), k -> lookup(name));
    }

    private Optional<TableSchema> lookup(TableName name) {
        return jdbi.withHandle(handle -> lookup(handle, name));
    }

    private Optional<TableSchema> lookup(Handle handle, TableName name) {
        TableMatch.Result<DatasetCandidates.Candidate> match = DatasetCandidates.find(handle, namespace, name);
        ambiguous.put(name.key(), match.ambiguous().stream().map(DatasetCandidates.Candidate::tableName).toList());
        DatasetCandidates.Candidate chosen = match.match().orElse(null);
        if (chosen == null || chosen.currentVersionId() == null) {
            return Optional.empty();
        }
        List<String> fields = handle.createQuery(
                        "SELECT name FROM dataset_field WHERE version_id = :version ORDER BY ordinal")
                .bind("version", chosen.currentVersionId())
                .mapTo(String.class)
                .list();
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        TableName dataset = TableName.parse(chosen.name());
        resolved.add(dataset.key());
        return Optional.of(new TableSchema(dataset, fields));
    }

    /** Whether the table name is a dataset this provider resolved (by its catalog name). */
    boolean isDataset(TableName name) {
        return resolved.contains(name.key());
    }

    @Override
    public List<TableName> ambiguous(TableName name) {
        table(name);
        return ambiguous.getOrDefault(name.key(), List.of());
    }
}
