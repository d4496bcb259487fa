package io.custodian.masking.rewrite;

import io.custodian.masking.MaskingDialect;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The functions a rewritten query may not call, and the table functions it may read from, per
 * dialect: the one place these lists live. Denied are functions that read a table by name or run
 * SQL text (their reads never appear as a table reference the rewrite could mask), read files, or
 * reach other databases. A table function in FROM is allowed only when listed, because an unknown
 * one may read anything.
 */
final class FunctionRules {
    /** Denied names by exact (lower-case) name. */
    private final Set<String> denied;
    /** Denied names by prefix, e.g. every {@code dblink*} and {@code lo_*}. */
    private final List<String> deniedPrefixes;
    /** Denied names by infix, e.g. every {@code *_to_xml*}. */
    private final List<String> deniedInfixes;
    private final Set<String> tableFunctions;

    private FunctionRules(Set<String> denied, List<String> deniedPrefixes, List<String> deniedInfixes,
            Set<String> tableFunctions) {
        this.denied = denied;
        this.deniedPrefixes = deniedPrefixes;
        this.deniedInfixes = deniedInfixes;
        this.tableFunctions = tableFunctions;
    }

    private static final FunctionRules POSTGRESQL = new FunctionRules(
            Set.of("query_to_xml", "table_to_xml", "cursor_to_xml", "query_to_xmlschema", "table_to_xmlschema",
                    "query_to_xml_and_xmlschema", "table_to_xml_and_xmlschema", "database_to_xml",
                    "schema_to_xml", "pg_read_file", "pg_read_binary_file", "pg_ls_dir", "pg_stat_file",
                    "pg_file_read", "pg_logdir_ls", "current_setting", "set_config", "pg_sleep",
                    "pg_terminate_backend", "pg_cancel_backend", "pg_reload_conf", "dblink", "txid_current",
                    "pg_advisory_lock", "nextval", "setval", "pg_notify", "pg_get_viewdef", "pg_stat_statements",
                    "ts_stat", "xpath_table", "crosstab", "connectby"),
            List.of("dblink", "lo_", "pg_read", "pg_ls_", "pg_stat_", "pg_file", "pg_log", "postgres_fdw", "crosstab"),
            List.of("_to_xml"),
            Set.of("generate_series", "unnest", "json_each", "json_each_text", "jsonb_each", "jsonb_each_text",
                    "json_array_elements", "json_array_elements_text", "jsonb_array_elements",
                    "jsonb_array_elements_text", "regexp_split_to_table", "string_to_table",
                    "generate_subscripts"));

    private static final FunctionRules TRINO = new FunctionRules(
            Set.of("query", "raw_query", "exclude_columns", "sequence_table"),
            List.of("system."),
            List.of(),
            Set.of("unnest", "sequence"));

    private static final FunctionRules SPARK = new FunctionRules(
            Set.of("reflect", "java_method", "input_file_name", "read_files", "read_kafka", "read_csv",
                    "read_json", "sql"),
            List.of("read_"),
            List.of(),
            Set.of("explode", "explode_outer", "posexplode", "posexplode_outer", "inline", "inline_outer",
                    "unnest", "range"));

    private static final FunctionRules SNOWFLAKE = new FunctionRules(
            Set.of("identifier", "result_scan", "get_ddl", "system$", "infer_schema", "table"),
            List.of("system$", "get_"),
            List.of(),
            Set.of("flatten", "unnest", "generator", "split_to_table"));

    private static final FunctionRules H2 = new FunctionRules(
            Set.of("file_read", "file_write", "link_schema", "csvread", "csvwrite", "table", "table_distinct",
                    "session_id", "cancel_session", "abort_session", "disk_space_used", "memory_used",
                    "h2version"),
            List.of("file_", "csv"),
            List.of(),
            Set.of("unnest", "system_range"));

    static FunctionRules of(MaskingDialect dialect) {
        return switch (dialect) {
            case POSTGRESQL -> POSTGRESQL;
            case TRINO -> TRINO;
            case SPARK -> SPARK;
            case SNOWFLAKE -> SNOWFLAKE;
            case H2 -> H2;
        };
    }

    /**
     * Whether a query may call the function named by these parts (schema-qualified names are
     * judged by every part, so {@code pg_catalog.query_to_xml} is denied like {@code query_to_xml}).
     */
    boolean denies(List<String> nameParts) {
        for (String part : nameParts) {
            String name = part.toLowerCase(Locale.ROOT);
            if (denied.contains(name) || deniedPrefixes.stream().anyMatch(name::startsWith)
                    || deniedInfixes.stream().anyMatch(name::contains)) {
                return true;
            }
        }
        String joined = String.join(".", nameParts).toLowerCase(Locale.ROOT);
        return deniedPrefixes.stream().anyMatch(joined::startsWith);
    }

    /** Whether a query may read rows from this table function (unqualified names only). */
    boolean allowsTableFunction(List<String> nameParts) {
        return nameParts.size() == 1 && tableFunctions.contains(nameParts.get(0).toLowerCase(Locale.ROOT))
                && !denies(nameParts);
    }
}
