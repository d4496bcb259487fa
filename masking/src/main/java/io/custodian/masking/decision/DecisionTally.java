package io.custodian.masking.decision;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.audit.AuditEvent;
import io.custodian.catalog.audit.AuditException;
import io.custodian.catalog.audit.AuditTrail;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit of gateway answers: a gateway asks for every query its users run, so one entry per
 * call would drown the log. Instead each (gateway, principal, kind of answer) gets one entry per
 * time window with the counts: calls, tables, columns, masked columns.
 *
 * <p>Answers still depend on the audit: when writing a window's entries fails, the counts are
 * kept and the next answer first retries; while that fails it throws {@link AuditException}, so
 * no gateway is answered for long without a record.
 */
public final class DecisionTally implements AutoCloseable {
    /** More distinct principals than this in one window write the window early, bounding memory. */
    static final int MAX_KEYS = 10_000;
    private static final Logger log = LoggerFactory.getLogger(DecisionTally.class);

    private final AuditTrail audit;
    private final Clock clock;
    private final Duration window;
    private final Map<Key, Counts> counts = new LinkedHashMap<>();
    private Instant windowStart;
    private boolean lastWriteFailed;
    private ScheduledExecutorService timer;

    /** The kinds of gateway answer, as audit actions. */
    public enum Kind {
        DECISIONS("gateway.decisions"),
        REWRITE("gateway.rewrite");

        private final String action;

        Kind(String action) {
            this.action = action;
        }

        public String action() {
            return action;
        }
    }

    private record Key(String gateway, String principal, Kind kind) {}

    private static final class Counts {
        long calls;
        long tables;
        long columns;
        long masked;
    }

    public DecisionTally(AuditTrail audit, Clock clock, Duration window) {
        this.audit = requireNonNull(audit, "audit is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.window = requireNonNull(window, "window is null");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the audit window must be positive");
        }
        this.windowStart = clock.instant();
    }

    /** Writes each window when it ends, also when no gateway calls. */
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "gateway-audit");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, window.toMillis());
        timer.scheduleAtFixedRate(this::writeIfDue, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Counts one answer.
     *
     * @throws AuditException when earlier counts could not be written and still cannot
     */
    public synchronized void record(String gateway, String principal, Kind kind, int tables, int columns, int masked) {
        requireNonNull(gateway, "gateway is null");
        requireNonNull(principal, "principal is null");
        requireNonNull(kind, "kind is null");
        if (lastWriteFailed || clock.instant().isAfter(windowStart.plus(window))) {
            write();
        }
        Key key = new Key(gateway, principal, kind);
        if (!counts.containsKey(key) && counts.size() >= MAX_KEYS) {
            write();
        }
        Counts c = counts.computeIfAbsent(key, k -> new Counts());
        c.calls++;
        c.tables += tables;
        c.columns += columns;
        c.masked += masked;
    }

    /** Writes the counts so far; entries already written are not written again. */
    public synchronized void write() {
        Instant end = clock.instant();
        var entries = counts.entrySet().iterator();
        try {
            while (entries.hasNext()) {
                var entry = entries.next();
                Key key = entry.getKey();
                Counts c = entry.getValue();
                audit.record(AuditEvent.success(key.gateway(), key.kind().action(), "principal " + key.principal(),
                        "calls=" + c.calls + " tables=" + c.tables + " columns=" + c.columns + " masked=" + c.masked
                                + " from=" + windowStart + " to=" + end));
                entries.remove();
            }
            lastWriteFailed = false;
            windowStart = end;
        } catch (AuditException e) {
            lastWriteFailed = true;
            throw e;
        }
    }

    private void writeIfDue() {
        try {
            synchronized (this) {
                if (!counts.isEmpty() && !clock.instant().isBefore(windowStart.plus(window))) {
                    write();
                } else if (counts.isEmpty()) {
                    windowStart = clock.instant();
                }
            }
        } catch (AuditException e) {
            log.warn("gateway answers could not be audited; they are refused until the audit log accepts entries");
        }
    }

    /** Writes what is counted and stops the timer. */
    @Override
    public void close() {
        synchronized (this) {
            if (timer != null) {
                timer.shutdownNow();
                timer = null;
            }
        }
        try {
            write();
        } catch (AuditException e) {
            log.warn("the last gateway audit window could not be written");
        }
    }
}
