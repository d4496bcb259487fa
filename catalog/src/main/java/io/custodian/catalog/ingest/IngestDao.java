package io.custodian.catalog.ingest;

import io.custodian.catalog.lineage.Provenance;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The writes of event ingestion. Every conditional update keeps the value of the latest event
 * (by event time, then a content hash or rank), so that applying events in any order, or twice,
 * ends in the same rows.
 */
public interface IngestDao {

    // -- event log ------------------------------------------------------------------------------

    @SqlQuery("SELECT event_key FROM lineage_event WHERE event_key IN (<keys>)")
    List<String> existingEventKeys(@BindList("keys") Collection<String> keys);

    /** Appends events to the log; returns their sequence numbers, in order. */
    @SqlBatch("""
        INSERT INTO lineage_event (event_key, event_kind, event_type, event_time, run_id, job_namespace, job_name,
                                   producer, received_at, payload, read_as)
        VALUES (:key, :kind, :eventType, :eventTime, CAST(:runId AS UUID), :jobNamespace, :jobName,
                :producer, :receivedAt, :payload, CAST(:readAs AS VARCHAR(512)))
        """)
    @GetGeneratedKeys("seq")
    long[] appendEvents(@BindMethods List<LoggedEvent> events);

    /** One row of the event log. */
    record LoggedEvent(String key, String kind, String eventType, Instant eventTime, UUID runId,
            String jobNamespace, String jobName, String producer, Instant receivedAt, String payload, String readAs) {}

    @SqlQuery("SELECT applied_seq FROM ingest_progress WHERE id = 1")
    long appliedSeq();

    @SqlUpdate("UPDATE ingest_progress SET applied_seq = :seq WHERE id = 1 AND applied_seq < :seq")
    void advanceAppliedSeq(@Bind("seq") long seq);

    @SqlQuery("SELECT COALESCE(MAX(seq), 0) FROM lineage_event")
    long lastSeq();

    /** Logged events after {@code seq} that still wait to be applied, oldest first. */
    @SqlQuery("""
        SELECT seq, payload FROM lineage_event
        WHERE seq > :after AND apply_error IS NULL
        ORDER BY seq
        FETCH FIRST :limit ROWS ONLY
        """)
    @RegisterConstructorMapper(LoggedPayload.class)
    List<LoggedPayload> eventsAfter(@Bind("after") long seq, @Bind("limit") int limit);

    /** The places of the events logged in (after, upto] that wait to be applied, in order. */
    @SqlQuery("""
        SELECT seq FROM lineage_event
        WHERE seq > :after AND seq <= :upto AND apply_error IS NULL
        ORDER BY seq
        """)
    List<Long> eventSeqsBetween(@Bind("after") long after, @Bind("upto") long upto);

    @SqlQuery("SELECT seq, payload FROM lineage_event WHERE seq IN (<seqs>) ORDER BY seq")
    @RegisterConstructorMapper(LoggedPayload.class)
    List<LoggedPayload> payloads(@BindList("seqs") Collection<Long> seqs);

    /** A logged event's place in the log and its JSON. */
    record LoggedPayload(long seq, String payload) {}

    /** Marks a logged event as not applied, with why, and counts it among the failures the health check reports. */
    default void recordApplyError(long seq, String error) {
        markApplyError(seq, error);
        countApplyFailure(seq);
    }

    @SqlUpdate("UPDATE lineage_event SET apply_error = :error WHERE seq = :seq")
    void markApplyError(@Bind("seq") long seq, @Bind("error") String error);

    @SqlUpdate("INSERT INTO ingest_failure (seq) SELECT :seq WHERE NOT EXISTS (SELECT 1 FROM ingest_failure WHERE seq = :seq)")
    void countApplyFailure(@Bind("seq") long seq);

    // -- replicas on one store --------------------------------------------------------------------

    /** Takes the store lock named {@code name} until the transaction ends (see the replicas migration). */
    @SqlQuery("SELECT name FROM store_lock WHERE name = :name FOR UPDATE")
    String takeStoreLock(@Bind("name") String name);

    /**
     * Takes the applier lease for {@code holder} if it is free, expired or already the holder's
     * (a restarted replica takes its own back at once), with a new epoch; 0 rows if another
     * replica holds it.
     */
    @SqlUpdate("""
        UPDATE ingest_lease SET holder = :holder, epoch = epoch + 1,
               expires_at = CURRENT_TIMESTAMP + CAST(:ttlMillis AS BIGINT) * INTERVAL '0.001' SECOND
        WHERE name = 'applier'
          AND (holder IS NULL OR holder = :holder OR expires_at IS NULL OR expires_at < CURRENT_TIMESTAMP)
        """)
    int takeLease(@Bind("holder") String holder, @Bind("ttlMillis") long ttlMillis);

    @SqlQuery("SELECT epoch FROM ingest_lease WHERE name = 'applier'")
    long leaseEpoch();

    /** Extends the lease if {@code holder} still holds it under {@code epoch}; 0 rows if it was lost. */
    @SqlUpdate("""
        UPDATE ingest_lease SET expires_at = CURRENT_TIMESTAMP + CAST(:ttlMillis AS BIGINT) * INTERVAL '0.001' SECOND
        WHERE name = 'applier' AND holder = :holder AND epoch = :epoch
        """)
    int renewLease(@Bind("holder") String holder, @Bind("epoch") long epoch, @Bind("ttlMillis") long ttlMillis);

    /** Gives the lease up at once (a clean stop), so another replica need not wait for it to expire. */
    @SqlUpdate("UPDATE ingest_lease SET holder = NULL, expires_at = NULL WHERE name = 'applier' AND holder = :holder AND epoch = :epoch")
    int releaseLease(@Bind("holder") String holder, @Bind("epoch") long epoch);

    @SqlUpdate("""
        INSERT INTO catalog_change (origin, after_seq, through_seq, datasets, jobs, changed_datasets, changed_jobs,
                                    recorded_at)
        VALUES (:origin, :afterSeq, :throughSeq, :datasets, :jobs, :changedDatasets, :changedJobs, CURRENT_TIMESTAMP)
        """)
    @GetGeneratedKeys("id")
    long recordChange(@BindMethods ChangeRow change);

    /** One row of the change feed; the id sets are comma-separated UUIDs. */
    record ChangeRow(long id, String origin, long afterSeq, long throughSeq, String datasets, String jobs,
            String changedDatasets, String changedJobs) {}

    @SqlQuery("""
        SELECT id, origin, after_seq, through_seq, datasets, jobs, changed_datasets, changed_jobs
        FROM catalog_change WHERE id > :after ORDER BY id FETCH FIRST :limit ROWS ONLY
        """)
    @RegisterConstructorMapper(ChangeRow.class)
    List<ChangeRow> changesAfter(@Bind("after") long id, @Bind("limit") int limit);

    /** The feed row that brought the catalog to {@code seq} or the last before it; 0 if none is kept. */
    @SqlQuery("SELECT COALESCE(MAX(id), 0) FROM catalog_change WHERE through_seq > 0 AND through_seq <= :seq")
    long changeReaching(@Bind("seq") long seq);

    @SqlQuery("SELECT COALESCE(MAX(id), 0) FROM catalog_change")
    long lastChangeId();

    @SqlUpdate("DELETE FROM catalog_change WHERE recorded_at < CURRENT_TIMESTAMP - CAST(:keepMillis AS BIGINT) * INTERVAL '0.001' SECOND")
    int pruneChanges(@Bind("keepMillis") long keepMillis);

    @SqlUpdate("UPDATE service_replica SET seen_at = CURRENT_TIMESTAMP WHERE id = :id")
    int replicaSeen(@Bind("id") String id);

    @SqlUpdate("INSERT INTO service_replica (id, started_at, seen_at) VALUES (:id, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
    void replicaStarted(@Bind("id") String id);

    // -- namespaces and sources -----------------------------------------------------------------

    @SqlQuery("SELECT id FROM namespace WHERE name = :name")
    Optional<UUID> namespaceId(@Bind("name") String name);

    @SqlUpdate("INSERT INTO namespace (id, name, created_at) VALUES (:id, :name, :createdAt)")
    void insertNamespace(@Bind("id") UUID id, @Bind("name") String name, @Bind("createdAt") Instant createdAt);

    @SqlBatch("UPDATE namespace SET created_at = :time WHERE id = :id AND created_at > :time")
    void lowerNamespaceCreatedAt(@Bind("id") List<UUID> ids, @Bind("time") List<Instant> times);

    @SqlQuery("SELECT id FROM source WHERE name = :name")
    Optional<UUID> sourceId(@Bind("name") String name);

    @SqlUpdate("INSERT INTO source (id, name, connection_url, created_at) VALUES (:id, :name, :url, :createdAt)")
    void insertSource(@Bind("id") UUID id, @Bind("name") String name, @Bind("url") String url,
            @Bind("createdAt") Instant createdAt);

    @SqlBatch("UPDATE source SET created_at = :time WHERE id = :id AND created_at > :time")
    void lowerSourceCreatedAt(@Bind("id") List<UUID> ids, @Bind("time") List<Instant> times);

    // -- soft deletes: an event that mentions a hidden namespace, dataset or job brings it back -----

    @SqlUpdate("UPDATE namespace SET is_hidden = FALSE WHERE is_hidden AND id IN (<ids>)")
    void revealNamespaces(@BindList("ids") java.util.Collection<UUID> ids);

    /** Returns how many were hidden. */
    @SqlUpdate("UPDATE dataset SET is_hidden = FALSE WHERE is_hidden AND id IN (<ids>)")
    int revealDatasets(@BindList("ids") java.util.Collection<UUID> ids);

    /** Returns how many were hidden. */
    @SqlUpdate("UPDATE job SET is_hidden = FALSE WHERE is_hidden AND id IN (<ids>)")
    int revealJobs(@BindList("ids") java.util.Collection<UUID> ids);

    // -- datasets -------------------------------------------------------------------------------

    @SqlQuery("SELECT id FROM dataset WHERE namespace_id = :namespaceId AND name = :name")
    Optional<UUID> datasetId(@Bind("namespaceId") UUID namespaceId, @Bind("name") String name);

    @SqlUpdate("""
        INSERT INTO dataset (id, namespace_id, name, created_at, updated_at)
        VALUES (:id, :namespaceId, :name, :time, :time)
        """)
    void insertDataset(@Bind("id") UUID id, @Bind("namespaceId") UUID namespaceId, @Bind("name") String name,
            @Bind("time") Instant time);

    @SqlBatch("""
        UPDATE dataset SET created_at = LEAST(created_at, :first), updated_at = GREATEST(updated_at, :last)
        WHERE id = :id AND (created_at > :first OR updated_at < :last)
        """)
    void widenDatasetTimes(@BindMethods List<TimeSpan> spans);

    /**
     * Moves the current version's time on where a later event names the same version; returns,
     * per row, 1 where it did. The version itself is left alone, so nothing derived from it changes.
     */
    @SqlBatch("""
        UPDATE dataset SET current_version_time = :time
        WHERE id = :ownerId AND current_version_hash = :hash AND current_version_time < :time
        """)
    int[] touchDatasetVersion(@BindMethods List<CurrentVersion> versions);

    /** Makes a later version current; returns, per row, 1 where the dataset's current version changed. */
    @SqlBatch("""
        UPDATE dataset SET current_version_id = :versionId, current_version_time = :time, current_version_hash = :hash
        WHERE id = :ownerId
          AND (current_version_time IS NULL OR current_version_time < :time
               OR (current_version_time = :time AND current_version_hash < :hash))
        """)
    int[] advanceDatasetVersion(@BindMethods List<CurrentVersion> versions);

    @SqlQuery("SELECT id FROM dataset_version WHERE dataset_id = :datasetId AND schema_hash = :hash")
    Optional<UUID> datasetVersionId(@Bind("datasetId") UUID datasetId, @Bind("hash") String hash);

    @SqlUpdate("""
        INSERT INTO dataset_version (id, dataset_id, schema_hash, created_at, field_count)
        VALUES (:id, :datasetId, :hash, :createdAt, :fieldCount)
        """)
    void insertDatasetVersion(@Bind("id") UUID id, @Bind("datasetId") UUID datasetId, @Bind("hash") String hash,
            @Bind("createdAt") Instant createdAt, @Bind("fieldCount") int fieldCount);

    @SqlBatch("""
        INSERT INTO dataset_field (version_id, ordinal, name, type, description)
        VALUES (:versionId, :ordinal, :name, :type, :description)
        """)
    void insertFields(@Bind("versionId") UUID versionId, @Bind("ordinal") List<Integer> ordinals,
            @Bind("name") List<String> names, @Bind("type") List<String> types,
            @Bind("description") List<String> descriptions);

    @SqlBatch("UPDATE dataset_version SET created_at = :time WHERE id = :id AND created_at > :time")
    void lowerDatasetVersionCreatedAt(@Bind("id") List<UUID> ids, @Bind("time") List<Instant> times);

    // -- jobs -----------------------------------------------------------------------------------

    @SqlQuery("SELECT id FROM job WHERE namespace_id = :namespaceId AND name = :name")
    Optional<UUID> jobId(@Bind("namespaceId") UUID namespaceId, @Bind("name") String name);

    @SqlUpdate("""
        INSERT INTO job (id, namespace_id, name, created_at, updated_at)
        VALUES (:id, :namespaceId, :name, :time, :time)
        """)
    void insertJob(@Bind("id") UUID id, @Bind("namespaceId") UUID namespaceId, @Bind("name") String name,
            @Bind("time") Instant time);

    @SqlBatch("""
        UPDATE job SET created_at = LEAST(created_at, :first), updated_at = GREATEST(updated_at, :last)
        WHERE id = :id AND (created_at > :first OR updated_at < :last)
        """)
    void widenJobTimes(@BindMethods List<TimeSpan> spans);

    /**
     * Moves the current version's time on where a later event names the same version; returns,
     * per row, 1 where it did. The version itself is left alone, so nothing derived from it changes.
     */
    @SqlBatch("""
        UPDATE job SET current_version_time = :time
        WHERE id = :ownerId AND current_version_hash = :hash AND current_version_time < :time
        """)
    int[] touchJobVersion(@BindMethods List<CurrentVersion> versions);

    /** Makes a later version current; returns, per row, 1 where the job's current version changed. */
    @SqlBatch("""
        UPDATE job SET current_version_id = :versionId, current_version_time = :time, current_version_hash = :hash
        WHERE id = :ownerId
          AND (current_version_time IS NULL OR current_version_time < :time
               OR (current_version_time = :time AND current_version_hash < :hash))
        """)
    int[] advanceJobVersion(@BindMethods List<CurrentVersion> versions);

    @SqlQuery("SELECT id FROM job_version WHERE job_id = :jobId AND version_hash = :hash")
    Optional<UUID> jobVersionId(@Bind("jobId") UUID jobId, @Bind("hash") String hash);

    @SqlUpdate("""
        INSERT INTO job_version (id, job_id, version_hash, created_at, job_type, processing_type, integration,
                                 sql_query, sql_dialect, source_code_type, source_code_url, source_code_path,
                                 source_code_version)
        VALUES (:id, :jobId, :hash, :createdAt, :v.jobType, :v.processingType, :v.integration,
                :v.sql, :v.sqlDialect, :v.sourceCodeType, :v.sourceCodeUrl, :v.sourceCodePath,
                :v.sourceCodeVersion)
        """)
    void insertJobVersion(@Bind("id") UUID id, @Bind("jobId") UUID jobId, @Bind("hash") String hash,
            @Bind("createdAt") Instant createdAt, @BindMethods("v") JobSpec.JobVersionSpec version);

    @SqlBatch("INSERT INTO job_version_io (job_version_id, dataset_id, io_type) VALUES (:versionId, :datasetId, :ioType)")
    void insertJobVersionIo(@Bind("versionId") UUID versionId, @Bind("datasetId") List<UUID> datasetIds,
            @Bind("ioType") List<String> ioTypes);

    @SqlBatch("UPDATE job_version SET created_at = :time WHERE id = :id AND created_at > :time")
    void lowerJobVersionCreatedAt(@Bind("id") List<UUID> ids, @Bind("time") List<Instant> times);

    // -- runs -----------------------------------------------------------------------------------

    @SqlQuery("SELECT id FROM run WHERE id IN (<ids>)")
    List<UUID> existingRuns(@BindList("ids") Collection<UUID> ids);

    @SqlBatch("""
        INSERT INTO run (id, job_id, created_at, updated_at)
        VALUES (:id, :jobId, :first, :last)
        """)
    void insertRuns(@BindMethods List<NewRun> runs);

    /** A run seen for the first time. */
    record NewRun(UUID id, UUID jobId, Instant first, Instant last) {}

    @SqlBatch("""
        UPDATE run SET created_at = LEAST(created_at, :first), updated_at = GREATEST(updated_at, :last)
        WHERE id = :id AND (created_at > :first OR updated_at < :last)
        """)
    void widenRunTimes(@BindMethods List<TimeSpan> spans);

    @SqlBatch("""
        UPDATE run SET state = :state, state_time = :time, state_rank = :rank
        WHERE id = :runId
          AND (state_time IS NULL OR state_time < :time OR (state_time = :time AND state_rank < :rank))
        """)
    void advanceRunState(@BindMethods List<RunTransition> transitions);

    /** The latest state transition of a run within a batch. */
    record RunTransition(UUID runId, String state, Instant time, int rank) {}

    @SqlBatch("UPDATE run SET started_at = :time WHERE id = :id AND (started_at IS NULL OR started_at > :time)")
    void lowerRunStartedAt(@Bind("id") List<UUID> ids, @Bind("time") List<Instant> times);

    @SqlBatch("UPDATE run SET ended_at = :time WHERE id = :id AND (ended_at IS NULL OR ended_at < :time)")
    void raiseRunEndedAt(@Bind("id") List<UUID> ids, @Bind("time") List<Instant> times);

    @SqlBatch("""
        UPDATE run SET job_version_id = :versionId, job_version_time = :time, job_version_hash = :hash
        WHERE id = :ownerId AND (job_version_time IS NULL OR job_version_time < :time
                                 OR (job_version_time = :time AND job_version_hash < :hash))
        """)
    void advanceRunJobVersion(@BindMethods List<CurrentVersion> versions);

    @SqlBatch("""
        UPDATE run SET nominal_start_time = :start, nominal_end_time = :end
        WHERE id = :id AND nominal_start_time IS NULL
        """)
    void setRunNominalTime(@Bind("id") List<UUID> ids, @Bind("start") List<Instant> starts,
            @Bind("end") List<Instant> ends);

    @SqlBatch("""
        UPDATE run SET parent_run_id = CAST(:p.runId AS UUID), parent_job_namespace = :p.jobNamespace, parent_job_name = :p.jobName
        WHERE id = :id AND parent_run_id IS NULL
        """)
    void setRunParent(@Bind("id") List<UUID> ids, @BindMethods("p") List<RunSpec.ParentSpec> parents);

    // run_io is read, deleted and written by run id only, never by its whole key: H2 plans an
    // UPDATE, DELETE or MERGE ... ON by table statistics and chose a single-column index over the
    // primary key (run_id on a nearly empty table, which made an event with many inputs quadratic
    // to apply; dataset_id later, as many rows as runs for a dataset every run reads). A run id
    // can only be served by the indexes that lead with it, whatever the statistics.
    @SqlQuery("""
        SELECT run_id, dataset_id, io_type, dataset_version_id, version_time, version_hash
        FROM run_io WHERE run_id IN (<ids>)
        """)
    @RegisterConstructorMapper(RunIo.class)
    List<RunIo> runIoOf(@BindList("ids") Collection<UUID> runIds);

    @SqlUpdate("DELETE FROM run_io WHERE run_id IN (<ids>)")
    void deleteRunIo(@BindList("ids") Collection<UUID> runIds);

    @SqlBatch("""
        INSERT INTO run_io (run_id, dataset_id, io_type, dataset_version_id, version_time, version_hash)
        VALUES (:runId, :datasetId, :ioType, CAST(:versionId AS UUID), CAST(:versionTime AS TIMESTAMP WITH TIME ZONE),
                CAST(:versionHash AS CHAR(64)))
        """)
    void insertRunIo(@BindMethods List<RunIo> rows);

    /** A dataset a run read or wrote, with the version when the event carried a schema. */
    record RunIo(UUID runId, UUID datasetId, String ioType, @ColumnName("dataset_version_id") UUID versionId,
            Instant versionTime, String versionHash) {
        List<Object> key() {
            return List.of(runId, datasetId, ioType);
        }

        /** Whether this row's version is later than {@code stored}'s, so it replaces it. */
        boolean replaces(RunIo stored) {
            return versionId != null && (stored.versionId == null
                    || new Stamp(versionTime, versionHash).isAfter(new Stamp(stored.versionTime, stored.versionHash)));
        }
    }

    // -- facets ---------------------------------------------------------------------------------

    /**
     * Moves a facet's time on where a later event carries the same content; returns, per row, 1
     * where it did. The payload is not written again.
     */
    @SqlBatch("""
        UPDATE facet SET event_time = :time
        WHERE owner_id = :ownerId AND name = :name AND payload_hash = :hash AND event_time < :time
        """)
    int[] touchFacets(@BindMethods List<FacetRow> facets);

    /** Writes facets whose stamp is later than the stored one; returns, per row, 1 where one was written. */
    @SqlBatch("""
        MERGE INTO facet f
        USING (VALUES (CAST(:ownerId AS UUID), CAST(:name AS VARCHAR(256)), CAST(:ownerKind AS VARCHAR(16)),
                       CAST(:time AS TIMESTAMP WITH TIME ZONE), CAST(:hash AS CHAR(64)), :payload))
              AS s (owner_id, name, owner_kind, event_time, payload_hash, payload)
        ON f.owner_id = s.owner_id AND f.name = s.name
        WHEN MATCHED AND (f.event_time < s.event_time
                          OR (f.event_time = s.event_time AND f.payload_hash < s.payload_hash)) THEN
            UPDATE SET event_time = s.event_time, payload_hash = s.payload_hash, payload = s.payload
        WHEN NOT MATCHED THEN
            INSERT (owner_id, name, owner_kind, event_time, payload_hash, payload)
            VALUES (s.owner_id, s.name, s.owner_kind, s.event_time, s.payload_hash, s.payload)
        """)
    int[] mergeFacets(@BindMethods List<FacetRow> facets);

    /** The latest value of one facet of one dataset, job or run. */
    record FacetRow(UUID ownerId, String name, String ownerKind, Instant time, String hash, String payload) {}

    // -- column lineage -------------------------------------------------------------------------

    @SqlQuery("""
        SELECT id, event_time, facet_hash, provenance FROM column_lineage_origin
        WHERE output_dataset_id = :datasetId AND origin_key = :originKey
        """)
    @RegisterConstructorMapper(LineageOrigin.class)
    Optional<LineageOrigin> lineageOrigin(@Bind("datasetId") UUID datasetId, @Bind("originKey") UUID originKey);

    /** The header of one origin's column lineage for one output dataset. */
    record LineageOrigin(UUID id, Instant eventTime, String facetHash, Provenance provenance) {}

    /** The field names of a dataset's current version, in order; empty when it has none. */
    @SqlQuery("""
        SELECT f.name FROM dataset d
        JOIN namespace n ON n.id = d.namespace_id
        JOIN dataset_field f ON f.version_id = d.current_version_id
        WHERE n.name = :namespace AND d.name = :name
        ORDER BY f.ordinal
        """)
    List<String> currentFieldNames(@Bind("namespace") String namespace, @Bind("name") String name);

    @SqlUpdate("""
        INSERT INTO column_lineage_origin (id, output_dataset_id, job_id, origin_key, provenance, event_time, facet_hash)
        VALUES (:id, :datasetId, CAST(:jobId AS UUID), :originKey, :provenance, :time, :hash)
        """)
    void insertLineageOrigin(@Bind("id") UUID id, @Bind("datasetId") UUID datasetId, @Bind("jobId") UUID jobId,
            @Bind("originKey") UUID originKey, @Bind("provenance") Provenance provenance, @Bind("time") Instant time,
            @Bind("hash") String hash);

    @SqlUpdate("""
        UPDATE column_lineage_origin SET event_time = :time, facet_hash = :hash, provenance = :provenance
        WHERE id = :id
        """)
    void updateLineageOrigin(@Bind("id") UUID id, @Bind("time") Instant time, @Bind("hash") String hash,
            @Bind("provenance") Provenance provenance);

    @SqlUpdate("DELETE FROM column_lineage_edge WHERE origin_id = :originId")
    void deleteLineageEdges(@Bind("originId") UUID originId);

    @SqlBatch("""
        INSERT INTO column_lineage_edge (origin_id, ordinal, output_field, input_dataset_id, input_field,
                                         transformation_type, transformation_subtype, description, masking)
        VALUES (:originId, :ordinal, :outputField, :inputDatasetId, :inputField,
                :type, :subtype, :description, :masking)
        """)
    void insertLineageEdges(@BindMethods List<LineageEdgeRow> edges);

    /** One stored column lineage edge. */
    record LineageEdgeRow(UUID originId, int ordinal, String outputField, UUID inputDatasetId, String inputField,
            String type, String subtype, String description, Boolean masking) {}

    // -- SQL lineage derivation queue ------------------------------------------------------------

    @SqlBatch("""
        INSERT INTO sql_derivation (seq, job_id, status, queued_at)
        SELECT CAST(:seq AS BIGINT), CAST(:jobId AS UUID), 'PENDING', CURRENT_TIMESTAMP FROM ingest_progress
        WHERE id = 1 AND NOT EXISTS (SELECT 1 FROM sql_derivation WHERE seq = CAST(:seq AS BIGINT))
        """)
    void queueDerivations(@BindMethods List<QueuedDerivation> rows);

    /** An applied event whose job SQL waits to be analysed. */
    record QueuedDerivation(long seq, UUID jobId) {}

    // The queue is chosen first, by its own index: as a join, H2 read the whole event log to find none.
    @SqlQuery("""
        SELECT d.seq, d.job_id, (SELECT e.payload FROM lineage_event e WHERE e.seq = d.seq) AS payload
        FROM (SELECT seq, job_id FROM sql_derivation WHERE status = 'PENDING' ORDER BY seq FETCH FIRST :limit ROWS ONLY) d
        ORDER BY d.seq
        """)
    @RegisterConstructorMapper(PendingDerivation.class)
    List<PendingDerivation> pendingDerivations(@Bind("limit") int limit);

    /** A queued derivation: the event (as logged) and its job. */
    record PendingDerivation(long seq, UUID jobId, String payload) {}

    @SqlQuery("SELECT COUNT(*) FROM sql_derivation WHERE status = 'PENDING'")
    long pendingDerivationCount();

    @SqlUpdate("DELETE FROM sql_derivation WHERE seq IN (<seqs>)")
    void deleteDerivations(@BindList("seqs") List<Long> seqs);

    /** Keeps a skipped or failed derivation with its reason; the job's older ones go. */
    @SqlBatch("""
        UPDATE sql_derivation SET status = :status, reason = CAST(:reason AS VARCHAR(1000)),
               finished_at = CURRENT_TIMESTAMP
        WHERE seq = :seq
        """)
    void finishDerivations(@Bind("seq") List<Long> seqs, @Bind("status") List<String> statuses,
            @Bind("reason") List<String> reasons);

    @SqlBatch("""
        DELETE FROM sql_derivation WHERE job_id = :jobId AND seq < :seq AND status <> 'PENDING'
        """)
    void forgetEarlierOutcomes(@Bind("jobId") List<UUID> jobIds, @Bind("seq") List<Long> seqs);

    // -- shared shapes --------------------------------------------------------------------------

    /** The first and last event times that mentioned a row within a batch. */
    record TimeSpan(UUID id, Instant first, Instant last) {}

    /** A candidate current version of a dataset, job or run. */
    record CurrentVersion(UUID ownerId, UUID versionId, Instant time, String hash) {}
}
