package io.custodian.server.lineage;

import static java.util.Objects.requireNonNull;

import io.custodian.access.Caller;
import io.custodian.access.audit.AuditLog;
import io.custodian.access.audit.AuditRecord;
import io.custodian.catalog.Failures;
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
 */
public final class IngestionAudit implements Managed {
    private static final Logger log = LoggerFactory.getLogger(IngestionAudit.class);
    private final AuditLog audit;
    private final Duration window;
    private final Map<Source, Counts> counts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "custodian-ingestion-audit");
        thread.setDaemon(true);
        return thread;
    });

    public IngestionAudit(AuditLog audit, Duration window) {
        this.audit = requireNonNull(audit, "audit is null");
        this.window = requireNonNull(window, "window is null");
    }

    private record Source(String actor, String remoteAddr) {}

    private static final class Counts {
        final LongAdder accepted = new LongAdder();
        final LongAdder rejected = new LongAdder();
    }

    public void record(Caller caller, String remoteAddr, int accepted, int rejected) {
        Counts c = counts.computeIfAbsent(new Source(caller.name(), remoteAddr), s -> new Counts());
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
    }

    /** Writes one entry per caller that sent something since the last flush. */
    void flush() {
        for (Map.Entry<Source, Counts> entry : counts.entrySet()) {
            long accepted = entry.getValue().accepted.sumThenReset();
            long rejected = entry.getValue().rejected.sumThenReset();
            if (accepted == 0 && rejected == 0) {
                counts.remove(entry.getKey(), entry.getValue());
                continue;
            }
            try {
                audit.append(new AuditRecord(entry.getKey().actor(), "lineage.ingest", "/api/v1/lineage",
                        rejected == 0 ? "success" : "partial", null, entry.getKey().remoteAddr(),
                        "accepted=" + accepted + " rejected=" + rejected + " window=" + window));
            } catch (RuntimeException e) {
                log.error("could not write the ingestion audit entry: {}", Failures.describe(e));
            }
        }
    }
}
