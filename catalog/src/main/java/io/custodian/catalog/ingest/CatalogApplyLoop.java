package io.custodian.catalog.ingest;

import io.custodian.catalog.Failures;
import io.custodian.catalog.ingest.EventLogWriter.Logged;
import io.custodian.catalog.ingest.IngestDao.LoggedPayload;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The applying half of ingestion: one thread that turns logged events into catalog rows, many
 * events per transaction, and records how far it got in the same transaction. After a restart it
 * resumes from that mark by reading the log, so an acknowledged event is always applied.
 *
 * <p>An event that cannot be applied on its own is marked with its error in the log and passed
 * over; it stays there to be applied again. If the store itself fails, the batch is retried
 * until it succeeds: nothing is skipped for want of a database.
 *
 * <p>Column lineage derived from jobs' SQL is written here too, between batches, so that every
 * lineage write follows the same fold; the SQL itself is analysed elsewhere
 * ({@link SqlDerivationLoop}).
 */
final class CatalogApplyLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(CatalogApplyLoop.class);
    private static final int RECOVERY_PAGE = 500;
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    private final Jdbi jdbi;
    private final LineageEventParser parser;
    private final BlockingQueue<Logged> queue;
    private final int maxBatchEvents;
    private final long lingerNanos;
    private final java.util.function.Consumer<AppliedBatch> onApplied;
    private final EventApplier applier = new EventApplier();
    private final Queue<DerivedWrite> derived = new ConcurrentLinkedQueue<>();
    private final Runnable derivationsQueued;
    private final AtomicLong appliedSeq = new AtomicLong();
    private final AtomicLong failedEvents = new AtomicLong();
    private final Object progress = new Object();
    private volatile boolean running = true;

    /** @param derivationsQueued told after each batch that queued SQL for derivation */
    CatalogApplyLoop(Jdbi jdbi, LineageEventParser parser, BlockingQueue<Logged> queue, int maxBatchEvents,
            Duration linger, java.util.function.Consumer<AppliedBatch> onApplied, Runnable derivationsQueued) {
        this.onApplied = onApplied;
        this.derivationsQueued = derivationsQueued;
        this.lingerNanos = linger.toNanos();
        this.jdbi = jdbi;
        this.parser = parser;
        this.queue = queue;
        this.maxBatchEvents = maxBatchEvents;
    }

    long appliedSeq() {
        return appliedSeq.get();
    }

    long failedEvents() {
        return failedEvents.get();
    }

    /** Stops after applying everything queued. */
    void stop() {
        running = false;
    }

    /** Queues lineage derived from SQL for writing on this loop's thread; completes once committed. */
    CompletableFuture<Void> submitDerived(List<DerivedLineage> lineage) {
        DerivedWrite write = new DerivedWrite(List.copyOf(lineage), new CompletableFuture<>());
        derived.add(write);
        if (!running) {
            failDerivedWrites();
        }
        return write.done();
    }

    private record DerivedWrite(List<DerivedLineage> lineage, CompletableFuture<Void> done) {}

    /** Waits until every event up to {@code seq} is applied; false on timeout. */
    boolean awaitApplied(long seq, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (appliedSeq.get() < seq) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
            return true;
        }
    }

    /**
     * Applies what the log holds beyond the applied mark: events acknowledged before a stop that
     * had not been applied yet. Runs before the first event is accepted.
     */
    void recover() {
        try (WriterHandle handle = new WriterHandle(jdbi)) {
            long mark = handle.inTransaction(IngestDao::appliedSeq);
            setApplied(mark);
            long recovered = 0;
            while (true) {
                long after = appliedSeq.get();
                List<LoggedPayload> page = handle.inTransaction(dao -> dao.eventsAfter(after, RECOVERY_PAGE));
                if (page.isEmpty()) {
                    break;
                }
                List<Logged> batch = new ArrayList<>(page.size());
                for (LoggedPayload row : page) {
                    try {
                        batch.add(new Logged(row.seq(), parser.parse(row.payload().getBytes(StandardCharsets.UTF_8))));
                    } catch (InvalidEventException e) {
                        // Logged by an older version with other rules, or edited by hand: keep it, mark it.
                        markUnreadable(handle, row.seq(), e);
                    }
                }
                if (!batch.isEmpty()) {
                    applyUntilDone(handle, batch);
                }
                long pageEnd = page.get(page.size() - 1).seq();
                if (pageEnd > appliedSeq.get()) {
                    handle.inTransaction(dao -> {
                        dao.advanceAppliedSeq(pageEnd);
                        return null;
                    });
                    setApplied(pageEnd);
                }
                recovered += batch.size();
            }
            // Events marked with an apply error lie below the log's end; the mark moves past them.
            long last = handle.inTransaction(IngestDao::lastSeq);
            if (last > appliedSeq.get()) {
                handle.inTransaction(dao -> {
                    dao.advanceAppliedSeq(last);
                    return null;
                });
                setApplied(last);
            }
            if (recovered > 0) {
                log.info("applied {} logged events that were not yet in the catalog", recovered);
            }
        }
    }

    @Override
    public void run() {
        try (WriterHandle handle = new WriterHandle(jdbi)) {
            List<Logged> batch = new ArrayList<>(maxBatchEvents);
            while (running || !queue.isEmpty()) {
                try {
                    writeDerived(handle);
                    Logged first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    // Gather a little longer: every transaction has a fixed cost, and a bigger batch
                    // folds more repeated rows. Readers wait this much longer at most.
                    long deadline = System.nanoTime() + lingerNanos;
                    Logged next;
                    while (batch.size() < maxBatchEvents
                            && (next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
                        batch.add(next);
                        queue.drainTo(batch, maxBatchEvents - batch.size());
                    }
                    batch.removeIf(logged -> logged.seq() <= appliedSeq.get());
                    if (!batch.isEmpty()) {
                        applyUntilDone(handle, batch);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } finally {
                    batch.clear();
                }
            }
        } finally {
            failDerivedWrites();
        }
    }

    /** Writes the derived lineage handed over so far, each hand-over in a transaction of its own. */
    private void writeDerived(WriterHandle handle) {
        DerivedWrite write;
        while ((write = derived.poll()) != null) {
            List<DerivedLineage> lineage = write.lineage();
            try {
                AppliedBatch applied = handle.inTransaction(dao -> applier.applyDerived(dao, lineage));
                notifyApplied(applied.through(appliedSeq.get()));
                write.done().complete(null);
            } catch (RuntimeException e) {
                applier.forget();
                // The queue rows stay pending: the deriver tries them again.
                write.done().completeExceptionally(e);
            }
        }
    }

    private void failDerivedWrites() {
        DerivedWrite write;
        while ((write = derived.poll()) != null) {
            write.done().completeExceptionally(new java.util.concurrent.RejectedExecutionException("ingestion stopped"));
        }
    }

    /** Applies a batch, retrying while the store is unavailable. */
    private void applyUntilDone(WriterHandle handle, List<Logged> batch) {
        while (true) {
            try {
                applyBatch(handle, batch);
                return;
            } catch (RuntimeException e) {
                log.error("the catalog store failed while applying {} events ({}); retrying in {}", batch.size(),
                        Failures.describe(e), RETRY_DELAY);
                try {
                    Thread.sleep(RETRY_DELAY.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void applyBatch(WriterHandle handle, List<Logged> batch) {
        long last = batch.get(batch.size() - 1).seq();
        long queuedBefore = applier.derivationsQueued();
        try {
            AppliedBatch touched = handle.inTransaction(dao -> {
                AppliedBatch applied = applier.apply(dao, batch);
                dao.advanceAppliedSeq(last);
                return applied;
            });
            notifyApplied(touched.through(last));
            setApplied(last);
            if (applier.derivationsQueued() != queuedBefore) {
                derivationsQueued.run();
            }
            return;
        } catch (RuntimeException e) {
            applier.forget();
            if (batch.size() == 1) {
                recordFailure(handle, batch.get(0), e);
                return;
            }
            log.warn("applying a batch of {} events failed ({}); applying each alone", batch.size(),
                    Failures.describe(e));
        }
        for (Logged logged : batch) {
            applyBatch(handle, List.of(logged));
        }
    }

    private void markUnreadable(WriterHandle handle, long seq, InvalidEventException e) {
        String error = "no longer a valid event: " + e.getMessage();
        String stored = error.length() > 3800 ? error.substring(0, 3800) : error;
        handle.inTransaction(dao -> {
            dao.recordApplyError(seq, stored);
            return null;
        });
        failedEvents.incrementAndGet();
        log.warn("logged event seq {} cannot be read as an event any more; marked, not applied", seq);
    }

    /** Marks an event that fails on its own, so the loop can go on; the event stays in the log. */
    private void recordFailure(WriterHandle handle, Logged logged, RuntimeException failure) {
        String error = Failures.describe(failure);
        handle.inTransaction(dao -> {
            dao.recordApplyError(logged.seq(), error);
            dao.advanceAppliedSeq(logged.seq());
            return null;
        });
        failedEvents.incrementAndGet();
        // Listeners track the log position too (the search index commits with it).
        notifyApplied(AppliedBatch.nothing(logged.seq()));
        setApplied(logged.seq());
        log.warn("event {} (seq {}) is logged but could not be applied: {}", logged.event().key(), logged.seq(), error);
    }

    private void notifyApplied(AppliedBatch applied) {
        try {
            onApplied.accept(applied);
        } catch (RuntimeException e) {
            // Derived data (the search index) must not stop the catalog; it is rebuilt from the store.
            log.error("a listener failed after applying a batch: {}", Failures.describe(e));
        }
    }

    private void setApplied(long seq) {
        synchronized (progress) {
            if (seq > appliedSeq.get()) {
                appliedSeq.set(seq);
            }
            progress.notifyAll();
        }
    }
}
