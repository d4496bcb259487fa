package io.custodian.catalog.ingest;

import io.custodian.catalog.Failures;
import io.custodian.catalog.ingest.IngestDao.PendingDerivation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that turns jobs' SQL into column lineage, off the apply path: it takes the events the
 * applier queued (in the store, so a crash loses none), analyses their SQL within the deriver's
 * budget holding no store connection, and hands the lineage to the applier's thread, which writes
 * it with the fold rules every lineage write follows and removes the events from the queue.
 */
final class SqlDerivationLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(SqlDerivationLoop.class);
    private static final int PAGE = 20;
    /**
     * How long an idle loop waits before looking at the queue again unasked. The applier wakes it
     * for every batch that queued work, and the ingestor on taking the applier over, so this is
     * only a backstop: a look at the queue costs a store round trip and, once a second, kept an
     * idle server's CPU busy (docs/benchmarks.md, "The CPU budget").
     */
    private static final Duration IDLE_WAIT = Duration.ofSeconds(30);
    /** How often a replica that does not apply the log checks whether it has taken over. */
    private static final Duration STANDBY_WAIT = Duration.ofSeconds(1);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);
    private static final Duration WRITE_WAIT = Duration.ofMinutes(1);

    private final Jdbi jdbi;
    private final LineageEventParser parser;
    private final SqlLineageDeriver deriver;
    private final Function<List<DerivedLineage>, CompletableFuture<Void>> writer;
    private final BooleanSupplier active;
    private final Object signal = new Object();
    private volatile boolean running = true;
    private boolean woken;

    /**
     * @param writer hands derived lineage to the applier's thread; the future completes once it is
     *     committed
     * @param active whether this replica applies the log, and so derives lineage (on a shared store
     *     only the lease holder does)
     */
    SqlDerivationLoop(Jdbi jdbi, LineageEventParser parser, SqlLineageDeriver deriver,
            Function<List<DerivedLineage>, CompletableFuture<Void>> writer, BooleanSupplier active) {
        this.active = active;
        this.jdbi = jdbi;
        this.parser = parser;
        this.deriver = deriver;
        this.writer = writer;
    }

    /** Says that there may be queued work: the applier queued some, or this replica took applying over. */
    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** Stops after the derivation in hand; what is still queued waits in the store for the next start. */
    void stop() {
        running = false;
        wake();
    }

    @Override
    public void run() {
        while (running) {
            try {
                if (!active.getAsBoolean()) {
                    idle(STANDBY_WAIT);
                    continue;
                }
                List<PendingDerivation> page = jdbi.withHandle(h -> h.attach(IngestDao.class).pendingDerivations(PAGE));
                if (page.isEmpty()) {
                    idle(IDLE_WAIT);
                    continue;
                }
                List<DerivedLineage> derived = new ArrayList<>(page.size());
                for (PendingDerivation pending : page) {
                    if (!running) {
                        return;
                    }
                    derived.add(derive(pending));
                }
                // Waits for the write, so the next page never holds what this one handed over.
                writer.apply(derived).get(WRITE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | ExecutionException | TimeoutException e) {
                if (!running) {
                    return;
                }
                log.error("deriving column lineage from jobs' SQL failed ({}); retrying in {}", Failures.describe(e),
                        RETRY_DELAY);
                sleep(RETRY_DELAY);
            }
        }
    }

    private DerivedLineage derive(PendingDerivation pending) {
        LineageEvent event;
        try {
            event = parser.parse(pending.payload().getBytes(StandardCharsets.UTF_8));
        } catch (InvalidEventException e) {
            return new DerivedLineage(pending.seq(), pending.jobId(), null, new SqlLineageDeriver.Outcome(Map.of(),
                    SqlLineageDeriver.Status.FAILED, "the logged event cannot be read any more"));
        }
        JobSpec job = event.job().orElseThrow();
        // Catalog fields are read one lookup at a time, each on a connection of its own, only for
        // the tables the SQL names: no connection is held while parsing.
        SqlLineageDeriver.Outcome outcome = deriver.derive(job.version().sql(), job.version().sqlDialect(),
                event.inputs(), event.outputs(), (namespace, name) -> Optional.of(
                        jdbi.withHandle(h -> h.attach(IngestDao.class).currentFieldNames(namespace, name))));
        return new DerivedLineage(pending.seq(), pending.jobId(), event, outcome);
    }

    private void idle(Duration wait) throws InterruptedException {
        synchronized (signal) {
            if (!woken && running) {
                signal.wait(wait.toMillis());
            }
            woken = false;
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
