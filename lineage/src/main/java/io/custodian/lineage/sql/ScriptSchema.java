package io.custodian.lineage.sql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schemas a script sees: the tables and views its earlier statements created, in front of the
 * caller's {@link SchemaProvider}.
 */
final class ScriptSchema implements SchemaProvider {
    private final SchemaProvider base;
    private final Map<String, TableSchema> created = new LinkedHashMap<>();

    ScriptSchema(SchemaProvider base) {
        this.base = base;
    }

    void define(TableName name, List<String> columns) {
        created.put(name.key(), new TableSchema(name, columns));
    }

    @Override
    public Optional<TableSchema> table(TableName name) {
        TableSchema exact = created.get(name.key());
        if (exact != null) {
            return Optional.of(exact);
        }
        if (!created.isEmpty()) {
            Optional<TableSchema> own = new InMemorySchemaProvider(byName()).table(name);
            if (own.isPresent()) {
                return own;
            }
        }
        return base.table(name);
    }

    @Override
    public List<TableName> ambiguous(TableName name) {
        if (created.containsKey(name.key())) {
            return List.of();
        }
        if (!created.isEmpty()) {
            InMemorySchemaProvider own = new InMemorySchemaProvider(byName());
            if (own.table(name).isPresent()) {
                return List.of();
            }
            List<TableName> mine = own.ambiguous(name);
            if (!mine.isEmpty()) {
                return mine;
            }
        }
        return base.ambiguous(name);
    }

    private Map<TableName, List<String>> byName() {
        Map<TableName, List<String>> map = new LinkedHashMap<>();
        created.values().forEach(t -> map.put(t.name(), t.columns()));
        return map;
    }
}
