package io.custodian.catalog.ingest;

import io.custodian.catalog.Failures;
import io.custodian.catalog.ingest.EventLogWriter.Logged;
import io.custodian.catalog.ingest.IngestDao.LoggedPayload;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
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
 *
 * <p>On a store that several replicas share, the loop applies only while its replica holds the
 * {@link ApplierLease}; it then applies the events every replica logged, in the order of the log,
 * and records each batch in the {@link ChangeFeed}. Without the lease it waits to take over, and
 * drops the events its own replica logs: they are in the log, for the holder.
 */
final class CatalogApplyLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(CatalogApplyLoop.class);
    private static final int RECOVERY_PAGE = 500;
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);
    private static final Duration FEED_KEPT = Duration.ofHours(1);
    private static final Duration FEED_PRUNE_EVERY = Duration.ofMinutes(5);

    private final Jdbi jdbi;
    private final LineageEventParser parser;
    private final BlockingQueue<Logged> queue;
    private final int maxBatchEvents;
    private final long lingerNanos;
    private final Consumer<AppliedBatch> onApplied;
    private final EventApplier applier = new EventApplier();
    private final Queue<DerivedWrite> derived = new ConcurrentLinkedQueue<>();
    private final Runnable derivationsQueued;
    private final AtomicLong appliedSeq = new AtomicLong();
    private final AtomicLong failedEvents = new AtomicLong();
    private final Object progress = new Object();
    // Null when the store is this process's alone.
    private final ApplierLease lease;
    private final Runnable onTakeOver;
    private final long retakeEveryNanos;
    private long nextTakeAttempt;
    private long nextPrune;
    private volatile boolean running = true;

    /** @param derivationsQueued told after each batch that queued SQL for derivation */
    CatalogApplyLoop(Jdbi jdbi, LineageEventParser parser, BlockingQueue<Logged> queue, int maxBatchEvents,
            Duration linger, Consumer<AppliedBatch> onApplied, Runnable derivationsQueued) {
        this(jdbi, parser, queue, maxBatchEvents, linger, onApplied, derivationsQueued, null, () -> {});
    }

    /**
     * @param lease the applier lease on a store several replicas share; null when the store is this
     *     process's alone
     * @param onTakeOver run on this loop's thread when it has taken the lease, before it applies
     *     anything: brings what follows the change feed up to the previous holder's last batch
     */
    CatalogApplyLoop(Jdbi jdbi, LineageEventParser parser, BlockingQueue<Logged> queue, int maxBatchEvents,
            Duration linger, Consumer<AppliedBatch> onApplied, Runnable derivationsQueued,
            ApplierLease lease, Runnable onTakeOver) {
        this.lease = lease;
        this.onTakeOver = onTakeOver;
        this.retakeEveryNanos = Duration.ofMillis(500).toNanos();
        // nanoTime has no origin: "due now" is measured from it, never from 0.
        this.nextTakeAttempt = System.nanoTime();
        this.nextPrune = System.nanoTime();
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

    /** Whether this loop applies the log: always when the store is its own, else while it holds the lease. */
    boolean applies() {
        return lease == null || lease.held();
    }

    /** Moves the applied mark on as a batch another replica applied is seen (the change feed). */
    void appliedElsewhere(long seq) {
        setApplied(seq);
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
            setApplied(handle.inTransaction(IngestDao::appliedSeq));
            logRecovered(catchUp(handle));
        }
    }

    private static void logRecovered(long recovered) {
        if (recovered > 0) {
            log.info("applied {} logged events that were not yet in the catalog", recovered);
        }
    }

    /**
     * Applies, page by page, the events the log holds beyond the applied mark, then moves the mark
     * to the end of the log as it was when this began (past events that carry an apply error).
     * Events logged meanwhile are applied too, or left to the next call: never passed over.
     *
     * @return how many events it applied
     */
    private long catchUp(WriterHandle handle) {
        long last = handle.inTransaction(IngestDao::lastSeq);
        if (last <= appliedSeq.get()) {
            return 0;
        }
        long applied = 0;
        while (true) {
            long after = appliedSeq.get();
            List<LoggedPayload> page = handle.inTransaction(dao -> dao.eventsAfter(after, RECOVERY_PAGE));
            if (page.isEmpty()) {
                break;
            }
            List<Logged> batch = parse(handle, page);
            if (!batch.isEmpty()) {
                applyUntilDone(handle, batch);
            }
            advanceTo(handle, page.get(page.size() - 1).seq());
            applied += batch.size();
        }
        advanceTo(handle, last);
        return applied;
    }

    private List<Logged> parse(WriterHandle handle, List<LoggedPayload> rows) {
        List<Logged> batch = new ArrayList<>(rows.size());
        for (LoggedPayload row : rows) {
            try {
                batch.add(new Logged(row.seq(), parser.parse(row.payload().getBytes(StandardCharsets.UTF_8))));
            } catch (InvalidEventException e) {
                // Logged by an older version with other rules, or edited by hand: keep it, mark it.
                markUnreadable(handle, row.seq(), e);
            }
        }
        return batch;
    }

    /** Moves the applied mark to {@code seq} where it is below it, with nothing to apply on the way. */
    private void advanceTo(WriterHandle handle, long seq) {
        long after = appliedSeq.get();
        if (seq <= after) {
            return;
        }
        AppliedBatch nothing = AppliedBatch.nothing(seq);
        asApplier(handle, dao -> {
            dao.advanceAppliedSeq(seq);
            recordChange(dao, after, nothing);
            return null;
        });
        notifyApplied(nothing);
        setApplied(seq);
    }

    @Override
    public void run() {
        try (WriterHandle handle = new WriterHandle(jdbi)) {
            List<Logged> batch = new ArrayList<>(maxBatchEvents);
            while (running || !queue.isEmpty()) {
                try {
                    if (!applies()) {
                        waitToTakeOver(handle);
                        continue;
                    }
                    writeDerived(handle);
                    Logged first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        if (lease != null) {
                            whileIdle(handle);
                        }
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
                    List<Logged> toApply = lease == null || batch.isEmpty() ? batch : withOtherReplicas(handle, batch);
                    if (!toApply.isEmpty()) {
                        applyUntilDone(handle, toApply);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (ApplierLease.LostException e) {
                    stepDown(e);
                } catch (RuntimeException e) {
                    // Applying retries on its own; what gets here is taking the lease, renewing it
                    // while idle, or reading what other replicas logged.
                    log.error("the applier could not reach the store ({}); retrying in {}", Failures.describe(e),
                            RETRY_DELAY);
                    sleepQuietly(RETRY_DELAY);
                } finally {
                    batch.clear();
                }
            }
            releaseLease(handle);
        } finally {
            failDerivedWrites();
        }
    }

    /** Without the lease: drops what this replica logged (the holder applies it) and now and then tries to take over. */
    private void waitToTakeOver(WriterHandle handle) throws InterruptedException {
        queue.clear();
        if (!running) {
            return;
        }
        if (System.nanoTime() - nextTakeAttempt >= 0) {
            nextTakeAttempt = System.nanoTime() + retakeEveryNanos;
            if (handle.inTransaction(lease::tryTake)) {
                // Listeners first see every batch the previous holder committed, then this holder's.
                onTakeOver.run();
                setApplied(handle.inTransaction(IngestDao::appliedSeq));
                log.info("replica {} applies the event log from seq {}", lease.holder(), appliedSeq.get());
                // Logged before this replica held the lease, by it or another, and not applied.
                logRecovered(catchUp(handle));
                derivationsQueued.run();
                return;
            }
        }
        queue.poll(100, TimeUnit.MILLISECONDS);
        queue.clear();
    }

    /** The lease holder with nothing of its own to apply: keeps the lease and applies what other replicas logged. */
    private void whileIdle(WriterHandle handle) {
        if (lease.renewalDue()) {
            asApplier(handle, dao -> null);
        }
        catchUp(handle);
        if (System.nanoTime() - nextPrune >= 0) {
            nextPrune = System.nanoTime() + FEED_PRUNE_EVERY.toNanos();
            int pruned = handle.inTransaction(dao -> dao.pruneChanges(FEED_KEPT.toMillis()));
            if (pruned > 0) {
                log.debug("pruned {} change feed rows older than {}", pruned, FEED_KEPT);
            }
        }
    }

    /**
     * This replica's batch with the events other replicas logged in between, in the order of the
     * log: what is not this replica's is read back from the store.
     */
    private List<Logged> withOtherReplicas(WriterHandle handle, List<Logged> own) {
        long after = appliedSeq.get();
        long upto = own.get(own.size() - 1).seq();
        if (own.get(0).seq() == after + 1 && upto - after == own.size()) {
            return own; // nothing in between
        }
        List<Long> seqs = handle.inTransaction(dao -> dao.eventSeqsBetween(after, upto));
        Map<Long, Logged> bySeq = new HashMap<>();
        own.forEach(logged -> bySeq.put(logged.seq(), logged));
        List<Long> others = seqs.stream().filter(seq -> !bySeq.containsKey(seq)).toList();
        for (int from = 0; from < others.size(); from += RECOVERY_PAGE) {
            List<Long> page = others.subList(from, Math.min(others.size(), from + RECOVERY_PAGE));
            parse(handle, handle.inTransaction(dao -> dao.payloads(page))).forEach(l -> bySeq.put(l.seq(), l));
        }
        List<Logged> merged = new ArrayList<>(seqs.size());
        for (long seq : seqs) {
            Logged logged = bySeq.get(seq);
            if (logged != null) {
                merged.add(logged);
            }
        }
        return merged;
    }

    private void stepDown(ApplierLease.LostException e) {
        lease.lost();
        applier.forget();
        failDerivedWrites();
        nextTakeAttempt = System.nanoTime() + retakeEveryNanos;
        log.warn("{}; it stops applying and follows the holder", e.getMessage());
    }

    private void releaseLease(WriterHandle handle) {
        if (lease != null && lease.held()) {
            try {
                handle.inTransaction(dao -> {
                    lease.release(dao);
                    return null;
                });
            } catch (RuntimeException e) {
                log.warn("the applier lease could not be given up ({}); another replica takes over when it expires",
                        Failures.describe(e));
            }
        }
    }

    /**
     * Runs {@code work} in a transaction that writes as the applier: on a shared store it first
     * renews the lease, so a replica that lost it fails here ({@link ApplierLease.LostException})
     * and commits nothing.
     */
    private <T> T asApplier(WriterHandle handle, Function<IngestDao, T> work) {
        T result = handle.inTransaction(dao -> {
            if (lease != null) {
                lease.renew(dao);
            }
            return work.apply(dao);
        });
        if (lease != null) {
            lease.renewed();
        }
        return result;
    }

    private void recordChange(IngestDao dao, long afterSeq, AppliedBatch batch) {
        if (lease != null) {
            ChangeFeed.record(dao, lease.holder(), afterSeq, batch);
        }
    }

    private static void sleepQuietly(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes the derived lineage handed over so far, each hand-over in a transaction of its own. */
    private void writeDerived(WriterHandle handle) {
        DerivedWrite write;
        while ((write = derived.poll()) != null) {
            List<DerivedLineage> lineage = write.lineage();
            try {
                long seq = appliedSeq.get();
                AppliedBatch applied = asApplier(handle, dao -> {
                    AppliedBatch written = applier.applyDerived(dao, lineage).through(seq);
                    recordChange(dao, seq, written);
                    return written;
                });
                notifyApplied(applied);
                write.done().complete(null);
            } catch (ApplierLease.LostException e) {
                write.done().completeExceptionally(e);
                throw e;
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
            } catch (ApplierLease.LostException e) {
                throw e;
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
        long after = appliedSeq.get();
        long queuedBefore = applier.derivationsQueued();
        try {
            AppliedBatch touched = asApplier(handle, dao -> {
                AppliedBatch applied = applier.apply(dao, batch).through(last);
                dao.advanceAppliedSeq(last);
                recordChange(dao, after, applied);
                return applied;
            });
            notifyApplied(touched);
            setApplied(last);
            if (applier.derivationsQueued() != queuedBefore) {
                derivationsQueued.run();
            }
            return;
        } catch (RuntimeException e) {
            applier.forget();
            if (e instanceof ApplierLease.LostException) {
                throw e;
            }
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
        asApplier(handle, dao -> {
            dao.recordApplyError(seq, stored);
            return null;
        });
        failedEvents.incrementAndGet();
        log.warn("logged event seq {} cannot be read as an event any more; marked, not applied", seq);
    }

    /** Marks an event that fails on its own, so the loop can go on; the event stays in the log. */
    private void recordFailure(WriterHandle handle, Logged logged, RuntimeException failure) {
        String error = Failures.describe(failure);
        long after = appliedSeq.get();
        AppliedBatch nothing = AppliedBatch.nothing(logged.seq());
        asApplier(handle, dao -> {
            dao.recordApplyError(logged.seq(), error);
            dao.advanceAppliedSeq(logged.seq());
            recordChange(dao, after, nothing);
            return null;
        });
        failedEvents.incrementAndGet();
        // Listeners track the log position too (the search index commits with it).
        notifyApplied(nothing);
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
