package io.custodian.scanner.detect;

import java.util.Locale;
import java.util.Optional;

/** The broad kind of a declared column type, which rules out some kinds of personal data. */
public enum DataKind {
    BOOLEAN, NUMERIC, DECIMAL, TEMPORAL, YEAR, TEXT, UNKNOWN;

    /** The kind of a declared SQL (or file) type name; unrecognised names are {@link #UNKNOWN}. */
    public static DataKind of(Optional<String> dataType) {
        if (dataType.isEmpty()) {
            return UNKNOWN;
        }
        String t = dataType.get().toLowerCase(Locale.ROOT).trim();
        int paren = t.indexOf('(');
        if (paren > 0) {
            t = t.substring(0, paren).trim();
        }
        return switch (t) {
            case "boolean", "bool", "bit" -> BOOLEAN;
            case "int", "integer", "bigint", "smallint", "tinyint", "int2", "int4", "int8", "long", "short",
                    "serial", "bigserial" -> NUMERIC;
            case "decimal", "numeric", "number", "float", "double", "double precision", "real", "float4",
                    "float8" -> DECIMAL;
            case "year" -> YEAR;
            case "date", "time", "timestamp", "timestamptz", "datetime", "datetime2", "timestamp with time zone",
                    "timestamp without time zone", "interval", "smalldatetime" -> TEMPORAL;
            case "varchar", "char", "character", "character varying", "text", "string", "nvarchar", "nchar",
                    "clob", "citext", "varchar2", "nvarchar2", "mediumtext", "longtext", "tinytext" -> TEXT;
            default -> UNKNOWN;
        };
    }
}
