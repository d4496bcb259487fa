package io.custodian.atlas;

import java.util.Locale;
import java.util.Optional;

/**
 * The Atlas entity types a Custodian namespace maps to: a table type, its column type, and the
 * column attribute holding the declared data type.
 */
public enum AtlasModel {
    /** Atlas's Hive model, filled by the Hive hook: {@code db.table@cluster}, {@code db.table.column@cluster}. */
    HIVE("hive_table", "hive_column", "type"),
    /** Atlas's Trino model (2.4): {@code catalog.schema.table@instance}. */
    TRINO("trino_table", "trino_column", "data_type"),
    /** Atlas's RDBMS model, for PostgreSQL, MySQL and the like. */
    RDBMS("rdbms_table", "rdbms_column", "data_type");

    private final String tableType;
    private final String columnType;
    private final String dataTypeAttribute;

    AtlasModel(String tableType, String columnType, String dataTypeAttribute) {
        this.tableType = tableType;
        this.columnType = columnType;
        this.dataTypeAttribute = dataTypeAttribute;
    }

    public String tableType() {
        return tableType;
    }

    public String columnType() {
        return columnType;
    }

    /** The column attribute that holds the column's declared type. */
    public String dataTypeAttribute() {
        return dataTypeAttribute;
    }

    /** The model of a name as configuration writes it ({@code hive}, {@code trino}, {@code rdbms}). */
    public static Optional<AtlasModel> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
