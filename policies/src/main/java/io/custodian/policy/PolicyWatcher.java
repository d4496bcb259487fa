package io.custodian.policy;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link PolicyInForce} current with the policy folder: every interval it hashes the
 * folder's files (and the policy file), and when the hash changed it loads the set. A good set is
 * put in force whole; a bad one leaves the last good set in force and is reported (log, listeners)
 * once per change. Polling the content survives editors that replace files, network folders and
 * mounted config maps, where file events are unreliable.
 */
public final class PolicyWatcher {
    private static final Logger log = LoggerFactory.getLogger(PolicyWatcher.class);
    private final PolicySetLoader loader;
    private final PolicySources sources;
    private final PolicyInForce inForce;
    private final Duration interval;
    private final Clock clock;
    private String seen;
    private ScheduledExecutorService timer;

    public PolicyWatcher(PolicySetLoader loader, PolicySources sources, PolicyInForce inForce, Duration interval,
            Clock clock) {
        this.loader = requireNonNull(loader, "loader is null");
        this.sources = requireNonNull(sources, "sources is null");
        this.inForce = requireNonNull(inForce, "inForce is null");
        this.interval = requireNonNull(interval, "interval is null");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the reload interval must be positive: " + interval);
        }
        this.clock = requireNonNull(clock, "clock is null");
        // What is in force was read from these sources: a change is a difference from it.
        this.seen = inForce.get().version();
    }

    /** Starts polling on a thread of its own. */
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "custodian-policy-watcher");
            t.setDaemon(true);
            return t;
        });
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(this::pollQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            timer = null;
        }
    }

    /**
     * Checks the sources once, now, on the calling thread.
     *
     * @return true when their content changed since the last check (whether or not it loaded)
     */
    public synchronized boolean poll() {
        String fingerprint = loader.fingerprint(sources);
        if (fingerprint.equals(seen)) {
            return false;
        }
        seen = fingerprint;
        try {
            PolicySet next = loader.load(sources);
            PolicySet previous = inForce.get();
            inForce.replace(next);
            log.info("policy set {} from {} is in force (was {})", next.shortVersion(), next.origin(),
                    previous.shortVersion());
        } catch (PolicyException e) {
            // The message names file, line and column and quotes only the file it is about.
            log.error("policy change refused, {} stays in force: {}", inForce.get().shortVersion(), e.getMessage());
            inForce.refuse(ReloadFailure.of(clock.instant(), e));
        }
        return true;
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            log.error("checking the policy folder failed: {}", e.getClass().getName());
        }
    }
}
