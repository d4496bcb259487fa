package io.custodian.catalog.ingest;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.Failures;
import io.custodian.catalog.ingest.IngestDao.ChangeRow;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica's reading of the {@link ChangeFeed}: hands the batches other replicas applied and
 * the changes they made to this replica's listeners (its search index, its caches), moves its
 * applied mark on, and says every few seconds that the replica is alive.
 */
final class ChangeFollower implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ChangeFollower.class);
    private static final int PAGE = 500;
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    // The feed is read every 50 ms: attaching a DAO for each read cost more than the read.
    private final WriterHandle store;
    private final String self;
    private final Consumer<AppliedBatch> deliver;
    private final LongConsumer appliedThrough;
    private final Duration heartbeatEvery;
    private volatile boolean running = true;
    private long seen;
    // Rows up to here were in the feed before this process began: its own among them were written
    // by an earlier run of this replica, whose listeners' work may not have outlived it.
    private long earlierRuns;
    private long nextHeartbeat;

    /**
     * @param deliver what listens to applied batches on this replica
     * @param appliedThrough told the log position each followed batch brought the catalog to
     * @param leaseTtl the applier lease's lifetime: the replica says it is alive three times per lifetime
     */
    ChangeFollower(Jdbi jdbi, String self, Consumer<AppliedBatch> deliver, LongConsumer appliedThrough,
            Duration leaseTtl) {
        this.heartbeatEvery = leaseTtl.dividedBy(3).compareTo(Duration.ofSeconds(5)) < 0
                ? leaseTtl.dividedBy(3) : Duration.ofSeconds(5);
        this.store = new WriterHandle(requireNonNull(jdbi, "jdbi is null"));
        this.self = requireNonNull(self, "self is null");
        this.deliver = requireNonNull(deliver, "deliver is null");
        this.appliedThrough = requireNonNull(appliedThrough, "appliedThrough is null");
    }

    /**
     * Where to begin: after the feed row that brought the catalog to {@code listenersAt}, the log
     * position this replica's listeners reflect, so that they see everything applied since, some of
     * it again, this replica's own earlier batches and changes included. Call before the thread
     * starts.
     */
    synchronized void beginAt(long listenersAt) {
        store.inTransaction(dao -> {
            seen = dao.changeReaching(listenersAt);
            earlierRuns = dao.lastChangeId();
            return null;
        });
        heartbeat();
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        try {
            follow();
        } finally {
            synchronized (this) {
                store.close();
            }
        }
    }

    private void follow() {
        while (running) {
            try {
                catchUp();
                heartbeatIfDue();
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("following the catalog's change feed failed ({}); retrying in {}", Failures.describe(e),
                        RETRY_DELAY);
                try {
                    Thread.sleep(RETRY_DELAY.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Reads the feed to its end; also run by the applier when it takes over, before it applies. */
    synchronized void catchUp() {
        while (true) {
            long after = seen;
            List<ChangeRow> rows = store.inTransaction(dao -> dao.changesAfter(after, PAGE));
            for (ChangeRow row : rows) {
                if (!row.origin().equals(self) || row.id() <= earlierRuns) {
                    deliver.accept(ChangeFeed.batch(row));
                }
                if (row.throughSeq() > 0) {
                    appliedThrough.accept(row.throughSeq());
                }
                seen = row.id();
            }
            if (rows.size() < PAGE) {
                return;
            }
        }
    }

    private synchronized void heartbeatIfDue() {
        if (System.nanoTime() - nextHeartbeat >= 0) {
            heartbeat();
        }
    }

    private void heartbeat() {
        nextHeartbeat = System.nanoTime() + heartbeatEvery.toNanos();
        store.inTransaction(dao -> {
            if (dao.replicaSeen(self) == 0) {
                dao.replicaStarted(self);
            }
            return null;
        });
    }
}
