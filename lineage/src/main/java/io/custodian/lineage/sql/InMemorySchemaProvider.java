package io.custodian.lineage.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link SchemaProvider} over a fixed map of tables. Names match ignoring case; a name with
 * fewer parts than a known table matches it when it is the table's unique suffix, so
 * {@code orders} finds {@code shop.public.orders} when no other known table is called
 * {@code orders}; and a table known by a shorter name ({@code public.orders}) matches a longer
 * one ({@code shop.public.orders}) the same way.
 */
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
        for (TableSchema table : tables) {
            if (table.name().sameAs(name)) {
                return Optional.of(table);
            }
        }
        Optional<TableSchema> longer = unique(name, true);
        return longer.isPresent() ? longer : unique(name, false);
    }

    /** The one table whose name ends with {@code name} (or, reversed, that {@code name} ends with). */
    private Optional<TableSchema> unique(TableName name, boolean nameIsSuffix) {
        TableSchema found = null;
        for (TableSchema table : tables) {
            boolean match = nameIsSuffix ? name.isSuffixOf(table.name()) : table.name().isSuffixOf(name);
            if (match) {
                if (found != null) {
                    return Optional.empty(); // ambiguous: never guess between two tables
                }
                found = table;
            }
        }
        return Optional.ofNullable(found);
    }
}
