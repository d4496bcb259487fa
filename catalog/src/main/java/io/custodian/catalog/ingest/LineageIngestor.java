package io.custodian.catalog.ingest;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.Failures;
import io.custodian.catalog.ingest.IngestDao.LoggedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes events to the event log and applies them to the catalog with group commit.
 *
 * <p>Callers on many threads submit events; one writer thread takes everything that is waiting
 * (up to a batch size), and in a single transaction appends the new events to the log and
 * applies them. A caller's future completes only after that transaction has committed, so an
 * acknowledged event is durable, and the catalog already shows it. Under load, batches grow by
 * themselves: the more callers wait, the more one commit serves.
 *
 * <p>If a batch fails, each of its events is retried alone; an event whose apply step fails on
 * its own is still logged, with the error, and acknowledged: the producer's data is kept and
 * can be applied again once the cause is fixed.
 */
public final class LineageIngestor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LineageIngestor.class);

    private final Jdbi jdbi;
    private final IngestDao dao;
    private final EventApplier applier;
    private final Clock clock;
    private final int maxBatchEvents;
    private final long maxBatchBytes;
    private final Duration enqueueTimeout;
    private final BlockingQueue<Pending> queue;
    private final Thread writer;
    private final AtomicLong committedBatches = new AtomicLong();
    private final AtomicLong committedEvents = new AtomicLong();
    private final AtomicLong unappliedEvents = new AtomicLong();
    private volatile boolean running = true;

    public LineageIngestor(Jdbi jdbi, Clock clock, Settings settings) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.dao = jdbi.onDemand(IngestDao.class);
        this.applier = new EventApplier(dao);
        this.clock = requireNonNull(clock, "clock is null");
        requireNonNull(settings, "settings is null");
        this.maxBatchEvents = settings.maxBatchEvents();
        this.maxBatchBytes = settings.maxBatchBytes();
        this.enqueueTimeout = settings.enqueueTimeout();
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.writer = new Thread(this::writeLoop, "custodian-ingest-writer");
        this.writer.setDaemon(false);
        this.writer.start();
    }

    /** How the writer batches. */
    public record Settings(int maxBatchEvents, long maxBatchBytes, int queueCapacity, Duration enqueueTimeout) {
        public Settings {
            if (maxBatchEvents < 1 || maxBatchBytes < 1 || queueCapacity < 1) {
                throw new IllegalArgumentException("batch and queue sizes must be positive");
            }
            requireNonNull(enqueueTimeout, "enqueueTimeout is null");
        }

        public static Settings defaults() {
            return new Settings(500, 16L << 20, 10_000, Duration.ofSeconds(30));
        }
    }

    /**
     * Queues one event; the future completes once the event is committed, or fails if it could
     * not be. Throws {@link RejectedExecutionException} when the queue stays full or the
     * ingestor is closed.
     */
    public CompletableFuture<IngestReceipt> submit(LineageEvent event) {
        requireNonNull(event, "event is null");
        if (!running) {
            throw new RejectedExecutionException("the ingestor is shutting down");
        }
        Pending pending = new Pending(event, new CompletableFuture<>());
        try {
            if (!queue.offer(pending, enqueueTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new RejectedExecutionException("ingestion is saturated: " + queue.size() + " events waiting");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RejectedExecutionException("interrupted while queueing the event", e);
        }
        return pending.result();
    }

    public long committedBatches() {
        return committedBatches.get();
    }

    public long committedEvents() {
        return committedEvents.get();
    }

    /** Events accepted into the log since start whose apply step failed. */
    public long unappliedEvents() {
        return unappliedEvents.get();
    }

    public int queuedEvents() {
        return queue.size();
    }

    /** Stops taking events, commits everything already queued, and stops the writer. */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(Duration.ofSeconds(60).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.result().completeExceptionally(new RejectedExecutionException("the ingestor shut down"));
        }
    }

    private record Pending(LineageEvent event, CompletableFuture<IngestReceipt> result) {}

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(maxBatchEvents);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long bytes = first.event().json().length();
                Pending next;
                while (batch.size() < maxBatchEvents && bytes < maxBatchBytes && (next = queue.poll()) != null) {
                    batch.add(next);
                    bytes += next.event().json().length();
                }
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // Never leave a caller waiting: whatever escaped, fail what this batch held.
                log.error("ingestion writer failed on a batch of {} events: {}", batch.size(), Failures.describe(e));
                batch.forEach(p -> p.result().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending> batch) {
        Instant receivedAt = clock.instant();
        try {
            Map<String, Boolean> fresh = jdbi.inTransaction(handle -> appendAndApply(batch, receivedAt));
            committedBatches.incrementAndGet();
            committedEvents.addAndGet(fresh.values().stream().filter(b -> b).count());
            for (Pending pending : batch) {
                String key = pending.event().key();
                // Only the first copy of a key within a batch is new; later copies are duplicates.
                boolean isNew = fresh.remove(key) == Boolean.TRUE;
                pending.result().complete(new IngestReceipt(key, !isNew, true));
            }
        } catch (RuntimeException e) {
            applier.forget();
            if (batch.size() == 1) {
                commitAlone(batch.get(0), e);
            } else {
                log.warn("a batch of {} events failed ({}); retrying each event alone", batch.size(), Failures.describe(e));
                for (Pending pending : batch) {
                    commitAlone(pending, null);
                }
            }
        }
    }

    /** Returns, per event key in the batch, whether it was new to the log. */
    private Map<String, Boolean> appendAndApply(List<Pending> batch, Instant receivedAt) {
        Map<String, LineageEvent> byKey = new LinkedHashMap<>();
        for (Pending pending : batch) {
            byKey.putIfAbsent(pending.event().key(), pending.event());
        }
        Set<String> existing = new HashSet<>(dao.existingEventKeys(byKey.keySet()));
        Map<String, Boolean> fresh = new LinkedHashMap<>();
        List<LineageEvent> toApply = new ArrayList<>();
        for (Map.Entry<String, LineageEvent> entry : byKey.entrySet()) {
            boolean isNew = !existing.contains(entry.getKey());
            fresh.put(entry.getKey(), isNew);
            if (isNew) {
                toApply.add(entry.getValue());
            }
        }
        dao.appendEvents(toApply.stream().map(e -> logged(e, receivedAt, null)).toList());
        applier.apply(toApply);
        return fresh;
    }

    private void commitAlone(Pending pending, RuntimeException alreadyFailed) {
        LineageEvent event = pending.event();
        Instant receivedAt = clock.instant();
        RuntimeException applyFailure = alreadyFailed;
        if (applyFailure == null) {
            try {
                Map<String, Boolean> fresh = jdbi.inTransaction(h -> appendAndApply(List.of(pending), receivedAt));
                committedBatches.incrementAndGet();
                boolean isNew = fresh.get(event.key()) == Boolean.TRUE;
                if (isNew) {
                    committedEvents.incrementAndGet();
                }
                pending.result().complete(new IngestReceipt(event.key(), !isNew, true));
                return;
            } catch (RuntimeException e) {
                applier.forget();
                applyFailure = e;
            }
        }
        // Keep the event even though it could not be applied: it was valid, and it is the producer's data.
        String error = Failures.describe(applyFailure);
        try {
            boolean isNew = jdbi.inTransaction(handle -> {
                if (!dao.existingEventKeys(List.of(event.key())).isEmpty()) {
                    return false;
                }
                dao.appendEvents(List.of(logged(event, receivedAt, error)));
                return true;
            });
            if (isNew) {
                unappliedEvents.incrementAndGet();
                committedEvents.incrementAndGet();
                log.warn("event {} was logged but could not be applied: {}", event.key(), error);
            }
            pending.result().complete(new IngestReceipt(event.key(), !isNew, !isNew));
        } catch (RuntimeException e) {
            applier.forget();
            log.error("event {} could not be logged: {}", event.key(), Failures.describe(e));
            pending.result().completeExceptionally(e);
        }
    }

    private static LoggedEvent logged(LineageEvent event, Instant receivedAt, String applyError) {
        return new LoggedEvent(
                event.key(),
                event.kind().name(),
                event.eventType().map(Enum::name).orElse(null),
                event.eventTime(),
                event.run().map(RunSpec::runId).orElse(null),
                event.job().map(JobSpec::namespace).orElse(null),
                event.job().map(JobSpec::name).orElse(null),
                event.producer(),
                receivedAt,
                event.json(),
                applyError);
    }

}
