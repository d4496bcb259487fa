package io.custodian.masking;

import io.custodian.sources.dialect.SqlDialect;
import io.custodian.sources.dialect.SqlDialects;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SQL dialects a gateway may ask masking decisions and rewrites in: how the dialect quotes
 * names and spells statements ({@link #sql()}, from the sources module) and how its queries are
 * parsed ({@link #parser()}, the lineage module's Calcite configuration for it). H2 is parsed as
 * ANSI SQL, whose quoting and upper-case folding it shares. H2's masking SQL holds in its own mode and
 * in its PostgreSQL compatibility mode, where REGEXP_REPLACE replaces only the first match unless
 * told otherwise and spells back-references differently: it asks the database which it does, and
 * uses no back-references.
 */
public enum MaskingDialect {
    POSTGRESQL(SqlDialects.POSTGRESQL, io.custodian.lineage.sql.dialect.SqlDialect.POSTGRES,
            List.of("postgresql", "postgres", "pg")),
    TRINO(SqlDialects.TRINO, io.custodian.lineage.sql.dialect.SqlDialect.TRINO, List.of("trino", "presto")),
    SPARK(SqlDialects.SPARK, io.custodian.lineage.sql.dialect.SqlDialect.SPARK,
            List.of("spark", "sparksql", "databricks")),
    SNOWFLAKE(SqlDialects.SNOWFLAKE, io.custodian.lineage.sql.dialect.SqlDialect.SNOWFLAKE, List.of("snowflake")),
    H2(SqlDialects.H2, io.custodian.lineage.sql.dialect.SqlDialect.ANSI, List.of("h2"));

    private final SqlDialect sql;
    private final io.custodian.lineage.sql.dialect.SqlDialect parser;
    private final List<String> names;

    MaskingDialect(SqlDialect sql, io.custodian.lineage.sql.dialect.SqlDialect parser, List<String> names) {
        this.sql = sql;
        this.parser = parser;
        this.names = names;
    }

    /** The dialect of a name a caller sends, case ignored; empty for any other name. */
    public static Optional<MaskingDialect> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(d -> d.names.contains(wanted)).findFirst();
    }

    /** The preferred name of each dialect, for error messages and documentation. */
    public static List<String> knownNames() {
        return Arrays.stream(values()).map(MaskingDialect::displayName).toList();
    }

    /** Quoting and statements in this dialect. */
    public SqlDialect sql() {
        return sql;
    }

    /** How queries in this dialect are parsed. */
    public io.custodian.lineage.sql.dialect.SqlDialect parser() {
        return parser;
    }

    /** The preferred name, e.g. {@code postgresql}. */
    public String displayName() {
        return names.get(0);
    }
}
