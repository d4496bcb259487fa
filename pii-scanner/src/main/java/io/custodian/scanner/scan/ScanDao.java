package io.custodian.scanner.scan;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of scans and their per-table progress. */
@RegisterConstructorMapper(ScanDao.ScanRow.class)
@RegisterConstructorMapper(ScanDao.TableRow.class)
interface ScanDao {
    record ScanRow(UUID id, String sourceName, String scopeSchema, String scopeDatasets, String status,
            String requestedBy, Instant createdAt, Instant startedAt, Instant finishedAt, String detectorVersion,
            String policyVersion, String error) {}

    record TableRow(UUID scanId, int ordinal, String schemaName, String tableName, String datasetName, String status,
            Instant startedAt, Instant finishedAt, Integer rowsSampled, Integer columnsScanned, String error,
            String findings, String policyVersion) {}

    @SqlUpdate("""
        INSERT INTO classification_scan (id, source_name, scope_schema, scope_datasets, status, requested_by, runner,
                                         created_at)
        VALUES (:id, :source, :schema, :datasets, 'QUEUED', :requestedBy, :runner, :now)
        """)
    void insertScan(@Bind("id") UUID id, @Bind("source") String source, @Bind("schema") String schema,
            @Bind("datasets") String datasets, @Bind("requestedBy") String requestedBy, @Bind("runner") String runner,
            @Bind("now") Instant now);

    /**
     * Which unfinished scans to give up: this runner's own (on start, {@code ownToo}), those run by
     * an older version (no runner), and those whose runner is silent (no heartbeat within
     * {@code silentMillis} on the store's clock).
     */
    String ABANDONED = """
        (runner IS NULL AND :ownToo)
        OR (runner = :runner AND :ownToo)
        OR (runner <> :runner AND runner NOT IN (
              SELECT id FROM service_replica
              WHERE seen_at > CURRENT_TIMESTAMP - CAST(:silentMillis AS BIGINT) * INTERVAL '0.001' SECOND))
        """;

    @SqlUpdate("""
        UPDATE classification_scan SET status = 'RUNNING', started_at = :now, detector_version = :detector,
               policy_version = :policy
        WHERE id = :id
        """)
    void markRunning(@Bind("id") UUID id, @Bind("now") Instant now, @Bind("detector") String detectorVersion,
            @Bind("policy") String policyVersion);

    @SqlUpdate("UPDATE classification_scan SET status = :status, finished_at = :now, error = :error WHERE id = :id")
    void finish(@Bind("id") UUID id, @Bind("status") String status, @Bind("now") Instant now,
            @Bind("error") String error);

    @SqlUpdate("""
        UPDATE classification_scan_table SET status = 'INTERRUPTED', finished_at = :now
        WHERE scan_id = :id AND status IN ('PENDING', 'RUNNING')
        """)
    void interruptTablesOf(@Bind("id") UUID id, @Bind("now") Instant now);

    @SqlBatch("""
        INSERT INTO classification_scan_table (scan_id, ordinal, schema_name, table_name, dataset_name, status)
        VALUES (:scanId, :ordinal, :schema, :table, :dataset, 'PENDING')
        """)
    void insertTables(@Bind("scanId") UUID scanId, @Bind("ordinal") List<Integer> ordinals,
            @Bind("schema") List<String> schemas, @Bind("table") List<String> tables,
            @Bind("dataset") List<String> datasets);

    @SqlUpdate("UPDATE classification_scan_table SET status = 'RUNNING', started_at = :now WHERE scan_id = :scanId AND ordinal = :ordinal")
    void tableRunning(@Bind("scanId") UUID scanId, @Bind("ordinal") int ordinal, @Bind("now") Instant now);

    @SqlUpdate("""
        UPDATE classification_scan_table
        SET status = :status, finished_at = :now, rows_sampled = :rows, columns_scanned = :columns, error = :error,
            findings = :findings, policy_version = :policy
        WHERE scan_id = :scanId AND ordinal = :ordinal
        """)
    void tableFinished(@Bind("scanId") UUID scanId, @Bind("ordinal") int ordinal, @Bind("status") String status,
            @Bind("now") Instant now, @Bind("rows") Integer rows, @Bind("columns") Integer columns,
            @Bind("error") String error, @Bind("findings") String findings, @Bind("policy") String policyVersion);

    @SqlQuery("""
        SELECT id, source_name, scope_schema, scope_datasets, status, requested_by, created_at, started_at,
               finished_at, detector_version, policy_version, error
        FROM classification_scan WHERE id = :id
        """)
    Optional<ScanRow> scan(@Bind("id") UUID id);

    @SqlQuery("""
        SELECT id, source_name, scope_schema, scope_datasets, status, requested_by, created_at, started_at,
               finished_at, detector_version, policy_version, error
        FROM classification_scan ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset
        """)
    List<ScanRow> scans(@Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT COUNT(*) FROM classification_scan")
    long scanCount();

    @SqlQuery("""
        SELECT scan_id, ordinal, schema_name, table_name, dataset_name, status, started_at, finished_at, rows_sampled,
               columns_scanned, error, findings, policy_version
        FROM classification_scan_table WHERE scan_id IN (<ids>) ORDER BY scan_id, ordinal
        """)
    List<TableRow> tables(@BindList("ids") List<UUID> scanIds);

    @SqlUpdate("""
        UPDATE classification_scan_table SET status = 'INTERRUPTED', finished_at = :now
        WHERE status IN ('PENDING', 'RUNNING')
          AND scan_id IN (SELECT id FROM classification_scan WHERE status IN ('QUEUED', 'RUNNING') AND (
        """ + ABANDONED + "))")
    int interruptTables(@Bind("now") Instant now, @Bind("runner") String runner, @Bind("ownToo") boolean ownToo,
            @Bind("silentMillis") long silentMillis);

    @SqlUpdate("""
        UPDATE classification_scan SET status = 'INTERRUPTED', finished_at = :now,
               error = 'the service stopped while the scan ran'
        WHERE status IN ('QUEUED', 'RUNNING') AND (
        """ + ABANDONED + ")")
    int interruptScans(@Bind("now") Instant now, @Bind("runner") String runner, @Bind("ownToo") boolean ownToo,
            @Bind("silentMillis") long silentMillis);
}
