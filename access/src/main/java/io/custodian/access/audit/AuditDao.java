package io.custodian.access.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The audit log's rows. There is no update and no delete: the log only grows. */
@RegisterConstructorMapper(AuditEntry.class)
public interface AuditDao {
    String COLUMNS = "SELECT seq, at, actor, actor_kind, actor_id, action, target, outcome, reason, remote_addr,"
            + " detail, prev_hash, entry_hash, hash_version FROM audit_entry";

    @SqlQuery(COLUMNS + " ORDER BY seq DESC FETCH FIRST 1 ROW ONLY")
    Optional<AuditEntry> last();

    /** Held until the transaction ends: one append at a time per store. */
    @SqlQuery("SELECT name FROM store_lock WHERE name = 'audit' FOR UPDATE")
    String takeAppendLock();

    @SqlUpdate("""
        INSERT INTO audit_entry (seq, at, actor, actor_kind, actor_id, action, target, outcome, reason, remote_addr,
                                 detail, prev_hash, entry_hash, hash_version)
        VALUES (:seq, :at, :actor, :actorKind, :actorId, :action, :target, :outcome, :reason, :remoteAddr, :detail,
                :prevHash, :entryHash, :hashVersion)
        """)
    void insert(@BindMethods AuditEntry entry);

    @SqlQuery(COLUMNS + " WHERE seq > :after ORDER BY seq FETCH FIRST :limit ROWS ONLY")
    List<AuditEntry> page(@Bind("after") long after, @Bind("limit") int limit);

    @SqlQuery(COLUMNS + """
         WHERE (CAST(:actor AS VARCHAR(256)) IS NULL OR actor = :actor)
           AND (CAST(:actorKind AS VARCHAR(32)) IS NULL OR actor_kind = :actorKind)
           AND (CAST(:actorId AS VARCHAR(256)) IS NULL OR actor_id = :actorId)
           AND (CAST(:action AS VARCHAR(128)) IS NULL OR action = :action)
           AND at >= :from AND at <= :to
        ORDER BY seq DESC
        FETCH FIRST :limit ROWS ONLY
        """)
    List<AuditEntry> find(@Bind("actor") String actor, @Bind("actorKind") String actorKind,
            @Bind("actorId") String actorId, @Bind("action") String action, @Bind("from") Instant from,
            @Bind("to") Instant to, @Bind("limit") int limit);
}
