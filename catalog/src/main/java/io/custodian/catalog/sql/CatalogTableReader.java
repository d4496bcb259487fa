package io.custodian.catalog.sql;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.classification.Classification;
import io.custodian.catalog.classification.Classifications;
import io.custodian.catalog.sql.CatalogTables.CatalogColumn;
import io.custodian.catalog.sql.CatalogTables.CatalogTable;
import io.custodian.catalog.sql.CatalogTables.Resolution;
import io.custodian.lineage.sql.TableMatch;
import io.custodian.lineage.sql.TableName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads resolutions from the catalog in one transaction: the candidates of each name, then the
 * classifications and the current fields of all chosen datasets at once (one query each, whatever
 * the number of names).
 */
final class CatalogTableReader implements TableReader {
    private static final String FIELDS = """
            SELECT version_id, name, type FROM dataset_field WHERE version_id IN (<versions>)
            ORDER BY version_id, ordinal
            """;

    private final Jdbi jdbi;

    CatalogTableReader(Jdbi jdbi) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    private record Field(String name, String type) {}

    @Override
    public Map<String, Resolution> read(String namespace, Collection<TableName> names) {
        return jdbi.inTransaction(handle -> {
            Map<String, TableMatch.Result<DatasetCandidates.Candidate>> matches = new LinkedHashMap<>();
            for (TableName name : names) {
                matches.computeIfAbsent(name.key(), k -> DatasetCandidates.find(handle, namespace, name));
            }
            List<DatasetCandidates.Candidate> chosen = matches.values().stream()
                    .flatMap(m -> m.match().stream()).distinct().toList();
            Map<UUID, List<Classification>> classifications = Classifications.forDatasets(handle,
                    chosen.stream().map(DatasetCandidates.Candidate::id).toList(), false);
            Map<UUID, List<Field>> fields = currentFields(handle, chosen);
            // a dataset two names resolve to is built once
            Map<UUID, CatalogTable> tables = new HashMap<>();
            for (DatasetCandidates.Candidate c : chosen) {
                List<Field> current = c.currentVersionId() == null ? List.of() // no schema yet
                        : fields.getOrDefault(c.currentVersionId(), List.of());
                tables.put(c.id(), new CatalogTable(namespace, c.name(), columns(current,
                        classifications.getOrDefault(c.id(), List.of()))));
            }
            Map<String, Resolution> out = new LinkedHashMap<>();
            for (TableName name : names) {
                if (out.containsKey(name.key())) {
                    continue;
                }
                TableMatch.Result<DatasetCandidates.Candidate> match = matches.get(name.key());
                out.put(name.key(), new Resolution(name, match.match().map(c -> tables.get(c.id())),
                        match.ambiguous().stream().map(DatasetCandidates.Candidate::tableName).toList()));
            }
            return out;
        });
    }

    private static Map<UUID, List<Field>> currentFields(Handle handle, List<DatasetCandidates.Candidate> datasets) {
        List<UUID> versions = datasets.stream().map(DatasetCandidates.Candidate::currentVersionId)
                .filter(Objects::nonNull).distinct().toList();
        Map<UUID, List<Field>> fields = new HashMap<>();
        if (versions.isEmpty()) {
            return fields;
        }
        handle.createQuery(FIELDS)
                .bindList("versions", versions)
                .map((rs, ctx) -> Map.entry(rs.getObject(1, UUID.class), new Field(rs.getString(2), rs.getString(3))))
                .forEach(e -> fields.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return fields;
    }

    private static List<CatalogColumn> columns(List<Field> fields, List<Classification> classifications) {
        Map<String, TreeSet<String>> typesByField = new HashMap<>();
        for (Classification c : classifications) {
            typesByField.computeIfAbsent(c.field(), k -> new TreeSet<>()).add(c.type());
        }
        List<CatalogColumn> columns = new ArrayList<>(fields.size());
        for (Field field : fields) {
            TreeSet<String> types = typesByField.get(field.name());
            columns.add(new CatalogColumn(field.name(), field.type(), types == null ? List.of() : List.copyOf(types)));
        }
        return columns;
    }
}
