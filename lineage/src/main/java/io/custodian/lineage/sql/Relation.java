package io.custodian.lineage.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a FROM item or a query exposes: named columns, each with the table columns its value comes
 * from. A relation may be open: a table whose schema is unknown (any column name resolves to that
 * table's column of the same name), or a query whose {@code *} over such a table could not be
 * expanded (names it does not list pass through to that table).
 */
final class Relation {
    /** One exposed column and its sources with the subtype of each. */
    record Column(String name, Map<SourceColumn, EdgeSubtype> sources) {
        Column {
            sources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        }
    }

    private final List<Column> columns;
    private final TableName openTable;
    private final List<Relation> openParts;

    Relation(List<Column> columns, TableName openTable, List<Relation> openParts) {
        this.columns = List.copyOf(columns);
        this.openTable = openTable;
        this.openParts = List.copyOf(openParts);
    }

    static Relation of(List<Column> columns) {
        return new Relation(columns, null, List.of());
    }

    /** A table whose columns are unknown. */
    static Relation openTable(TableName table) {
        return new Relation(List.of(), table, List.of());
    }

    List<Column> columns() {
        return columns;
    }

    boolean isOpen() {
        return openTable != null || !openParts.isEmpty();
    }

    List<Relation> openParts() {
        return openParts;
    }

    TableName openTable() {
        return openTable;
    }

    /** Whether the relation certainly has the column (it is listed). */
    boolean lists(String name) {
        return listed(name) != null;
    }

    private Column listed(String name) {
        for (Column c : columns) {
            if (c.name().equalsIgnoreCase(name)) {
                return c;
            }
        }
        return null;
    }

    /**
     * The sources of the named column: a listed column, or the same-named column of the open table;
     * empty when the relation does not have it or cannot tell through which open part it comes.
     *
     * @param stored the name folded to the dialect's case, used for an unknown table's column
     */
    Optional<Map<SourceColumn, EdgeSubtype>> lookup(String name, String stored) {
        Column c = listed(name);
        if (c != null) {
            return Optional.of(c.sources());
        }
        if (openTable != null) {
            return Optional.of(Map.of(new SourceColumn(openTable, stored), EdgeSubtype.IDENTITY));
        }
        if (openParts.size() == 1) {
            return openParts.get(0).lookup(name, stored);
        }
        return Optional.empty();
    }

    /** The same relation with its columns renamed by position (an alias's column list). */
    Relation renamed(List<String> names) {
        if (names.isEmpty()) {
            return this;
        }
        List<Column> renamed = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            String name = i < names.size() ? names.get(i) : columns.get(i).name();
            renamed.add(new Column(name, columns.get(i).sources()));
        }
        for (int i = columns.size(); i < names.size() && !isOpen(); i++) {
            renamed.add(new Column(names.get(i), Map.of()));
        }
        return new Relation(renamed, openTable, openParts);
    }
}
