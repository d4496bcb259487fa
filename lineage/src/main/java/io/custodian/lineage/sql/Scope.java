package io.custodian.lineage.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The names visible at one level of a query: its FROM items (by alias), the CTEs defined so far,
 * the select list's aliases once known, and the enclosing level for correlated references.
 */
final class Scope {
    /** One FROM item: the alias it is referred to by, its table (for a base table) and relation. */
    record Entry(String alias, TableName table, TableName writtenName, Relation relation) {
    }

    final Scope parent;
    final List<Entry> entries = new ArrayList<>();
    private final Map<String, Relation> ctes = new HashMap<>();
    /** Columns joined with USING or NATURAL: an unqualified reference means every side's column. */
    final Set<String> mergedColumns = new HashSet<>();
    /** Select-list aliases, visible to GROUP BY, HAVING, ORDER BY and later select items. */
    final Map<String, Relation.Column> selectAliases = new HashMap<>();

    Scope(Scope parent) {
        this.parent = parent;
    }

    void defineCte(String name, Relation relation) {
        ctes.put(name.toLowerCase(Locale.ROOT), relation);
    }

    Relation cte(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            Relation r = s.ctes.get(name.toLowerCase(Locale.ROOT));
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
