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
    /** Temporary tables, by name: not datasets, so lineage passes through them to their sources. */
    private final Map<String, Relation> temporary = new LinkedHashMap<>();

    ScriptSchema(SchemaProvider base) {
        this.base = base;
    }

    void defineTemporary(TableName name, Relation relation) {
        temporary.put(Scope.key(name.parts().get(name.parts().size() - 1)), relation);
    }

    /** A scope that sees the script's temporary tables, for one statement. */
    Scope statementScope() {
        Scope scope = new Scope(null);
        temporary.forEach(scope::defineCte);
        return scope;
    }

    private final java.util.Set<String> readTemporary = new java.util.HashSet<>();

    boolean isTemporary(String name) {
        return temporary.containsKey(Scope.key(name));
    }

    /** A statement read temporary table {@code name}: its sources went there. */
    void readTemporary(String name) {
        readTemporary.add(Scope.key(name));
    }

    boolean wasRead(TableName name) {
        return readTemporary.contains(Scope.key(name.parts().get(name.parts().size() - 1)));
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
