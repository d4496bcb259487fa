package io.custodian.scanner.scan;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.Failures;
import io.custodian.catalog.audit.AuditEvent;
import io.custodian.catalog.audit.AuditException;
import io.custodian.catalog.audit.AuditTrail;
import io.custodian.catalog.classification.ClassificationStore;
import io.custodian.catalog.classification.Finding;
import io.custodian.policy.PolicySet;
import io.custodian.scanner.ColumnClassification;
import io.custodian.scanner.ColumnClassifier;
import io.custodian.scanner.ColumnSample;
import io.custodian.scanner.scan.InvalidScanRequestException.Violation;
import io.custodian.scanner.scan.ScanStore.PlannedTable;
import io.custodian.scanner.scan.SourceTable.SourceColumn;
import io.custodian.scanner.scan.TableSampler.DeadlineExceeded;
import io.custodian.scanner.scan.TableSampler.TableSample;
import io.custodian.sources.DataSources;
import io.custodian.sources.TableRef;
import io.custodian.sources.dialect.SqlDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scans configured sources: lists the tables in scope, samples them in parallel (bounded per
 * source, with a time limit per table), classifies each column, and stores the results on the
 * catalog's fields. Each scan is a durable resource in the {@link ScanStore}; a table that fails
 * (dropped, unreachable, too slow) is reported on its own and the scan goes on.
 */
public final class ScanService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ScanService.class);
    public static final int MAX_DATASETS = 1000;
    public static final int MAX_QUEUED_SCANS = 32;
    private static final int MAX_NAME_LENGTH = 1024;
    private final Map<String, ScanSource> sources;
    private final DataSources dataSources;
    private final ScanStore scans;
    private final ClassificationStore classifications;
    private final DatasetRegistrar registrar;
    private final ColumnClassifier classifier;
    private final Supplier<PolicySet> policies;
    private final AuditTrail audit;
    private final Clock clock;
    private final Runnable afterScan;
    private final ExecutorService runner;
    // Gives up the scans of replicas that died with them in hand (a store several replicas share).
    private final ScheduledExecutorService abandonedCheck =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "custodian-scan-abandoned-check");
                t.setDaemon(true);
                return t;
            });
    private final AtomicInteger queued = new AtomicInteger();

    /**
     * @param dataSources the connection pools of the sources (started and stopped by the caller)
     * @param policies the policy set in force, read as each table is classified; its version is stored
     *     with the table's results and classifications
     * @param audit where each scan records that it samples a source (before it reads any value) and
     *     how it ended; a scan that cannot record its start samples nothing
     * @param parallelScans how many scans run at once (each samples up to its source's concurrency tables)
     * @param afterScan run after each scan has stored its results (propagation along lineage)
     */
    public ScanService(List<ScanSource> sources, DataSources dataSources, ScanStore scans,
            ClassificationStore classifications, DatasetRegistrar registrar, ColumnClassifier classifier,
            Supplier<PolicySet> policies, AuditTrail audit, Clock clock, int parallelScans, Runnable afterScan) {
        this.dataSources = requireNonNull(dataSources, "dataSources is null");
        Map<String, ScanSource> byName = new LinkedHashMap<>();
        for (ScanSource source : sources) {
            if (byName.put(source.name(), source) != null) {
                throw new IllegalArgumentException("two scan sources are named " + source.name());
            }
            if (!dataSources.sources().get(source.name()).equals(source.source())) {
                throw new IllegalArgumentException("scan source " + source.name() + " is not the configured source "
                        + "of that name");
            }
        }
        this.sources = Map.copyOf(byName);
        this.scans = requireNonNull(scans, "scans is null");
        this.classifications = requireNonNull(classifications, "classifications is null");
        this.registrar = requireNonNull(registrar, "registrar is null");
        this.classifier = requireNonNull(classifier, "classifier is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.afterScan = requireNonNull(afterScan, "afterScan is null");
        AtomicInteger threads = new AtomicInteger();
        this.runner = Executors.newFixedThreadPool(parallelScans, r -> {
            Thread t = new Thread(r, "custodian-scan-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Marks the scans a stopped service left unfinished as INTERRUPTED (they would otherwise show
     * as running for ever); scans are taken only after this.
     *
     * @return this service, started
     */
    public ScanService start() {
        // toString shows neither the password nor the URL's query.
        sources.values().forEach(source -> log.info("scan source {}", source));
        int interrupted = scans.interruptUnfinished();
        if (interrupted > 0) {
            log.warn("{} scan(s) left unfinished by the previous run are marked INTERRUPTED", interrupted);
        }
        abandonedCheck.scheduleWithFixedDelay(this::interruptAbandoned, 5, 5, TimeUnit.SECONDS);
        return this;
    }

    private void interruptAbandoned() {
        try {
            int interrupted = scans.interruptAbandoned();
            if (interrupted > 0) {
                log.warn("{} scan(s) of a replica that went silent are marked INTERRUPTED", interrupted);
            }
        } catch (RuntimeException e) {
            log.warn("checking for abandoned scans failed: {}", e.getClass().getSimpleName());
        }
    }

    /** The configured sources' names. */
    public List<String> sourceNames() {
        return sources.keySet().stream().sorted().toList();
    }

    /**
     * Checks the request, records the scan as QUEUED and starts it in the background.
     *
     * @throws InvalidScanRequestException when the request names an unknown source, both a schema and
     *     datasets, too many datasets, or malformed names
     * @throws RejectedExecutionException when too many scans are waiting
     */
    public Scan submit(ScanRequest request, String requestedBy) {
        requireNonNull(request, "request is null");
        requireNonNull(requestedBy, "requestedBy is null");
        ScanSource source = validate(request);
        if (queued.incrementAndGet() > MAX_QUEUED_SCANS) {
            queued.decrementAndGet();
            throw new RejectedExecutionException("too many scans are waiting; try again later");
        }
        UUID id = UUID.randomUUID();
        try {
            scans.create(id, source.name(), request.schema(), request.datasets(), requestedBy);
            runner.execute(() -> {
                queued.decrementAndGet();
                run(id, source, request, requestedBy);
            });
        } catch (RuntimeException e) {
            queued.decrementAndGet();
            throw e;
        }
        return scans.get(id).orElseThrow();
    }

    public Optional<Scan> scan(UUID id) {
        return scans.get(id);
    }

    public List<Scan> recent(int limit, long offset) {
        return scans.recent(limit, offset);
    }

    public long count() {
        return scans.count();
    }

    private ScanSource validate(ScanRequest request) {
        List<Violation> problems = new ArrayList<>();
        ScanSource source = request.source() == null ? null : sources.get(request.source());
        if (request.source() == null || request.source().isBlank()) {
            problems.add(new Violation("/source", "a source is required; configured: " + sourceNames()));
        } else if (source == null) {
            problems.add(new Violation("/source", "no source is configured under this name; configured: "
                    + sourceNames()));
        }
        if (request.schema() != null && !request.datasets().isEmpty()) {
            problems.add(new Violation("/datasets", "give a schema or a list of datasets, not both"));
        }
        if (request.schema() != null && (request.schema().isBlank() || request.schema().length() > MAX_NAME_LENGTH
                || request.schema().indexOf('\0') >= 0)) {
            problems.add(new Violation("/schema", "a schema name of 1 to " + MAX_NAME_LENGTH + " characters"));
        }
        if (request.datasets().size() > MAX_DATASETS) {
            problems.add(new Violation("/datasets", "at most " + MAX_DATASETS + " datasets per scan; got "
                    + request.datasets().size()));
        } else {
            for (int i = 0; i < request.datasets().size(); i++) {
                String name = request.datasets().get(i);
                if (name == null || name.isBlank() || name.length() > 2 * MAX_NAME_LENGTH || name.indexOf('\0') >= 0) {
                    problems.add(new Violation("/datasets/" + i, "a dataset name of 1 to " + 2 * MAX_NAME_LENGTH
                            + " characters"));
                } else if (source != null && planned(source, name).isEmpty()) {
                    problems.add(new Violation("/datasets/" + i, "expected " + source.source().naming().shape()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidScanRequestException(problems);
        }
        return source;
    }

    /** A catalog dataset name of the source as the table to scan; empty when it is not of the source's shape. */
    private static Optional<PlannedTable> planned(ScanSource source, String datasetName) {
        return source.source().table(datasetName)
                .map(table -> new PlannedTable(table.schema(), table.table(), datasetName));
    }

    private void run(UUID id, ScanSource source, ScanRequest request, String requestedBy) {
        String target = "scan " + id + " of source " + source.name();
        try {
            // Sampling reads personal data: recorded before the first value is read, or not done.
            audit.record(AuditEvent.success(requestedBy, "scan.sample", target, request.datasets().isEmpty()
                    ? "schema=" + request.schema()
                    : "datasets=" + request.datasets().size()));
        } catch (AuditException e) {
            log.error("scan {} not started: {}", id, Failures.describe(e));
            scans.start(id, classifier.detectorVersion(), policies.get().version(), List.of());
            safeFinish(id, ScanStatus.FAILED, "the scan could not be audited, so no value was sampled");
            return;
        }
        try {
            List<PlannedTable> tables;
            if (!request.datasets().isEmpty()) {
                tables = request.datasets().stream().map(name -> planned(source, name).orElseThrow()).distinct()
                        .toList();
            } else {
                try (Connection connection = connect(source, System.nanoTime() + source.tableTimeout().toNanos())) {
                    tables = SourceMetadata.tables(connection, request.schema()).stream()
                            .map(t -> new PlannedTable(t.schema(), t.name(),
                                    source.source().datasetName(TableRef.of(
                                            t.schema() == null || t.schema().isEmpty() ? null : t.schema(), t.name()))))
                            .toList();
                } catch (SQLException | DeadlineExceeded e) {
                    scans.start(id, classifier.detectorVersion(), policies.get().version(), List.of());
                    String why = e instanceof SQLException sql ? SourceFailures.describe(sql) : "connecting timed out";
                    scans.finish(id, ScanStatus.FAILED, "cannot list the source's tables: " + why);
                    return;
                }
            }
            scans.start(id, classifier.detectorVersion(), policies.get().version(), tables);
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(source.parallelTables(), Math.max(1, tables.size())));
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int i = 0; i < tables.size(); i++) {
                    int ordinal = i;
                    PlannedTable table = tables.get(i);
                    work.add(pool.submit(() -> scanTable(id, ordinal, source, table)));
                }
                for (Future<?> f : work) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            scans.finish(id, ScanStatus.SUCCEEDED, null);
            log.info("scan {} of source {} finished: {} table(s)", id, source.name(), tables.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            safeFinish(id, ScanStatus.INTERRUPTED, "the service stopped while the scan ran");
            return;
        } catch (ExecutionException | RuntimeException e) {
            log.error("scan {} failed: {}", id, Failures.describe(e));
            safeFinish(id, ScanStatus.FAILED, "internal error; see the service log for scan " + id);
        }
        recordEnd(id, target);
        try {
            afterScan.run();
        } catch (RuntimeException e) {
            log.error("after scan {}: {}", id, Failures.describe(e));
        }
    }

    /** The scan's end as evidence: its status, tables and the versions it decided under. */
    private void recordEnd(UUID id, String target) {
        Optional<Scan> scan = scans.get(id);
        if (scan.isEmpty()) {
            return;
        }
        try {
            audit.record(new AuditEvent("custodian-scanner", "scan.finish", target,
                    scan.get().status().name().toLowerCase(java.util.Locale.ROOT),
                    "tables=" + scan.get().tables().size() + " detectorVersion=" + scan.get().detectorVersion()
                            + " policyVersion=" + scan.get().policyVersion()));
        } catch (AuditException e) {
            // The values were sampled and their start recorded; the scan does not count as done.
            log.error("the end of scan {} could not be audited: {}", id, Failures.describe(e));
            safeFinish(id, ScanStatus.FAILED, "the scan ran but its end could not be audited");
        }
    }

    private void safeFinish(UUID id, ScanStatus status, String error) {
        try {
            scans.finish(id, status, error);
        } catch (RuntimeException e) {
            log.error("cannot record the end of scan {}: {}", id, Failures.describe(e));
        }
    }

    private void scanTable(UUID scanId, int ordinal, ScanSource source, PlannedTable planned) {
        if (Thread.currentThread().isInterrupted()) {
            scans.tableFailed(scanId, ordinal, TableStatus.INTERRUPTED, "the service stopped");
            return;
        }
        scans.tableRunning(scanId, ordinal);
        long deadline = System.nanoTime() + source.tableTimeout().toNanos();
        try {
            SqlDialect dialect = source.source().dialect();
            SourceTable table;
            TableSample sample;
            try (Connection connection = connect(source, deadline)) {
                Optional<SourceTable> found = SourceMetadata.table(connection, planned.schema(), planned.table());
                if (found.isEmpty()) {
                    scans.tableFailed(scanId, ordinal, TableStatus.FAILED, "the table does not exist in the source");
                    return;
                }
                table = found.get();
                sample = TableSampler.sample(connection, dialect, table, source.sampleSize(), deadline);
            }
            // One set for the whole table, so that its findings and the version stored with them agree.
            PolicySet policy = policies.get();
            List<Finding> findings = new ArrayList<>();
            List<ColumnFinding> report = new ArrayList<>();
            for (SourceColumn column : table.columns()) {
                List<String> values = sample.values().getOrDefault(column.name(), List.of());
                List<ColumnClassification> verdicts = classifier.classify(new ColumnSample(table.name(), column.name(),
                        Optional.ofNullable(column.typeName()), Optional.empty(), values), policy);
                for (ColumnClassification v : verdicts) {
                    findings.add(new Finding(column.name(), v.type(), v.confidence(), v.explanation(), v.sampleSize(),
                            v.matchedValues()));
                    report.add(new ColumnFinding(column.name(), v.type(), v.confidence(), v.sampleSize(),
                            v.matchedValues()));
                }
            }
            UUID datasetId = registrar.ensure(source.namespace(), planned.dataset(), table);
            classifications.recordScan(datasetId, table.columns().stream().map(SourceColumn::name).toList(), findings,
                    scanId, classifier.detectorVersion(), policy.version(), clock.instant());
            scans.tableDone(scanId, ordinal, sample.rows(), table.columns().size(), report, policy.version());
        } catch (DeadlineExceeded e) {
            scans.tableFailed(scanId, ordinal, TableStatus.TIMED_OUT,
                    "the table took longer than " + source.tableTimeout().toSeconds() + " s");
        } catch (SQLException e) {
            scans.tableFailed(scanId, ordinal, TableStatus.FAILED, SourceFailures.describe(e));
        } catch (RuntimeException e) {
            log.error("scan {} table {}: {}", scanId, ordinal, Failures.describe(e));
            scans.tableFailed(scanId, ordinal, TableStatus.FAILED, "internal error; see the service log for scan "
                    + scanId);
        }
    }

    /** A read-only connection from the source's pool, within what is left of the deadline. */
    private Connection connect(ScanSource source, long deadlineNanos) throws SQLException, DeadlineExceeded {
        Connection connection = dataSources.reader(source.name()).getConnection();
        if (System.nanoTime() > deadlineNanos) {
            connection.close();
            throw new DeadlineExceeded();
        }
        return connection;
    }

    /** Stops running scans (their unfinished tables become INTERRUPTED) and waits briefly for them. */
    @Override
    public void close() {
        abandonedCheck.shutdownNow();
        runner.shutdownNow();
        try {
            runner.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
