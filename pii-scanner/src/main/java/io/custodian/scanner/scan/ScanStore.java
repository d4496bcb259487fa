package io.custodian.scanner.scan;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;

/**
 * Scans as durable resources: created QUEUED, RUNNING with per-table progress, then SUCCEEDED,
 * FAILED or INTERRUPTED. What a table's scan found is kept as types, confidence and counts.
 */
public final class ScanStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<List<ColumnFinding>> FINDINGS = new TypeReference<>() {};
    private static final int MAX_ERROR_LENGTH = 4000;
    private final Jdbi jdbi;
    private final Clock clock;
    private final String runner;
    private final Duration silentAfter;

    /** Scans run by this process alone. */
    public ScanStore(Jdbi jdbi, Clock clock) {
        this(jdbi, clock, "local", Duration.ofSeconds(30));
    }

    /**
     * @param runner the replica that runs the scans created here, recorded with each
     * @param silentAfter how long a replica may stay silent (its heartbeat in the store) before
     *     the scans it runs count as abandoned
     */
    public ScanStore(Jdbi jdbi, Clock clock, String runner, Duration silentAfter) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.runner = requireNonNull(runner, "runner is null");
        this.silentAfter = requireNonNull(silentAfter, "silentAfter is null");
    }

    /** A table a scan is to sample, with the dataset name it has in the catalog. */
    public record PlannedTable(String schema, String table, String dataset) {
        public PlannedTable {
            requireNonNull(table, "table is null");
            requireNonNull(dataset, "dataset is null");
        }
    }

    public void create(UUID id, String source, String schema, List<String> datasets, String requestedBy) {
        String scope = datasets == null || datasets.isEmpty() ? null : json(datasets);
        jdbi.useExtension(ScanDao.class, dao -> dao.insertScan(id, source, schema, scope, requestedBy, runner,
                clock.instant()));
    }

    /**
     * Marks the scan RUNNING and records the tables it will sample, numbered in this order.
     *
     * @param policyVersion the version of the policy set in force as it starts, if any
     */
    public void start(UUID id, String detectorVersion, String policyVersion, List<PlannedTable> tables) {
        jdbi.useTransaction(handle -> {
            ScanDao dao = handle.attach(ScanDao.class);
            dao.markRunning(id, clock.instant(), detectorVersion, policyVersion);
            if (!tables.isEmpty()) {
                dao.insertTables(id, IntStream.range(0, tables.size()).boxed().toList(),
                        tables.stream().map(PlannedTable::schema).toList(),
                        tables.stream().map(PlannedTable::table).toList(),
                        tables.stream().map(PlannedTable::dataset).toList());
            }
        });
    }

    public void tableRunning(UUID scanId, int ordinal) {
        jdbi.useExtension(ScanDao.class, dao -> dao.tableRunning(scanId, ordinal, clock.instant()));
    }

    /** Records what a table's scan found, and the version of the policy set it was classified under. */
    public void tableDone(UUID scanId, int ordinal, int rowsSampled, int columnsScanned, List<ColumnFinding> findings,
            String policyVersion) {
        jdbi.useExtension(ScanDao.class, dao -> dao.tableFinished(scanId, ordinal, TableStatus.DONE.name(),
                clock.instant(), rowsSampled, columnsScanned, null, json(findings), policyVersion));
    }

    public void tableFailed(UUID scanId, int ordinal, TableStatus status, String error) {
        jdbi.useExtension(ScanDao.class, dao -> dao.tableFinished(scanId, ordinal, status.name(), clock.instant(),
                null, null, truncate(error), null, null));
    }

    public void finish(UUID scanId, ScanStatus status, String error) {
        jdbi.useTransaction(handle -> {
            ScanDao dao = handle.attach(ScanDao.class);
            // Tables a stopped or failed scan did not reach end with it.
            dao.interruptTablesOf(scanId, clock.instant());
            dao.finish(scanId, status.name(), clock.instant(), truncate(error));
        });
    }

    /**
     * Marks the scans this replica left QUEUED or RUNNING when it stopped INTERRUPTED, with their
     * unfinished tables, and those of replicas gone silent ({@link #interruptAbandoned()}); called
     * once on start, before new scans are accepted. Scans other replicas run are left alone.
     *
     * @return how many scans were interrupted
     */
    public int interruptUnfinished() {
        return interrupt(true);
    }

    /**
     * Marks INTERRUPTED the unfinished scans of other replicas that have not said they are alive
     * for the silence this store allows: they died with the scan in hand. Never run again.
     *
     * @return how many scans were interrupted
     */
    public int interruptAbandoned() {
        return interrupt(false);
    }

    private int interrupt(boolean ownToo) {
        return jdbi.inTransaction(handle -> {
            ScanDao dao = handle.attach(ScanDao.class);
            long silentMillis = silentAfter.toMillis();
            dao.interruptTables(clock.instant(), runner, ownToo, silentMillis);
            return dao.interruptScans(clock.instant(), runner, ownToo, silentMillis);
        });
    }

    public Optional<Scan> get(UUID id) {
        return jdbi.inTransaction(handle -> {
            ScanDao dao = handle.attach(ScanDao.class);
            return dao.scan(id).map(row -> scans(dao, List.of(row)).get(0));
        });
    }

    /** Recent scans, newest first, with their tables. */
    public List<Scan> recent(int limit, long offset) {
        return jdbi.inTransaction(handle -> {
            ScanDao dao = handle.attach(ScanDao.class);
            return scans(dao, dao.scans(limit, offset));
        });
    }

    public long count() {
        return jdbi.withExtension(ScanDao.class, ScanDao::scanCount);
    }

    private static List<Scan> scans(ScanDao dao, List<ScanDao.ScanRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<TableProgress>> tables = new HashMap<>();
        for (ScanDao.TableRow t : dao.tables(rows.stream().map(ScanDao.ScanRow::id).toList())) {
            tables.computeIfAbsent(t.scanId(), k -> new ArrayList<>()).add(new TableProgress(t.schemaName(),
                    t.tableName(), t.datasetName(), TableStatus.valueOf(t.status()), t.startedAt(), t.finishedAt(),
                    t.rowsSampled(), t.columnsScanned(), t.error(), read(t.findings(), FINDINGS), t.policyVersion()));
        }
        return rows.stream()
                .map(r -> new Scan(r.id(), r.sourceName(), r.scopeSchema(), read(r.scopeDatasets(), STRINGS),
                        ScanStatus.valueOf(r.status()), r.requestedBy(), r.createdAt(), r.startedAt(), r.finishedAt(),
                        r.detectorVersion(), r.policyVersion(), r.error(), tables.getOrDefault(r.id(), List.of())))
                .toList();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write scan details", e);
        }
    }

    private static <T> List<T> read(String json, TypeReference<List<T>> type) {
        if (json == null) {
            return List.of();
        }
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }
}
