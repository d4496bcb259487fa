package io.custodian.lineage.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link SchemaProvider} over a fixed map of tables, matched by {@link TableMatch}'s rule. */
public final class InMemorySchemaProvider implements SchemaProvider {
    private final List<TableSchema> tables;

    public InMemorySchemaProvider(Map<TableName, List<String>> tables) {
        requireNonNull(tables, "tables is null");
        List<TableSchema> list = new ArrayList<>();
        tables.forEach((name, columns) -> list.add(new TableSchema(name, columns)));
        this.tables = List.copyOf(list);
    }

    /** From dotted names such as {@code "shop.public.orders"} to ordered column names. */
    public static InMemorySchemaProvider ofDotted(Map<String, List<String>> tables) {
        Map<TableName, List<String>> byName = new LinkedHashMap<>();
        tables.forEach((name, columns) -> byName.put(TableName.parse(name), columns));
        return new InMemorySchemaProvider(byName);
    }

    @Override
    public Optional<TableSchema> table(TableName name) {
        return TableMatch.find(name, tables, TableSchema::name).match();
    }

    @Override
    public List<TableName> ambiguous(TableName name) {
        return TableMatch.find(name, tables, TableSchema::name).ambiguous().stream().map(TableSchema::name).toList();
    }
}
