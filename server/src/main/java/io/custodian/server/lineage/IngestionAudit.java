package io.custodian.server.lineage;

import static java.util.Objects.requireNonNull;

import io.custodian.access.Actor;
import io.custodian.access.Caller;
import io.custodian.access.audit.AuditLog;
import io.custodian.access.audit.AuditRecord;
import io.custodian.catalog.Failures;
import io.custodian.catalog.audit.AuditException;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audits ingestion per batch rather than per event: counts what each caller sent, from where,
 * and writes one audit entry per caller and window. A pipeline sending hundreds of events a
 * second makes one entry every window, not hundreds (the events themselves are in the event log).
 *
 * <p>An entry that cannot be written is not dropped: its counts wait for the next window, and
 * ingestion answers 503 until the audit log takes entries again.
 */
public final class IngestionAudit implements Managed {
    private static final Logger log = LoggerFactory.getLogger(IngestionAudit.class);
    private final AuditLog audit;
    private final Duration window;
    private final Map<Source, Counts> counts = new ConcurrentHashMap<>();
    /** Why the last flush could not write its entries; null while they are written. */
    private volatile Throwable failing;
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "custodian-ingestion-audit");
        thread.setDaemon(true);
        return thread;
    });

    public IngestionAudit(AuditLog audit, Duration window) {
        this.audit = requireNonNull(audit, "audit is null");
        this.window = requireNonNull(window, "window is null");
    }

    private record Source(Actor actor, String target, String remoteAddr) {}

    private static final class Counts {
        final LongAdder accepted = new LongAdder();
        final LongAdder rejected = new LongAdder();
    }

    /** Counts events a caller sent to {@code POST /api/v1/lineage}. */
    public void record(Caller caller, String remoteAddr, int accepted, int rejected) {
        record(caller, "/api/v1/lineage", remoteAddr, accepted, rejected);
    }

    /**
     * Counts events a caller sent through {@code target}: the endpoint, or {@code kafka:TOPICS} for the
     * Kafka consumer (whose remote address is null).
     */
    public void record(Caller caller, String target, String remoteAddr, int accepted, int rejected) {
        Counts c = counts.computeIfAbsent(new Source(caller.actor(), target, remoteAddr), s -> new Counts());
        c.accepted.add(accepted);
        c.rejected.add(rejected);
    }

    @Override
    public void start() {
        long millis = window.toMillis();
        flusher.scheduleWithFixedDelay(this::flush, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        flusher.shutdown();
        flush();
        if (failing != null) {
            log.error("ingestion audit entries for {} callers could not be written before stopping", counts.size());
        }
    }

    /** False while the last window's entries could not be written, and ingestion is paused. */
    public boolean recording() {
        return failing == null;
    }

    /**
     * Refuses new ingestion while the last window's entries could not be written: events are
     * accepted only while their audit can be kept.
     *
     * @throws AuditException while the audit log is failing
     */
    public void ensureRecording() {
        Throwable failure = failing;
        if (failure != null) {
            throw new AuditException("ingestion is paused: its audit entries could not be written ("
                    + Failures.describe(failure) + ")", failure);
        }
    }

    /**
     * Writes one entry per caller that sent something since the last flush. Counts that could not
     * be written stay, to be written by the next flush, and ingestion pauses until they are.
     */
    void flush() {
        RuntimeException failure = null;
        for (Map.Entry<Source, Counts> entry : counts.entrySet()) {
            Counts c = entry.getValue();
            long accepted = c.accepted.sumThenReset();
            long rejected = c.rejected.sumThenReset();
            if (accepted == 0 && rejected == 0) {
                counts.remove(entry.getKey(), c);
                continue;
            }
            try {
                audit.append(new AuditRecord(entry.getKey().actor(), "lineage.ingest", entry.getKey().target(),
                        rejected == 0 ? "success" : "partial", null, entry.getKey().remoteAddr(),
                        "accepted=" + accepted + " rejected=" + rejected + " window=" + window));
            } catch (RuntimeException e) {
                c.accepted.add(accepted);
                c.rejected.add(rejected);
                failure = e;
            }
        }
        if (failure != null && failing == null) {
            log.error("ingestion audit entries could not be written; ingestion pauses until they are: {}",
                    Failures.describe(failure));
        } else if (failure == null && failing != null) {
            log.info("ingestion audit entries written again; ingestion resumes");
        }
        failing = failure;
    }
}
