package io.custodian.catalog.ingest;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.ingest.EventLogWriter.Logged;
import io.custodian.catalog.ingest.EventLogWriter.Pending;
import io.custodian.lineage.sql.AnalysisBudget;
import io.custodian.lineage.sql.SqlLineageExtractor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;

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
 */
public final class LineageIngestor implements AutoCloseable {
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
        requireNonNull(jdbi, "jdbi is null");
        requireNonNull(parser, "parser is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(settings, "settings is null");
        this.enqueueTimeout = settings.enqueueTimeout();
        this.logQueue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.applyQueue = new ArrayBlockingQueue<>(settings.applyQueueCapacity());
        this.jdbi = jdbi;
        this.applyLoop = new CatalogApplyLoop(jdbi, parser, applyQueue, settings.maxApplyBatchEvents(),
                settings.applyLinger(), requireNonNull(onApplied, "onApplied is null"), this::derivationsQueued);
        this.deriver = new SqlLineageDeriver(new SqlLineageExtractor(), settings.sqlBudget());
        this.derivationLoop = new SqlDerivationLoop(jdbi, parser, deriver, applyLoop::submitDerived);
        this.derivationThread = new Thread(derivationLoop, "custodian-sql-lineage");
        // A stop does not wait for an analysis in hand (up to the budget's time limit): its event
        // stays queued in the store and is analysed after the next start.
        this.derivationThread.setDaemon(true);
        this.writer = new EventLogWriter(jdbi, clock, logQueue, settings.maxLogBatchEvents(), settings.maxLogBatchBytes(),
                settings.logLinger(), this::handOver, applyLoop::stop);
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
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("ingestion already started");
        }
        applyLoop.recover();
        loggedSeq.set(applyLoop.appliedSeq());
        applyThread.start();
        derivationThread.start();
        writerThread.start();
        accepting = true;
        return this;
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
        writer.stop();
        join(writerThread);
        join(applyThread);
        Pending left;
        while ((left = logQueue.poll()) != null) {
            left.result().completeExceptionally(new RejectedExecutionException("ingestion shut down"));
        }
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
