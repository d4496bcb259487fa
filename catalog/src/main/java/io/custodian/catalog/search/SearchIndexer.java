package io.custodian.catalog.search;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.Failures;
import io.custodian.catalog.ingest.AppliedBatch;
import io.custodian.catalog.read.CatalogReader;
import io.custodian.catalog.read.Views.Dataset;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the search index current, on a thread of its own so that indexing never slows the
 * catalog's applier: applied batches only note which datasets and jobs they touched; the indexer
 * re-reads those (many batches at once when it falls behind), updates their documents (visible to
 * searches at once) and now and then commits the index with the event log position it reflects.
 */
public final class SearchIndexer implements Consumer<AppliedBatch>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SearchIndexer.class);
    private static final int READ_PAGE = 500;
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    private final SearchIndex index;
    private final CatalogReader catalog;
    private final long commitEveryNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Set<UUID> pendingDatasets = new LinkedHashSet<>();
    private final Set<UUID> pendingJobs = new LinkedHashSet<>();
    // Touched but not changed: only their update times move on.
    private final Set<UUID> pendingDatasetTimes = new LinkedHashSet<>();
    private final Set<UUID> pendingJobTimes = new LinkedHashSet<>();
    private final Thread thread;
    // Guarded by lock (indexedSeq is written only by the indexer thread, which may read it freely):
    // how many batches were noted and indexed, and the log positions they reached.
    private long noted;
    private long indexed;
    private long notedSeq;
    private long indexedSeq;
    private boolean closing;
    // The indexer thread's own.
    private long committedSeq;
    private long lastCommit = System.nanoTime();
    private final AtomicLong documentsRewritten = new AtomicLong();
    private final AtomicLong timesMoved = new AtomicLong();

    /** An indexer of {@code index}; it indexes from {@link #start()} on. */
    public SearchIndexer(SearchIndex index, CatalogReader catalog, Duration commitEvery) {
        this.index = requireNonNull(index, "index is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.commitEveryNanos = commitEvery.toNanos();
        this.thread = new Thread(this::run, "search-indexer");
        this.thread.setDaemon(true);
    }

    /**
     * Starts indexing from the position of the index's last commit. Ingestion must not apply
     * anything before this returns, and must hand over (again) what was applied after that
     * position: on a store this process has alone, the index is current with it when opened; on a
     * shared store, other replicas apply meanwhile and ingestion replays their batches.
     *
     * @return this indexer, started
     */
    public SearchIndexer start() {
        long seq = Math.min(index.committedSeq(), catalog.appliedSeq());
        lock.lock();
        try {
            notedSeq = Math.max(notedSeq, seq);
            indexedSeq = seq;
        } finally {
            lock.unlock();
        }
        committedSeq = seq;
        thread.start();
        return this;
    }

    /** Notes what a committed batch touched; called on the applier's thread, returns at once. */
    @Override
    public void accept(AppliedBatch applied) {
        lock.lock();
        try {
            pendingDatasets.addAll(applied.changedDatasets());
            pendingJobs.addAll(applied.changedJobs());
            pendingDatasetTimes.addAll(applied.datasets());
            pendingJobTimes.addAll(applied.jobs());
            notedSeq = Math.max(notedSeq, applied.throughSeq());
            noted++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits (at most {@code maxWait}) until every batch noted so far is searchable; false if it is
     * not by then. Lets a search see every event that was applied before it began.
     */
    public boolean awaitIndexed(Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        lock.lock();
        try {
            long target = noted;
            while (indexed < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Datasets and jobs whose documents were read back and written again since start: what changed. */
    public long documentsRewritten() {
        return documentsRewritten.get();
    }

    /** Datasets and jobs whose update time alone was moved on in place since start: what was only touched. */
    public long timesMoved() {
        return timesMoved.get();
    }

    /** How many event log positions the index trails what has been applied. */
    public long lag() {
        lock.lock();
        try {
            return notedSeq - indexedSeq;
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (true) {
            List<UUID> datasets;
            List<UUID> jobs;
            List<UUID> datasetTimes;
            List<UUID> jobTimes;
            long batches;
            long seq;
            lock.lock();
            try {
                while (indexed == noted && !closing && !commitDue()) {
                    changed.await(1, TimeUnit.SECONDS);
                }
                if (closing && indexed == noted) {
                    break;
                }
                datasets = new ArrayList<>(pendingDatasets);
                jobs = new ArrayList<>(pendingJobs);
                pendingDatasetTimes.removeAll(pendingDatasets);
                pendingJobTimes.removeAll(pendingJobs);
                datasetTimes = new ArrayList<>(pendingDatasetTimes);
                jobTimes = new ArrayList<>(pendingJobTimes);
                batches = noted;
                seq = notedSeq;
                pendingDatasets.clear();
                pendingJobs.clear();
                pendingDatasetTimes.clear();
                pendingJobTimes.clear();
            } catch (InterruptedException e) {
                break;
            } finally {
                lock.unlock();
            }
            try {
                index(datasets, jobs);
                updateTimes(datasetTimes, jobTimes);
                index.refresh();
                documentsRewritten.addAndGet(datasets.size() + jobs.size());
                timesMoved.addAndGet(datasetTimes.size() + jobTimes.size());
                markIndexed(batches, seq);
                if (commitDue()) {
                    commit(seq);
                }
            } catch (RuntimeException e) {
                // Derived data must not stop anything; keep the ids and try again shortly.
                log.error("updating the search index failed ({}); retrying in {}", Failures.describe(e), RETRY_DELAY);
                requeue(datasets, jobs, datasetTimes, jobTimes);
                if (!sleep(RETRY_DELAY)) {
                    break;
                }
            }
        }
        if (indexedSeq > committedSeq) {
            commit(indexedSeq);
        }
    }

    /** On the indexer thread, the only one that writes {@code indexedSeq}. */
    private boolean commitDue() {
        return System.nanoTime() - lastCommit > commitEveryNanos && indexedSeq > committedSeq;
    }

    private void commit(long seq) {
        index.commit(seq);
        committedSeq = seq;
        lastCommit = System.nanoTime();
    }

    private void index(List<UUID> datasets, List<UUID> jobs) {
        for (int from = 0; from < datasets.size(); from += READ_PAGE) {
            List<UUID> page = datasets.subList(from, Math.min(datasets.size(), from + READ_PAGE));
            List<Dataset> read = catalog.datasetsById(page);
            index.update(read, catalog.popularity(page));
        }
        for (int from = 0; from < jobs.size(); from += READ_PAGE) {
            List<UUID> page = jobs.subList(from, Math.min(jobs.size(), from + READ_PAGE));
            index.updateJobs(catalog.jobsById(page), catalog.jobColumns(page));
        }
    }

    private void updateTimes(List<UUID> datasets, List<UUID> jobs) {
        Map<String, Instant> times = new HashMap<>();
        for (int from = 0; from < datasets.size(); from += READ_PAGE) {
            catalog.datasetTimes(datasets.subList(from, Math.min(datasets.size(), from + READ_PAGE)))
                    .forEach((id, time) -> times.put(SearchDocuments.nodeId(id), time));
        }
        for (int from = 0; from < jobs.size(); from += READ_PAGE) {
            catalog.jobTimes(jobs.subList(from, Math.min(jobs.size(), from + READ_PAGE)))
                    .forEach((id, time) -> times.put(SearchDocuments.nodeId(id), time));
        }
        index.updateTimes(times);
    }

    private void markIndexed(long batches, long seq) {
        lock.lock();
        try {
            indexed = batches;
            indexedSeq = Math.max(indexedSeq, seq);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void requeue(List<UUID> datasets, List<UUID> jobs, List<UUID> datasetTimes, List<UUID> jobTimes) {
        lock.lock();
        try {
            pendingDatasets.addAll(datasets);
            pendingJobs.addAll(jobs);
            pendingDatasetTimes.addAll(datasetTimes);
            pendingJobTimes.addAll(jobTimes);
        } finally {
            lock.unlock();
        }
    }

    private static boolean sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Indexes what is noted, commits, and stops; call after ingestion has stopped. */
    @Override
    public void close() {
        lock.lock();
        try {
            closing = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("the search indexer did not finish within 30 s; the index will be rebuilt on start if behind");
        }
    }
}
