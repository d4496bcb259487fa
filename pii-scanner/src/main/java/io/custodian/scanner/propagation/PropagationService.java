package io.custodian.scanner.propagation;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.Failures;
import io.custodian.catalog.classification.ClassificationStore;
import io.custodian.catalog.classification.PathStep;
import io.custodian.catalog.classification.Propagated;
import io.custodian.catalog.ingest.AppliedBatch;
import io.custodian.policy.PolicySet;
import io.custodian.scanner.policy.ScannerPolicies;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps propagated classifications current. A recomputation reads every direct classification
 * and every column lineage edge, walks them ({@link Propagator}) and replaces the stored
 * propagated classifications by difference. It runs on its own thread, requested after scans,
 * after steward decisions (any change of the store's classifications) and after ingestion applies
 * column lineage, and after a policy reload that changed the rules; requests that arrive while one
 * runs are folded into one more run. Each recomputation reads the rules in force when it starts, and
 * every propagated classification names the policy version whose rules carried it.
 */
public final class PropagationService implements Consumer<AppliedBatch>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PropagationService.class);
    private static final long RECOMPUTE_SPACING_NANOS = TimeUnit.SECONDS.toNanos(1);
    private final ClassificationStore store;
    private final Supplier<Rules> rules;
    private final ExecutorService worker;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicBoolean checkPending = new AtomicBoolean();
    private final Set<UUID> applied = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicLong requested = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private volatile Thread workerThread;
    private volatile boolean closing;
    /** When the last recomputation started; read and written on the propagation thread. */
    private volatile long lastRecompute = System.nanoTime() - RECOMPUTE_SPACING_NANOS;
    /** How long the last recomputation took; read and written on the propagation thread. */
    private volatile long lastDuration;

    /** Rules and the version of the policy set they come from (null when they come from no set). */
    private record Rules(PropagationRules rules, String policyVersion) {}

    /** Propagates by the {@code propagation} section of the policy set in force at each recomputation. */
    public PropagationService(ClassificationStore store, Supplier<PolicySet> policies) {
        this(store, requireNonNull(policies, "policies is null"), null);
    }

    /** Propagates by fixed rules that come from no policy set. */
    public PropagationService(ClassificationStore store, PropagationRules rules) {
        this(store, null, requireNonNull(rules, "rules is null"));
    }

    private PropagationService(ClassificationStore store, Supplier<PolicySet> policies, PropagationRules fixed) {
        this.store = requireNonNull(store, "store is null");
        this.rules = policies == null
                ? () -> new Rules(fixed, null)
                : () -> {
                    PolicySet set = policies.get();
                    return new Rules(ScannerPolicies.propagation(set), set.version());
                };
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "custodian-propagation");
            t.setDaemon(true);
            workerThread = t;
            return t;
        });
    }

    /**
     * Listens to the store's classification changes (its own writes excepted: they need no second
     * run) and asks for a first recomputation, so what changed while the service was down is
     * carried.
     *
     * @return this service, started
     */
    public PropagationService start() {
        store.addListener(changed -> {
            if (Thread.currentThread() != workerThread) {
                request();
            }
        });
        request();
        return this;
    }

    /**
     * After ingestion: recompute when the batch changed datasets' column lineage. Called
     * on the applier's thread, so the check runs on the propagation thread, batches folded.
     */
    @Override
    public void accept(AppliedBatch batch) {
        if (batch.newLineage().isEmpty()) {
            return;
        }
        applied.addAll(batch.newLineage());
        requested.incrementAndGet();
        if (checkPending.compareAndSet(false, true)) {
            try {
                worker.execute(this::checkApplied);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                checkPending.set(false);
            }
        }
    }

    /**
     * Waits until the next recomputation is due. Ingestion applies batches, and classifies new
     * fields, back to back: a second's worth is folded into one recomputation rather than reading
     * every edge after each of them. A recomputation also waits four times as long as the last one
     * took, so that on a large catalog under load propagation keeps to a fifth of a core.
     */
    private boolean awaitSpacing() {
        long wait = lastRecompute + Math.max(RECOMPUTE_SPACING_NANOS, 4 * lastDuration) - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private void checkApplied() {
        if (!awaitSpacing()) {
            return;
        }
        checkPending.set(false);
        long upTo = requested.get();
        if (closing) {
            return; // the next start recomputes
        }
        try {
            Set<UUID> touched = new HashSet<>();
            for (java.util.Iterator<UUID> it = applied.iterator(); it.hasNext(); ) {
                touched.add(it.next());
                it.remove();
            }
            // With nothing classified there is nothing to carry, and nothing carried to take back.
            if (store.hasClassifications() && store.hasColumnLineage(touched)) {
                // Here rather than through request(), so that awaitIdle covers it.
                recompute();
            }
        } catch (RuntimeException e) {
            log.error("checking applied lineage failed: {}", Failures.describe(e));
        } finally {
            completed.accumulateAndGet(upTo, Math::max);
        }
    }

    /** Asks for a recomputation soon, on the propagation thread. */
    public void request() {
        requested.incrementAndGet();
        if (pending.compareAndSet(false, true)) {
            try {
                worker.execute(this::runRequested);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // Closed: the service is stopping, and the next start recomputes.
                pending.set(false);
            }
        }
    }

    private void runRequested() {
        if (!awaitSpacing()) {
            return;
        }
        pending.set(false);
        long upTo = requested.get();
        if (closing) {
            return; // the next start recomputes
        }
        try {
            recompute();
        } catch (RuntimeException e) {
            log.error("propagating classifications failed: {}", Failures.describe(e));
        } finally {
            completed.accumulateAndGet(upTo, Math::max);
        }
    }

    /** Waits until every recomputation requested so far has run; false on timeout. */
    public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long target = requested.get();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (completed.get() < target) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /**
     * Recomputes every propagated classification now, on the calling thread.
     *
     * @return the datasets whose propagated classifications changed
     */
    public Set<UUID> recompute() {
        long began = System.nanoTime();
        lastRecompute = began;
        try {
            return recomputeNow();
        } finally {
            lastDuration = System.nanoTime() - began;
        }
    }

    private Set<UUID> recomputeNow() {
        // Computed under the store's propagation lock, from what the last recomputation committed.
        return store.replacePropagated(this::wanted);
    }

    private List<Propagated> wanted() {
        Rules inForce = rules.get();
        List<Propagator.Result> results = new Propagator(inForce.rules())
                .propagate(store.directClassifications(), store.columnEdges());
        List<Propagated> wanted = new ArrayList<>(results.size());
        for (Propagator.Result r : results) {
            List<PathStep> path = new ArrayList<>(r.hops().size());
            for (Propagator.Hop hop : r.hops()) {
                path.add(new PathStep(hop.field().namespace(), hop.field().dataset(), hop.field().field(),
                        hop.edgeKind()));
            }
            wanted.add(new Propagated(r.target(), r.type(), r.confidence(), r.detectorVersion(),
                    inForce.policyVersion(), path));
        }
        return wanted;
    }

    /**
     * Stops after the recomputation in hand (the next start recomputes). The worker is never
     * interrupted: an interrupt in the middle of a write makes the embedded H2 store close its
     * file, for every thread.
     */
    @Override
    public void close() {
        closing = true;
        worker.shutdown();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
