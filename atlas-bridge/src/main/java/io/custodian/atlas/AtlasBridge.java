package io.custodian.atlas;

import static java.util.Objects.requireNonNull;

import io.custodian.atlas.client.AtlasConnection;
import io.custodian.atlas.client.AtlasRequestException;
import io.custodian.atlas.export.AtlasExporter;
import io.custodian.atlas.export.ExportReport;
import io.custodian.atlas.importing.AtlasImporter;
import io.custodian.atlas.importing.ImportReport;
import io.custodian.catalog.audit.AuditEvent;
import io.custodian.catalog.audit.AuditTrail;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs exports and imports one at a time on a thread of its own, on request and, when configured,
 * on a schedule; keeps the latest runs for their callers to follow. Every request is audited before
 * it is queued (a request that cannot be recorded is refused), and every run's outcome after.
 *
 * <p>Runs are kept in memory: a run in progress when the service stops is lost, and running it
 * again is safe, since both directions compare with what the other side holds.
 */
public final class AtlasBridge implements AutoCloseable {
    /** The actor of scheduled runs. */
    public static final String SCHEDULER = "custodian";
    private static final Logger log = LoggerFactory.getLogger(AtlasBridge.class);
    private static final int KEPT_RUNS = 100;
    private final AtlasSettings settings;
    private final AtlasExporter exporter;
    private final AtlasImporter importer;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration exportInterval;
    private final Duration importInterval;
    private final Map<UUID, AtlasRun> runs = new LinkedHashMap<>();
    private ScheduledExecutorService worker;

    /**
     * @param exportInterval how often to export on its own; zero for never
     * @param importInterval how often to import on its own; zero for never
     */
    public AtlasBridge(AtlasSettings settings, AtlasExporter exporter, AtlasImporter importer, AuditTrail audit,
            Clock clock, Duration exportInterval, Duration importInterval) {
        this.settings = requireNonNull(settings, "settings is null");
        this.exporter = requireNonNull(exporter, "exporter is null");
        this.importer = requireNonNull(importer, "importer is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.exportInterval = requireNonNull(exportInterval, "exportInterval is null");
        this.importInterval = requireNonNull(importInterval, "importInterval is null");
    }

    /** Starts the worker and the schedules. */
    public synchronized AtlasBridge start() {
        if (worker != null) {
            return this;
        }
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "atlas-bridge");
            t.setDaemon(true);
            return t;
        });
        if (!importInterval.isZero()) {
            worker.scheduleWithFixedDelay(() -> scheduled(AtlasRun.Kind.IMPORT), importInterval.toMillis(),
                    importInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (!exportInterval.isZero()) {
            worker.scheduleWithFixedDelay(() -> scheduled(AtlasRun.Kind.EXPORT), exportInterval.toMillis(),
                    exportInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /**
     * Queues a run and returns it QUEUED.
     *
     * @throws io.custodian.catalog.audit.AuditException when the request cannot be audited; nothing is queued
     */
    public AtlasRun request(AtlasRun.Kind kind, String actor) {
        requireNonNull(kind, "kind is null");
        requireNonNull(actor, "actor is null");
        AtlasRun run = new AtlasRun(UUID.randomUUID(), kind, actor, AtlasRun.Status.QUEUED, clock.instant(), null, null,
                null, null);
        audit.record(AuditEvent.success(actor, action(kind) + ".request", target(), "run=" + run.id()));
        synchronized (this) {
            if (worker == null) {
                throw new IllegalStateException("the Atlas bridge is not started");
            }
            put(run);
            worker.execute(() -> execute(run.id()));
        }
        return run;
    }

    public synchronized Optional<AtlasRun> run(UUID id) {
        return Optional.ofNullable(runs.get(id));
    }

    /** The kept runs, latest first. */
    public synchronized List<AtlasRun> runs() {
        List<AtlasRun> all = new ArrayList<>(runs.values());
        all.sort(Comparator.comparing(AtlasRun::requestedAt).reversed());
        return all;
    }

    /** Waits until every run requested so far has finished; for tests and for a stop. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (this) {
                if (runs.values().stream().allMatch(r -> r.status().finished())) {
                    return true;
                }
            }
            Thread.sleep(10);
        }
        return false;
    }

    @Override
    public synchronized void close() {
        if (worker != null) {
            worker.shutdownNow();
            worker = null;
        }
    }

    private void scheduled(AtlasRun.Kind kind) {
        try {
            request(kind, SCHEDULER);
        } catch (RuntimeException e) {
            log.warn("a scheduled Atlas {} was not queued: {}", kind, e.getClass().getSimpleName());
        }
    }

    private void execute(UUID id) {
        AtlasRun run;
        synchronized (this) {
            run = runs.get(id).running(clock.instant());
            put(run);
        }
        AtlasRun done;
        try (AtlasConnection atlas = new AtlasConnection(settings)) {
            if (run.kind() == AtlasRun.Kind.EXPORT) {
                ExportReport report = exporter.export(atlas);
                done = run.succeeded(clock.instant(), report);
                record(AuditEvent.success(run.requestedBy(), action(run.kind()), target(), "run=" + id + "; " + report.summary()));
            } else {
                ImportReport report = importer.importAll(atlas);
                done = run.succeeded(clock.instant(), report);
                record(AuditEvent.success(run.requestedBy(), action(run.kind()), target(), "run=" + id + "; " + report.summary()));
            }
        } catch (AtlasRequestException e) {
            done = fail(run, e.getMessage());
        } catch (RuntimeException e) {
            // Messages of other failures (a database's) can quote values: the type only.
            log.warn("Atlas {} {} failed", run.kind(), id, e);
            done = fail(run, "failed: " + e.getClass().getSimpleName());
        }
        synchronized (this) {
            put(done);
        }
    }

    private AtlasRun fail(AtlasRun run, String why) {
        log.warn("Atlas {} {} failed: {}", run.kind(), run.id(), why);
        record(AuditEvent.failure(run.requestedBy(), action(run.kind()), target(), "run=" + run.id() + "; " + why));
        return run.failed(clock.instant(), why);
    }

    private void record(AuditEvent event) {
        try {
            audit.record(event);
        } catch (RuntimeException e) {
            log.warn("the outcome of an Atlas run could not be audited: {}", e.getClass().getSimpleName());
        }
    }

    private void put(AtlasRun run) {
        runs.put(run.id(), run);
        if (runs.size() > KEPT_RUNS) {
            runs.values().stream().filter(r -> r.status().finished()).findFirst()
                    .ifPresent(oldest -> runs.remove(oldest.id()));
        }
    }

    private String target() {
        return settings.url().getHost() + (settings.url().getPort() > 0 ? ":" + settings.url().getPort() : "");
    }

    private static String action(AtlasRun.Kind kind) {
        return kind == AtlasRun.Kind.EXPORT ? "atlas.export" : "atlas.import";
    }
}
