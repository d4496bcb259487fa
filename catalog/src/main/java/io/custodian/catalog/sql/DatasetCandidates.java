package io.custodian.catalog.sql;

import io.custodian.lineage.sql.TableMatch;
import io.custodian.lineage.sql.TableName;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The datasets of a namespace that a table name could mean, and the one {@link TableMatch} picks:
 * one query narrows the namespace to names equal to, ending with, or ended by the name; the rule
 * itself stays in {@code TableMatch}.
 */
final class DatasetCandidates {
    private DatasetCandidates() {}

    /** A dataset a name could mean: its catalog name and current schema version (null before any). */
    record Candidate(UUID id, String name, UUID currentVersionId) {
        TableName tableName() {
            return TableName.parse(name);
        }
    }

    static TableMatch.Result<Candidate> find(Handle handle, String namespace, TableName name) {
        String full = name.key();
        List<Candidate> candidates = handle.createQuery("""
                        SELECT d.id, d.name, d.current_version_id FROM dataset d
                        JOIN namespace n ON n.id = d.namespace_id
                        WHERE n.name = :namespace
                          AND (LOWER(d.name) = :full OR LOWER(d.name) LIKE :suffix ESCAPE '!'
                               OR :full LIKE '%.' || LOWER(d.name))
                        """)
                .bind("namespace", namespace)
                .bind("full", full)
                .bind("suffix", "%." + escapeLike(full))
                .map((rs, ctx) -> new Candidate(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getObject(3, UUID.class)))
                .list();
        return TableMatch.find(name, candidates, Candidate::tableName);
    }

    private static String escapeLike(String value) {
        return value.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
