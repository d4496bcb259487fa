package io.custodian.catalog.ingest;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.Failures;
import io.custodian.catalog.ingest.EventLogWriter.Logged;
import io.custodian.catalog.ingest.EventLogWriter.Pending;
import io.custodian.lineage.sql.AnalysisBudget;
import io.custodian.lineage.sql.SqlLineageExtractor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenLineage ingestion: a durable event log, and a catalog applied from it.
 *
 * <p>Submitted events are appended to the log by one writer thread with group commit (everything
 * waiting goes into one transaction), and acknowledged once that transaction has committed. A
 * second thread applies logged events to the catalog in large batches and records its progress in
 * the same transactions, so an acknowledged event is never lost: after a crash, whatever was
 * logged but not applied is applied on start. The catalog trails the log by the time one batch
 * takes; {@link #awaitApplied} waits for it. A third thread derives column lineage from jobs' SQL
 * after their events are applied ({@link #awaitDerived} waits for that too).
 *
 * <p>On a store several replicas share ({@link Replica}), every replica logs what it is sent, and
 * one at a time, the holder of the applier lease, applies the log of all of them; SQL derivation
 * runs there too. Each replica follows the change feed to keep what listens to it current, and
 * its applied mark moves as it sees the holder's batches.
 */
public final class LineageIngestor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LineageIngestor.class);
    private final BlockingQueue<Pending> logQueue;
    private final BlockingQueue<Logged> applyQueue;
    private final EventLogWriter writer;
    private final CatalogApplyLoop applyLoop;
    private final SqlDerivationLoop derivationLoop;
    private final SqlLineageDeriver deriver;
    private final Jdbi jdbi;
    private final Thread writerThread;
    private final Thread applyThread;
    private final Thread derivationThread;
    private final Duration enqueueTimeout;
    private final AtomicLong loggedSeq = new AtomicLong();
    private final AtomicLong loggedEvents = new AtomicLong();
    private final AtomicBoolean started = new AtomicBoolean();
    private final Optional<Replica> replica;
    private final ChangeFollower follower;
    private final Thread followerThread;
    private final Object delivery = new Object();
    private final Consumer<AppliedBatch> onApplied;
    private final List<Runnable> takeOverListeners = new CopyOnWriteArrayList<>();
    private volatile boolean accepting;

    public LineageIngestor(Jdbi jdbi, LineageEventParser parser, Clock clock, Settings settings) {
        this(jdbi, parser, clock, settings, applied -> {});
    }

    /**
     * @param onApplied called on the applier's thread after each committed batch, with the ids of
     *     the datasets and jobs it touched: how derived data (the search index) keeps up
     */
    public LineageIngestor(Jdbi jdbi, LineageEventParser parser, Clock clock, Settings settings,
            Consumer<AppliedBatch> onApplied) {
        this(jdbi, parser, clock, settings, onApplied, Optional.empty());
    }

    /**
     * @param replica this process as one of several replicas on a shared store; empty when the
     *     store is this process's alone (the embedded default)
     */
    public LineageIngestor(Jdbi jdbi, LineageEventParser parser, Clock clock, Settings settings,
            Consumer<AppliedBatch> onApplied, Optional<Replica> replica) {
        requireNonNull(jdbi, "jdbi is null");
        requireNonNull(parser, "parser is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(settings, "settings is null");
        this.enqueueTimeout = settings.enqueueTimeout();
        this.logQueue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.applyQueue = new ArrayBlockingQueue<>(settings.applyQueueCapacity());
        this.jdbi = jdbi;
        this.replica = requireNonNull(replica, "replica is null");
        requireNonNull(onApplied, "onApplied is null");
        // The applier and the change follower both deliver; listeners are called one batch at a time.
        this.onApplied = batch -> {
            synchronized (delivery) {
                onApplied.accept(batch);
            }
        };
        this.follower = replica.map(r -> new ChangeFollower(jdbi, r.id(), this.onApplied, this::appliedElsewhere,
                        r.leaseTtl()))
                .orElse(null);
        this.followerThread = follower == null ? null : new Thread(follower, "custodian-change-follower");
        this.applyLoop = new CatalogApplyLoop(jdbi, parser, applyQueue, settings.maxApplyBatchEvents(),
                settings.applyLinger(), this.onApplied, this::derivationsQueued,
                replica.map(r -> new ApplierLease(r.id(), r.leaseTtl())).orElse(null),
                follower == null ? () -> {} : () -> {
                    follower.catchUp();
                    tookOver();
                });
        this.deriver = new SqlLineageDeriver(new SqlLineageExtractor(), settings.sqlBudget());
        this.derivationLoop = new SqlDerivationLoop(jdbi, parser, deriver, applyLoop::submitDerived, applyLoop::applies);
        this.derivationThread = new Thread(derivationLoop, "custodian-sql-lineage");
        // A stop does not wait for an analysis in hand (up to the budget's time limit): its event
        // stays queued in the store and is analysed after the next start.
        this.derivationThread.setDaemon(true);
        this.writer = new EventLogWriter(jdbi, clock, logQueue, settings.maxLogBatchEvents(), settings.maxLogBatchBytes(),
                settings.logLinger(), replica.isPresent(), this::handOver, applyLoop::stop);
        this.applyThread = new Thread(applyLoop, "custodian-catalog-apply");
        this.writerThread = new Thread(writer, "custodian-event-log-writer");
    }

    /**
     * Applies what was logged but not applied before the last stop (a crash included), then starts
     * the log writer and the applier. Events are taken only after this returns.
     *
     * @return this ingestor, started
     */
    public LineageIngestor start() {
        return start(-1);
    }

    /**
     * Starts as {@link #start()} does. On a shared store it does not apply anything itself: the
     * applier takes over when the lease is free, and the change follower replays to this replica's
     * listeners what was applied after {@code listenersAt}, the log position they reflect (the
     * search index's), then follows the other replicas.
     *
     * @return this ingestor, started
     */
    public LineageIngestor start(long listenersAt) {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("ingestion already started");
        }
        if (follower == null) {
            applyLoop.recover();
        } else {
            applyLoop.appliedElsewhere(jdbi.withHandle(h -> h.attach(IngestDao.class).appliedSeq()));
            follower.beginAt(listenersAt < 0 ? applyLoop.appliedSeq() : listenersAt);
            followerThread.setDaemon(true);
            followerThread.start();
        }
        loggedSeq.set(applyLoop.appliedSeq());
        applyThread.start();
        derivationThread.start();
        writerThread.start();
        accepting = true;
        return this;
    }

    /**
     * This process as one of several replicas on one store.
     *
     * @param id names this replica in the store (the lease's holder, the change feed's origin, the
     *     runner of its scans); stable across restarts, so a restarted replica takes its lease back at once
     * @param leaseTtl how long the applier lease lasts unrenewed: how soon another replica takes over
     *     from a holder that died
     */
    public record Replica(String id, Duration leaseTtl) {
        public Replica {
            requireNonNull(id, "id is null");
            requireNonNull(leaseTtl, "leaseTtl is null");
        }
    }

    /**
     * How ingestion batches and how much it buffers.
     *
     * @param logLinger how long the log writer waits for one more event before it commits a batch
     * @param applyLinger how long the applier gathers logged events before it applies a batch
     * @param enqueueTimeout how long a submitter waits for room in a full queue
     * @param sqlBudget how much work deriving column lineage from one event's SQL may take
     */
    public record Settings(int maxLogBatchEvents, long maxLogBatchBytes, Duration logLinger, int queueCapacity,
            int maxApplyBatchEvents, Duration applyLinger, int applyQueueCapacity, Duration enqueueTimeout,
            AnalysisBudget sqlBudget) {
        /** With the default SQL analysis budget. */
        public Settings(int maxLogBatchEvents, long maxLogBatchBytes, Duration logLinger, int queueCapacity,
                int maxApplyBatchEvents, Duration applyLinger, int applyQueueCapacity, Duration enqueueTimeout) {
            this(maxLogBatchEvents, maxLogBatchBytes, logLinger, queueCapacity, maxApplyBatchEvents, applyLinger,
                    applyQueueCapacity, enqueueTimeout, AnalysisBudget.DEFAULT);
        }

        public Settings {
            if (maxLogBatchEvents < 1 || maxLogBatchBytes < 1 || queueCapacity < 1 || maxApplyBatchEvents < 1
                    || applyQueueCapacity < 1) {
                throw new IllegalArgumentException("batch and queue sizes must be positive");
            }
            requireNonNull(logLinger, "logLinger is null");
            requireNonNull(applyLinger, "applyLinger is null");
            requireNonNull(enqueueTimeout, "enqueueTimeout is null");
            requireNonNull(sqlBudget, "sqlBudget is null");
        }

        /** These settings with another SQL analysis budget. */
        public Settings withSqlBudget(AnalysisBudget budget) {
            return new Settings(maxLogBatchEvents, maxLogBatchBytes, logLinger, queueCapacity, maxApplyBatchEvents,
                    applyLinger, applyQueueCapacity, enqueueTimeout, budget);
        }

        public static Settings defaults() {
            return new Settings(500, 16L << 20, Duration.ofMillis(1), 10_000, 1_000, Duration.ofMillis(10), 20_000,
                    Duration.ofSeconds(30));
        }
    }

    /**
     * Queues one event; the future completes once the event is in the log, or fails if it could
     * not be logged. Throws {@link RejectedExecutionException} when the queue stays full or the
     * ingestor is closed.
     */
    public CompletableFuture<IngestReceipt> submit(LineageEvent event) {
        requireNonNull(event, "event is null");
        if (!accepting) {
            throw new RejectedExecutionException(started.get() ? "ingestion is shutting down" : "ingestion has not started");
        }
        Pending pending = new Pending(event, new CompletableFuture<>());
        try {
            if (!logQueue.offer(pending, enqueueTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new RejectedExecutionException("ingestion is saturated: " + logQueue.size() + " events waiting");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RejectedExecutionException("interrupted while queueing the event", e);
        }
        return pending.result();
    }

    /** Waits until the catalog reflects every event logged so far; false on timeout. */
    public boolean awaitApplied(Duration timeout) {
        try {
            return applyLoop.awaitApplied(loggedSeq.get(), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits until the catalog reflects every event logged so far and the lineage derived from
     * their SQL is written (or its derivation recorded as skipped or failed); false on timeout.
     */
    public boolean awaitDerived(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!awaitApplied(timeout)) {
            return false;
        }
        while (pendingDerivations() > 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Whether listeners that reflect the catalog up to log position {@code seq} (a search index
     * found behind the store on start) can be brought current by replaying the change feed of a
     * shared store instead of being rebuilt: the feed still holds the batch that reached {@code seq},
     * and so everything after it (it is pruned oldest first).
     */
    public static boolean replayableFrom(Jdbi jdbi, long seq) {
        return seq > 0 && jdbi.withHandle(h -> h.attach(IngestDao.class).changeReaching(seq)) > 0;
    }

    /**
     * Runs {@code listener} each time this replica takes over applying the log of a shared store,
     * on the applier's thread, before it applies anything: the previous holder may have committed
     * batches whose derived work (classification at ingest, propagation) it never did, and only the
     * applier's own batches carry that work. Never runs when the store is this process's alone.
     * Register before {@link #start()}.
     *
     * @return this ingestor
     */
    public LineageIngestor onTakeOver(Runnable listener) {
        takeOverListeners.add(requireNonNull(listener, "listener is null"));
        return this;
    }

    private void tookOver() {
        // What the previous holder queued for SQL derivation is now this replica's to analyse.
        derivationLoop.wake();
        for (Runnable listener : takeOverListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                // Derived work is redone from the store on its own next start; applying goes on.
                log.error("a listener failed when this replica took over applying: {}", Failures.describe(e));
            }
        }
    }

    /** Whether this process applies the event log now: always alone, and while it holds the lease on a shared store. */
    public boolean appliesLog() {
        return applyLoop.applies();
    }

    /** The log position the catalog has applied, as this replica knows it. */
    public long appliedSeq() {
        return applyLoop.appliedSeq();
    }

    /** Waits until the catalog has applied the log through {@code seq}, as this replica knows it; false on timeout. */
    public boolean awaitApplied(long seq, Duration timeout) {
        try {
            return applyLoop.awaitApplied(seq, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Tells the other replicas of a shared store about a change made outside ingestion (a
     * steward's decision, a scan's classifications), so that their search indexes and caches
     * follow; does nothing when the store is this process's alone. This replica's own listeners
     * are told by the caller.
     */
    public void publishChange(AppliedBatch changed) {
        requireNonNull(changed, "changed is null");
        if (replica.isEmpty() || changed.datasets().isEmpty() && changed.jobs().isEmpty()) {
            return;
        }
        // Made outside ingestion: it reached no log position.
        AppliedBatch change = changed.through(-1);
        try {
            jdbi.useTransaction(h -> ChangeFeed.record(h.attach(IngestDao.class), replica.get().id(), -1, change));
        } catch (RuntimeException e) {
            // The change itself is committed; other replicas see it when the datasets change next,
            // or when their index is rebuilt. Not worth failing the steward's request for.
            log.warn(
                    "other replicas could not be told of a change to {} datasets: {}", change.datasets().size(),
                    Failures.describe(e));
        }
    }

    /** Applied events whose SQL waits to be analysed for column lineage. */
    public long pendingDerivations() {
        return jdbi.withHandle(h -> h.attach(IngestDao.class).pendingDerivationCount());
    }

    /** Events since start whose SQL yielded no column lineage, or not all of it (skipped or failed). */
    public long sqlDerivationFailures() {
        return deriver.failures();
    }

    /** Events logged since start. */
    public long loggedEvents() {
        return loggedEvents.get();
    }

    /** Logged events the catalog does not reflect yet. */
    public long pendingApply() {
        return Math.max(0, loggedSeq.get() - applyLoop.appliedSeq());
    }

    /** Events since start that could not be applied and wait in the log with their error. */
    public long failedEvents() {
        return applyLoop.failedEvents();
    }

    public int queuedEvents() {
        return logQueue.size();
    }

    /** Stops taking events, logs and applies everything already queued, then stops both threads. */
    @Override
    public void close() {
        accepting = false;
        if (!started.get()) {
            return;
        }
        // The deriver first: what it has not finished stays queued in the store for the next start.
        derivationLoop.stop();
        join(derivationThread, Duration.ofSeconds(1));
        if (follower != null) {
            follower.stop();
            join(followerThread, Duration.ofSeconds(5));
        }
        writer.stop();
        join(writerThread);
        join(applyThread);
        Pending left;
        while ((left = logQueue.poll()) != null) {
            left.result().completeExceptionally(new RejectedExecutionException("ingestion shut down"));
        }
    }

    private void appliedElsewhere(long seq) {
        applyLoop.appliedElsewhere(seq);
    }

    private void derivationsQueued() {
        derivationLoop.wake();
    }

    private void handOver(List<Logged> logged) {
        for (Logged event : logged) {
            loggedSeq.accumulateAndGet(event.seq(), Math::max);
            loggedEvents.incrementAndGet();
            try {
                // Blocks when applying falls far behind: back-pressure on producers, not memory.
                applyQueue.put(event);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void join(Thread thread) {
        join(thread, Duration.ofSeconds(60));
    }

    private static void join(Thread thread, Duration timeout) {
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
