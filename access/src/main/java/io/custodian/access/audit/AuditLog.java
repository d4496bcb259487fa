package io.custodian.access.audit;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The append-only, tamper-evident audit log.
 *
 * <p>Each entry's hash covers its fields and the previous entry's hash, so changing an entry
 * breaks its own hash, and removing one breaks the link of the next (or the sequence). Appends
 * are serialized in this process; entries are numbered without gaps, so a deleted last entry
 * shows as a gap once anything follows it.
 */
public final class AuditLog {
    static final String GENESIS = "0".repeat(64);
    private static final int VERIFY_PAGE = 1_000;

    private final Jdbi jdbi;
    private final Clock clock;

    public AuditLog(Jdbi jdbi, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Appends one entry, durably, and returns it with its sequence number and hash. */
    public synchronized AuditEntry append(AuditRecord record) {
        requireNonNull(record, "record is null");
        // Microseconds: what both stores keep, so that the hash recomputed from a row matches.
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // A handle of its own, committed before the lock is let go. Jdbi lends a caller's open handle
        // to nested calls on the same thread: inside a caller's transaction the entry would still be
        // uncommitted when this returns, and an append on another thread would take the same number.
        try (Handle own = jdbi.open()) {
            return append(own, record, at);
        }
    }

    private AuditEntry append(Handle own, AuditRecord record, Instant at) {
        return own.inTransaction(handle -> {
            AuditDao dao = handle.attach(AuditDao.class);
            Optional<AuditEntry> last = dao.last();
            long seq = last.map(e -> e.seq() + 1).orElse(1L);
            String prev = last.map(AuditEntry::entryHash).orElse(GENESIS);
            AuditEntry entry = new AuditEntry(seq, at, limit(record.actor(), 256), limit(record.action(), 128),
                    limit(record.target(), 2048), limit(record.outcome(), 32), limit(record.reason(), 2048),
                    limit(record.remoteAddr(), 64), limit(record.detail(), 4000), prev, null);
            AuditEntry sealed = withHash(entry);
            dao.insert(sealed);
            return sealed;
        });
    }

    /** The newest entries first, filtered by actor and action when given. */
    public List<AuditEntry> find(String actor, String action, Instant from, Instant to, int limit) {
        return jdbi.withExtension(AuditDao.class, dao -> dao.find(actor, action, from, to, limit));
    }

    /** Walks the whole chain and reports the first entry that does not hold. */
    public AuditVerification verify() {
        return jdbi.withExtension(AuditDao.class, dao -> {
            long checked = 0;
            long expectedSeq = 1;
            String prev = GENESIS;
            while (true) {
                List<AuditEntry> page = dao.page(expectedSeq - 1, VERIFY_PAGE);
                if (page.isEmpty()) {
                    return new AuditVerification(checked, Optional.empty(), Optional.empty());
                }
                for (AuditEntry entry : page) {
                    if (entry.seq() != expectedSeq) {
                        return broken(checked, expectedSeq, "entries " + expectedSeq + " to " + (entry.seq() - 1)
                                + " are missing");
                    }
                    if (!entry.prevHash().equals(prev)) {
                        return broken(checked, entry.seq(), "does not link to the entry before it");
                    }
                    if (!withHash(entry).entryHash().equals(entry.entryHash())) {
                        return broken(checked, entry.seq(), "its content does not match its hash");
                    }
                    prev = entry.entryHash();
                    expectedSeq++;
                    checked++;
                }
            }
        });
    }

    private static AuditVerification broken(long checked, long seq, String problem) {
        return new AuditVerification(checked, Optional.of(seq), Optional.of("entry " + seq + ": " + problem));
    }

    private static AuditEntry withHash(AuditEntry e) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String field : new String[] {Long.toString(e.seq()), e.at().toString(), e.actor(), e.action(),
                    e.target(), e.outcome(), e.reason(), e.remoteAddr(), e.detail(), e.prevHash()}) {
                if (field == null) {
                    digest.update((byte) 0);
                } else {
                    byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                    digest.update((byte) 1);
                    digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                    digest.update((byte) ':');
                    digest.update(bytes);
                }
            }
            String hash = HexFormat.of().formatHex(digest.digest());
            return new AuditEntry(e.seq(), e.at(), e.actor(), e.action(), e.target(), e.outcome(), e.reason(),
                    e.remoteAddr(), e.detail(), e.prevHash(), hash);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every JVM", ex);
        }
    }

    private static String limit(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
