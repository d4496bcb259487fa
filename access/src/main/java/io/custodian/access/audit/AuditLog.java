package io.custodian.access.audit;

import static java.util.Objects.requireNonNull;

import io.custodian.access.Actor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
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
 * are serialized in this process and, under a store lock, across the replicas that share the
 * store; entries are numbered without gaps, so a deleted last entry shows as a gap once anything
 * follows it.
 *
 * <p>Entries written before actor kinds were recorded keep their hash (version 1, without kind
 * and id); their kind and id were derived from the actor's name, and verifying derives them again,
 * so changing them shows too. Entries written since hash the kind and id with the rest (version 2).
 */
public final class AuditLog {
    static final String GENESIS = "0".repeat(64);
    /** What {@link #withHash} covers in entries written now: every field, the actor's kind and id too. */
    static final int HASH_VERSION = 2;
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
            // Other replicas of the store append too: one at a time, each after the last committed.
            dao.takeAppendLock();
            Optional<AuditEntry> last = dao.last();
            long seq = last.map(e -> e.seq() + 1).orElse(1L);
            String prev = last.map(AuditEntry::entryHash).orElse(GENESIS);
            Actor actor = record.actor();
            AuditEntry entry = new AuditEntry(seq, at, limit(actor.name(), Actor.MAX_NAME), actor.kind(),
                    limit(actor.id(), Actor.MAX_NAME), limit(record.action(), 128), limit(record.target(), 2048),
                    limit(record.outcome(), 32), limit(record.reason(), 2048), limit(record.remoteAddr(), 64),
                    limit(record.detail(), 4000), prev, null, HASH_VERSION);
            AuditEntry sealed = withHash(entry);
            dao.insert(sealed);
            return sealed;
        });
    }

    /**
     * Which entries to find: each field that is not null must match.
     *
     * @param actor the actor's name
     * @param actorKind what authenticated the actor
     * @param actorId the actor within its kind
     */
    public record Filter(String actor, Actor.Kind actorKind, String actorId, String action, Instant from,
            Instant to) {
        public Filter {
            requireNonNull(from, "from is null");
            requireNonNull(to, "to is null");
        }
    }

    /** The newest entries first, as many as {@code limit}, that match {@code filter}. */
    public List<AuditEntry> find(Filter filter, int limit) {
        requireNonNull(filter, "filter is null");
        return jdbi.withExtension(AuditDao.class, dao -> dao.find(filter.actor(),
                filter.actorKind() == null ? null : filter.actorKind().name(), filter.actorId(), filter.action(),
                filter.from(), filter.to(), limit));
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
                    if (entry.hashVersion() != 1 && entry.hashVersion() != HASH_VERSION) {
                        return broken(checked, entry.seq(), "its hash version " + entry.hashVersion()
                                + " is not one this service writes");
                    }
                    if (!withHash(entry).entryHash().equals(entry.entryHash())) {
                        return broken(checked, entry.seq(), "its content does not match its hash");
                    }
                    if (entry.hashVersion() == 1 && !derivedActor(entry)) {
                        return broken(checked, entry.seq(), "its actor kind or id is not the one its actor's name"
                                + " gives");
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

    /** Whether a version 1 entry's kind and id are what its migration derived from its actor's name. */
    private static boolean derivedActor(AuditEntry entry) {
        Actor derived = Actor.fromName(entry.actor());
        return derived.kind() == entry.actorKind() && derived.id().equals(entry.actorId());
    }

    /** The entry with its hash, over the fields its {@code hashVersion} covers. */
    static AuditEntry withHash(AuditEntry e) {
        List<String> fields = new ArrayList<>(Arrays.asList(Long.toString(e.seq()), e.at().toString(), e.actor(),
                e.action(), e.target(), e.outcome(), e.reason(), e.remoteAddr(), e.detail(), e.prevHash()));
        switch (e.hashVersion()) {
            case 1 -> { }
            case 2 -> {
                fields.add(e.actorKind() == null ? null : e.actorKind().name());
                fields.add(e.actorId());
            }
            default -> throw new IllegalArgumentException("unknown hash version " + e.hashVersion());
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String field : fields) {
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
            return withEntryHash(e, HexFormat.of().formatHex(digest.digest()));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every JVM", ex);
        }
    }

    private static AuditEntry withEntryHash(AuditEntry e, String hash) {
        return new AuditEntry(e.seq(), e.at(), e.actor(), e.actorKind(), e.actorId(), e.action(), e.target(),
                e.outcome(), e.reason(), e.remoteAddr(), e.detail(), e.prevHash(), hash, e.hashVersion());
    }

    private static String limit(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
