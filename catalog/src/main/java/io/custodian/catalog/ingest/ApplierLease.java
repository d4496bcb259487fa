package io.custodian.catalog.ingest;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The right to apply the event log of a store that several replicas share, held by one replica
 * at a time. It is a row with a holder, an epoch and an expiry on the store's clock. The holder
 * renews it as the first statement of every apply transaction, and a renewal matches only the
 * epoch it took: a replica that lost the lease (it stalled past the expiry and another took over)
 * fails its next transaction instead of committing a batch twice. Renewing also locks the row, so
 * a replica taking over waits for the transaction in flight and then sees it renewed.
 *
 * <p>Used by the applier's thread only, but {@link #held()} may be read from any thread.
 */
final class ApplierLease {
    private final String holder;
    private final long ttlMillis;
    private volatile long epoch = -1;
    private long renewedAt;

    ApplierLease(String holder, Duration ttl) {
        this.holder = requireNonNull(holder, "holder is null");
        if (holder.isBlank() || holder.length() > 256) {
            throw new IllegalArgumentException("a replica id is 1 to 256 characters");
        }
        this.ttlMillis = ttl.toMillis();
        if (ttlMillis < 1_000) {
            throw new IllegalArgumentException("the applier lease lasts at least a second; got " + ttl);
        }
    }

    /** Thrown inside an apply transaction when this replica no longer holds the lease. */
    static final class LostException extends RuntimeException {
        LostException(String holder) {
            super("replica " + holder + " no longer holds the applier lease");
        }
    }

    String holder() {
        return holder;
    }

    boolean held() {
        return epoch >= 0;
    }

    /** Takes the lease if it is free, expired or this replica's own; true if held now. Call in a transaction. */
    boolean tryTake(IngestDao dao) {
        if (dao.takeLease(holder, ttlMillis) == 1) {
            epoch = dao.leaseEpoch();
            renewedAt = System.nanoTime();
            return true;
        }
        return false;
    }

    /** In a transaction that writes as the applier: renews the lease, or fails the transaction. */
    void renew(IngestDao dao) {
        if (epoch < 0 || dao.renewLease(holder, epoch, ttlMillis) != 1) {
            throw new LostException(holder);
        }
    }

    /** Notes a committed renewal. */
    void renewed() {
        renewedAt = System.nanoTime();
    }

    /** Whether an idle holder should renew now: a third of the lease has passed since the last renewal. */
    boolean renewalDue() {
        return held() && System.nanoTime() - renewedAt > Duration.ofMillis(ttlMillis / 3).toNanos();
    }

    /** Forgets the lease after a renewal failed; the replica becomes a follower. */
    void lost() {
        epoch = -1;
    }

    /** Gives the lease up (a clean stop) so that another replica takes over at once. Call in a transaction. */
    void release(IngestDao dao) {
        if (epoch >= 0) {
            dao.releaseLease(holder, epoch);
            epoch = -1;
        }
    }
}
