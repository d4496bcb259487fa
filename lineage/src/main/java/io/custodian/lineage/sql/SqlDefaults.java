package io.custodian.lineage.sql;

import java.util.Optional;

/**
 * The database (catalog) and schema that unqualified table names belong to; either may be absent.
 */
public record SqlDefaults(Optional<String> database, Optional<String> schema) {
    public static final SqlDefaults NONE = new SqlDefaults(Optional.empty(), Optional.empty());

    public SqlDefaults {
        database = database.filter(s -> !s.isBlank());
        schema = schema.filter(s -> !s.isBlank());
    }

    public static SqlDefaults of(String database, String schema) {
        return new SqlDefaults(Optional.ofNullable(database), Optional.ofNullable(schema));
    }

    /** The name with the defaults filled in for the parts it leaves out. */
    public TableName qualify(TableName name) {
        var parts = new java.util.ArrayList<String>(name.parts());
        if (parts.size() == 1 && schema.isPresent()) {
            parts.add(0, schema.get());
        }
        if (parts.size() == 2 && database.isPresent()) {
            parts.add(0, database.get());
        }
        return new TableName(parts);
    }
}
