package io.custodian.catalog.ingest;

import io.custodian.catalog.Failures;
import io.custodian.catalog.ingest.IngestDao.LoggedEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The appending half of ingestion: one thread that takes every waiting event (group commit),
 * appends the new ones to the event log in one transaction, and acknowledges them once it has
 * committed. Committed events go on to the applier. On a store several replicas share, appends
 * take the log's order lock first.
 */
final class EventLogWriter implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(EventLogWriter.class);
    private static final String EVENT_LOG_ORDER = "event_log";

    /** An event waiting to be logged, and the caller waiting for it. */
    record Pending(LineageEvent event, CompletableFuture<IngestReceipt> result) {}

    /** An event in the log, with its place. */
    record Logged(long seq, LineageEvent event) {}

    private final Jdbi jdbi;
    private final Clock clock;
    private final BlockingQueue<Pending> queue;
    private final int maxBatchEvents;
    private final long maxBatchBytes;
    private final long lingerNanos;
    private final Consumer<List<Logged>> committed;
    private final Runnable onStop;
    private final boolean shared;
    private volatile boolean running = true;

    EventLogWriter(Jdbi jdbi, Clock clock, BlockingQueue<Pending> queue, int maxBatchEvents, long maxBatchBytes,
            java.time.Duration linger, boolean shared, Consumer<List<Logged>> committed, Runnable onStop) {
        this.shared = shared;
        this.lingerNanos = linger.toNanos();
        this.jdbi = jdbi;
        this.clock = clock;
        this.queue = queue;
        this.maxBatchEvents = maxBatchEvents;
        this.maxBatchBytes = maxBatchBytes;
        this.committed = committed;
        this.onStop = onStop;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        try (WriterHandle handle = new WriterHandle(jdbi)) {
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
                    // Wait a moment for producers whose previous event was just acknowledged: a
                    // commit costs about the same for one event as for ten.
                    while (batch.size() < maxBatchEvents && bytes < maxBatchBytes
                            && (next = queue.poll(lingerNanos, TimeUnit.NANOSECONDS)) != null) {
                        batch.add(next);
                        bytes += next.event().json().length();
                    }
                    append(handle, batch);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException | Error e) {
                    // Never leave a caller waiting: whatever escaped, fail what this batch held.
                    log.error("event log writer failed on {} events: {}", batch.size(), Failures.describe(e));
                    batch.forEach(p -> p.result().completeExceptionally(e));
                } finally {
                    batch.clear();
                }
            }
        } finally {
            onStop.run();
        }
    }

    private void append(WriterHandle handle, List<Pending> batch) {
        Instant receivedAt = clock.instant();
        Map<String, Long> seqs;
        try {
            seqs = handle.inTransaction(dao -> {
                if (shared) {
                    // Other replicas append too: draw and commit sequence numbers one writer at a time,
                    // so the applier never sees seq n before a smaller one that commits later.
                    dao.takeStoreLock(EVENT_LOG_ORDER);
                }
                return appendNew(dao, batch, receivedAt);
            });
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                log.error("event {} could not be logged: {}", batch.get(0).event().key(), Failures.describe(e));
                batch.get(0).result().completeExceptionally(e);
                return;
            }
            // One bad apple must not spoil the batch: log each event on its own.
            log.warn("a batch of {} events could not be logged ({}); retrying each alone", batch.size(),
                    Failures.describe(e));
            for (Pending pending : batch) {
                append(handle, List.of(pending));
            }
            return;
        }
        List<Logged> logged = new ArrayList<>(seqs.size());
        List<IngestReceipt> receipts = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            // Only the first copy of a key in a batch is new; later copies are duplicates.
            Long seq = seqs.remove(pending.event().key());
            if (seq != null && seq > 0) {
                logged.add(new Logged(seq, pending.event()));
            }
            receipts.add(new IngestReceipt(pending.event().key(), seq == null ? 0 : seq, seq == null || seq == 0));
        }
        // Hand over before acknowledging, so that a caller who waits for the catalog after the
        // acknowledgement waits for these events too.
        committed.accept(logged);
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(receipts.get(i));
        }
    }

    /** Returns, per event key of the batch, its new sequence number, or 0 if already logged. */
    private static Map<String, Long> appendNew(IngestDao dao, List<Pending> batch, Instant receivedAt) {
        Map<String, LineageEvent> byKey = new LinkedHashMap<>();
        for (Pending pending : batch) {
            byKey.putIfAbsent(pending.event().key(), pending.event());
        }
        Set<String> existing = new HashSet<>(dao.existingEventKeys(byKey.keySet()));
        List<LineageEvent> fresh = new ArrayList<>();
        Map<String, Long> seqs = new LinkedHashMap<>();
        for (Map.Entry<String, LineageEvent> entry : byKey.entrySet()) {
            if (existing.contains(entry.getKey())) {
                seqs.put(entry.getKey(), 0L);
            } else {
                fresh.add(entry.getValue());
            }
        }
        if (!fresh.isEmpty()) {
            long[] generated = dao.appendEvents(fresh.stream().map(e -> logged(e, receivedAt)).toList());
            for (int i = 0; i < fresh.size(); i++) {
                seqs.put(fresh.get(i).key(), generated[i]);
            }
        }
        return seqs;
    }

    private static LoggedEvent logged(LineageEvent event, Instant receivedAt) {
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
                event.readAs().isEmpty() ? null : String.join("; ", event.readAs()));
    }
}
