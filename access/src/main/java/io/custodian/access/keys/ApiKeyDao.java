package io.custodian.access.keys;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** API keys as stored: prefix, salted hash, roles, and who created and revoked them. */
@RegisterConstructorMapper(ApiKeyDao.KeyRow.class)
public interface ApiKeyDao {

    record KeyRow(UUID id, String prefix, String name, String roles, String salt, String keyHash, Instant createdAt,
            String createdBy, Instant revokedAt, String revokedBy) {}

    String COLUMNS = "SELECT id, prefix, name, roles, salt, key_hash, created_at, created_by, revoked_at, revoked_by"
            + " FROM api_key";

    @SqlUpdate("""
        INSERT INTO api_key (id, prefix, name, roles, salt, key_hash, created_at, created_by)
        VALUES (:id, :prefix, :name, :roles, :salt, :keyHash, :createdAt, :createdBy)
        """)
    void insert(@BindMethods KeyRow row);

    @SqlQuery(COLUMNS + " WHERE prefix = :prefix")
    Optional<KeyRow> byPrefix(@Bind("prefix") String prefix);

    @SqlQuery(COLUMNS + " WHERE id = :id")
    Optional<KeyRow> byId(@Bind("id") UUID id);

    @SqlQuery(COLUMNS + " ORDER BY created_at, prefix")
    List<KeyRow> all();

    @SqlUpdate("UPDATE api_key SET revoked_at = :at, revoked_by = :by WHERE id = :id AND revoked_at IS NULL")
    int revoke(@Bind("id") UUID id, @Bind("at") Instant at, @Bind("by") String by);
}
