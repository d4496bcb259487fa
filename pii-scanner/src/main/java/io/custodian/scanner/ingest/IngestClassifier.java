package io.custodian.scanner.ingest;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.Failures;
import io.custodian.catalog.classification.ClassificationStore;
import io.custodian.catalog.classification.ClassificationStore.IngestSchema;
import io.custodian.catalog.classification.Finding;
import io.custodian.catalog.classification.SchemaChange;
import io.custodian.catalog.classification.SchemaField;
import io.custodian.catalog.ingest.AppliedBatch;
import io.custodian.policy.ClassificationType;
import io.custodian.policy.PolicySet;
import io.custodian.scanner.ColumnClassification;
import io.custodian.scanner.ColumnClassifier;
import io.custodian.scanner.ColumnSample;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifies fields the moment ingestion brings them: after each applied batch, every touched
 * dataset whose current schema differs from the one last classified has its new and retyped
 * fields classified from their name, table and declared type (no values: nothing is sampled), and
 * the findings are stored as INGEST classifications awaiting review, with schema-change review
 * items where the dataset holds personal data ({@link ClassificationStore#recordIngest}).
 *
 * <p>It works on its own thread, never in the applier's transaction. Which version was classified
 * is stored with the findings, so on {@link #start()} every dataset whose schema moved on while the
 * service was down (or before a crash committed) is classified.
 */
public final class IngestClassifier implements Consumer<AppliedBatch>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestClassifier.class);
    private volatile boolean closing;
    private final ClassificationStore store;
    private final ColumnClassifier classifier;
    private final Supplier<PolicySet> policies;
    private final ExecutorService worker;
    private final Set<UUID> waiting = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong requested = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();

    public IngestClassifier(ClassificationStore store, ColumnClassifier classifier, Supplier<PolicySet> policies) {
        this.store = requireNonNull(store, "store is null");
        this.classifier = requireNonNull(classifier, "classifier is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "custodian-ingest-classification");
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues every dataset whose current schema has not been classified yet (what a stop or crash left). */
    public IngestClassifier start() {
        classifyAwaiting();
        return this;
    }

    /**
     * Queues every dataset whose current schema has not been classified yet: at start, and when
     * this replica takes over applying a shared store's log from one that may have died between
     * committing a batch and classifying it.
     */
    public void classifyAwaiting() {
        enqueue(store.datasetsAwaitingIngestClassification());
    }

    /** After an applied batch, on the applier's thread: notes the datasets with another schema; the work happens on this classifier's thread. */
    @Override
    public void accept(AppliedBatch batch) {
        if (!batch.newSchemas().isEmpty()) {
            enqueue(batch.newSchemas());
        }
    }

    private void enqueue(Iterable<UUID> datasets) {
        datasets.forEach(waiting::add);
        requested.incrementAndGet();
        if (scheduled.compareAndSet(false, true)) {
            try {
                worker.execute(this::drain);
            } catch (RejectedExecutionException stopping) {
                scheduled.set(false); // stopping: the next start finds what is left
            }
        }
    }

    private void drain() {
        scheduled.set(false);
        long upTo = requested.get();
        try {
            Set<UUID> batch = new HashSet<>();
            for (Iterator<UUID> it = waiting.iterator(); it.hasNext(); ) {
                batch.add(it.next());
                it.remove();
            }
            for (UUID dataset : batch) {
                if (closing) {
                    return;
                }
                try {
                    classify(dataset);
                } catch (RuntimeException e) {
                    // Left unmarked: the next start (or the next change) classifies it again.
                    log.error("classifying dataset {} at ingest failed: {}", dataset, Failures.describe(e));
                }
            }
        } finally {
            completed.accumulateAndGet(upTo, Math::max);
        }
    }

    /** Classifies one dataset's new schema now, on the calling thread; nothing when it was already classified. */
    public void classify(UUID datasetId) {
        Optional<IngestSchema> found = store.ingestSchema(datasetId);
        if (found.isEmpty()) {
            return;
        }
        IngestSchema schema = found.get();
        Set<String> toClassify = new HashSet<>();
        if (schema.classified() == null) {
            schema.current().forEach(f -> toClassify.add(f.name()));
        } else {
            SchemaChange change = SchemaChange.between(schema.classified(), schema.current());
            change.added().forEach(f -> toClassify.add(f.name()));
            change.typeChanged().forEach(f -> toClassify.add(f.name()));
            change.renamed().forEach(f -> toClassify.add(f.to()));
        }
        PolicySet policy = policies.get();
        String table = store.datasets(List.of(datasetId)).values().stream().findFirst()
                .map(ref -> lastComponent(ref.name())).orElse("");
        List<Finding> findings = new ArrayList<>();
        for (SchemaField field : schema.current()) {
            if (!toClassify.contains(field.name())) {
                continue;
            }
            ColumnSample column = new ColumnSample(table, field.name(), Optional.ofNullable(field.type()),
                    Optional.empty(), List.of());
            for (ColumnClassification c : classifier.classify(column, policy)) {
                findings.add(new Finding(field.name(), c.type(), c.confidence(),
                        "at ingest, before any value was seen: " + c.explanation(), 0, 0));
            }
        }
        store.recordIngest(schema, findings, classifier.detectorVersion(), policy.version(),
                type -> policy.taxonomy().find(type).map(ClassificationType::sensitivity).map(Enum::name)
                        .orElse("RESTRICTED"));
    }

    /** Waits until every dataset queued so far is classified; false on timeout. */
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

    private static String lastComponent(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }

    /**
     * Stops after the dataset in hand; those still waiting are classified after the next start. The
     * worker is never interrupted: an interrupt in the middle of a write makes the embedded H2
     * store close its file, for every thread.
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
