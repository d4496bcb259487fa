package io.custodian.masking.keys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads and writes {@code masking_keyset} rows within the caller's handle (and so its transaction). */
final class KeysetStore {
    private static final String COLUMNS = "purpose, kind, keyset, kek_id, created_at, rotated_at, rewrapped_at";

    List<StoredKeyset> all(Handle handle, boolean forUpdate) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM masking_keyset ORDER BY purpose, kind"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .map(KeysetStore::row)
                .list();
    }

    Optional<StoredKeyset> find(Handle handle, String purpose, KeyKind kind, boolean forUpdate) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM masking_keyset WHERE purpose = :purpose AND kind = :kind"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .bind("purpose", purpose)
                .bind("kind", kind.label())
                .map(KeysetStore::row)
                .findOne();
    }

    void insert(Handle handle, StoredKeyset row) {
        handle.createUpdate("INSERT INTO masking_keyset (" + COLUMNS + ") VALUES "
                        + "(:purpose, :kind, :keyset, :kekId, :createdAt, :rotatedAt, :rewrappedAt)")
                .bind("purpose", row.purpose())
                .bind("kind", row.kind().label())
                .bind("keyset", row.encryptedKeyset())
                .bind("kekId", row.kekId())
                .bind("createdAt", utc(row.createdAt()))
                .bind("rotatedAt", utc(row.rotatedAt()))
                .bind("rewrappedAt", utc(row.rewrappedAt()))
                .execute();
    }

    void update(Handle handle, StoredKeyset row) {
        int updated = handle.createUpdate("UPDATE masking_keyset SET keyset = :keyset, kek_id = :kekId, "
                        + "rotated_at = :rotatedAt, rewrapped_at = :rewrappedAt WHERE purpose = :purpose AND kind = :kind")
                .bind("purpose", row.purpose())
                .bind("kind", row.kind().label())
                .bind("keyset", row.encryptedKeyset())
                .bind("kekId", row.kekId())
                .bind("rotatedAt", utc(row.rotatedAt()))
                .bind("rewrappedAt", utc(row.rewrappedAt()))
                .execute();
        if (updated != 1) {
            throw new IllegalStateException("the masking keyset of purpose '" + row.purpose() + "' ("
                    + row.kind().label() + ") is no longer stored");
        }
    }

    private static StoredKeyset row(ResultSet rs, StatementContext ctx) throws SQLException {
        return new StoredKeyset(rs.getString("purpose"), KeyKind.ofLabel(rs.getString("kind")),
                rs.getString("keyset"), rs.getString("kek_id"), instant(rs, "created_at"),
                instant(rs, "rotated_at"), instant(rs, "rewrapped_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
