package io.custodian.catalog.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/**
 * Every catalog row as text, table by table, sorted; columns that record when Custodian received
 * something (not what it was told) are left out. Two stores that hold the same catalog have equal
 * snapshots.
 */
public final class StoreSnapshot {
    private static final List<String> TABLES = List.of(
            "namespace", "source", "dataset", "dataset_version", "dataset_field", "facet", "job", "job_version",
            "job_version_io", "run", "run_io", "column_lineage_origin", "column_lineage_edge", "lineage_event");

    private StoreSnapshot() {}

    public static Map<String, List<String>> of(Jdbi jdbi) {
        Map<String, List<String>> snapshot = new TreeMap<>();
        jdbi.useHandle(handle -> {
            for (String table : TABLES) {
                List<String> rows = new ArrayList<>();
                for (Map<String, Object> row : handle.createQuery("SELECT * FROM " + table).mapToMap().list()) {
                    Map<String, Object> sorted = new TreeMap<>(row);
                    sorted.remove("received_at");
                    sorted.remove("seq");
                    StringBuilder text = new StringBuilder();
                    sorted.forEach((k, v) -> text.append(k).append('=').append(normalize(v)).append(' '));
                    rows.add(text.toString());
                }
                rows.sort(null);
                snapshot.put(table, rows);
            }
        });
        return snapshot;
    }

    private static String normalize(Object value) {
        if (value instanceof java.time.OffsetDateTime time) {
            return time.toInstant().toString();
        }
        if (value instanceof java.sql.Timestamp time) {
            return time.toInstant().toString();
        }
        if (value instanceof java.sql.Clob clob) {
            try {
                return clob.getSubString(1, (int) clob.length());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.valueOf(value).strip();
    }
}
