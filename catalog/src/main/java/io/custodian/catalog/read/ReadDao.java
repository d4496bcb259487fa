package io.custodian.catalog.read;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The catalog's read queries. */
@RegisterConstructorMapper(ReadDao.NamespaceRow.class)
@RegisterConstructorMapper(ReadDao.DatasetRow.class)
@RegisterConstructorMapper(ReadDao.FieldRow.class)
@RegisterConstructorMapper(ReadDao.VersionRow.class)
@RegisterConstructorMapper(ReadDao.JobRow.class)
@RegisterConstructorMapper(ReadDao.JobVersionRow.class)
@RegisterConstructorMapper(ReadDao.IoRow.class)
@RegisterConstructorMapper(ReadDao.RunRow.class)
@RegisterConstructorMapper(ReadDao.FacetRow.class)
@RegisterConstructorMapper(ReadDao.EventRow.class)
@RegisterConstructorMapper(ReadDao.SourceRow.class)
public interface ReadDao extends SqlObject {

    record NamespaceRow(UUID id, String name, Instant createdAt, Instant updatedAt, boolean isHidden) {}

    @SqlQuery("""
        SELECT n.id, n.name, n.created_at, n.is_hidden,
               GREATEST(n.created_at,
                        COALESCE((SELECT MAX(d.updated_at) FROM dataset d WHERE d.namespace_id = n.id), n.created_at),
                        COALESCE((SELECT MAX(j.updated_at) FROM job j WHERE j.namespace_id = n.id), n.created_at))
                 AS updated_at
        FROM namespace n
        WHERE NOT n.is_hidden
        ORDER BY n.name
        LIMIT :limit OFFSET :offset
        """)
    List<NamespaceRow> namespaces(@Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT COUNT(*) FROM namespace WHERE NOT is_hidden")
    long namespaceCount();

    @SqlQuery("""
        SELECT n.id, n.name, n.created_at, n.is_hidden,
               GREATEST(n.created_at,
                        COALESCE((SELECT MAX(d.updated_at) FROM dataset d WHERE d.namespace_id = n.id), n.created_at),
                        COALESCE((SELECT MAX(j.updated_at) FROM job j WHERE j.namespace_id = n.id), n.created_at))
                 AS updated_at
        FROM namespace n WHERE n.name = :name
        """)
    Optional<NamespaceRow> namespace(@Bind("name") String name);

    record SourceRow(String name, String connectionUrl, Instant createdAt) {}

    @SqlQuery("SELECT name, connection_url, created_at FROM source ORDER BY name LIMIT :limit OFFSET :offset")
    List<SourceRow> sources(@Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT name, connection_url, created_at FROM source WHERE name = :name")
    Optional<SourceRow> source(@Bind("name") String name);

    @SqlQuery("SELECT COUNT(*) FROM source")
    long sourceCount();

    record DatasetRow(UUID id, String namespace, String name, Instant createdAt, Instant updatedAt,
            UUID currentVersionId, Instant currentVersionTime, boolean isHidden) {}

    String DATASET_COLUMNS = """
        SELECT d.id, n.name AS namespace, d.name, d.created_at, d.updated_at, d.current_version_id,
               d.current_version_time, d.is_hidden
        FROM dataset d JOIN namespace n ON n.id = d.namespace_id
        """;

    @SqlQuery(DATASET_COLUMNS
            + " WHERE n.name = :namespace AND NOT d.is_hidden ORDER BY d.name LIMIT :limit OFFSET :offset")
    List<DatasetRow> datasets(@Bind("namespace") String namespace, @Bind("limit") int limit,
            @Bind("offset") long offset);

    @SqlQuery("""
        SELECT COUNT(*) FROM dataset d JOIN namespace n ON n.id = d.namespace_id
        WHERE n.name = :namespace AND NOT d.is_hidden
        """)
    long datasetCount(@Bind("namespace") String namespace);

    @SqlQuery(DATASET_COLUMNS + " WHERE n.name = :namespace AND d.name = :name")
    Optional<DatasetRow> dataset(@Bind("namespace") String namespace, @Bind("name") String name);

    @SqlQuery(DATASET_COLUMNS + " WHERE d.id IN (<ids>)")
    List<DatasetRow> datasetsById(@BindList("ids") List<UUID> ids);

    /**
     * All datasets in id order, a page at a time (for rebuilding derived data such as the search
     * index). The page is cut in a subquery first: joined directly, H2 scans every dataset of
     * every namespace per page.
     */
    @SqlQuery("""
        SELECT d.id, n.name AS namespace, d.name, d.created_at, d.updated_at, d.current_version_id,
               d.current_version_time, d.is_hidden
        FROM (SELECT * FROM dataset WHERE id > :after ORDER BY id FETCH FIRST :limit ROWS ONLY) d
        JOIN namespace n ON n.id = d.namespace_id
        ORDER BY d.id
        """)
    List<DatasetRow> datasetsAfter(@Bind("after") UUID after, @Bind("limit") int limit);

    /** When a dataset or job last appeared in an event. */
    record UpdatedRow(String namespace, String name, java.time.Instant updatedAt) {}

    @SqlQuery("""
        SELECT n.name AS namespace, d.name, d.updated_at FROM dataset d JOIN namespace n ON n.id = d.namespace_id
        WHERE d.id IN (<ids>)
        """)
    @RegisterConstructorMapper(UpdatedRow.class)
    List<UpdatedRow> datasetTimes(@BindList("ids") List<UUID> ids);

    @SqlQuery("""
        SELECT n.name AS namespace, j.name, j.updated_at FROM job j JOIN namespace n ON n.id = j.namespace_id
        WHERE j.id IN (<ids>)
        """)
    @RegisterConstructorMapper(UpdatedRow.class)
    List<UpdatedRow> jobTimes(@BindList("ids") List<UUID> ids);

    /**
     * How much one dataset is used: jobs reading it, and the datasets those jobs write. Joined
     * from the inputs through the version to the job (all keyed), so no database scans jobs.
     */
    record UsageRow(String namespace, String name, int readers, int downstream) {}

    @SqlQuery("""
        SELECT n.name AS namespace, d.name, COUNT(DISTINCT j.id) AS readers, COUNT(DISTINCT o.dataset_id) AS downstream
        FROM job_version_io i
        JOIN job_version v ON v.id = i.job_version_id
        JOIN job j ON j.id = v.job_id AND j.current_version_id = v.id
        JOIN dataset d ON d.id = i.dataset_id
        JOIN namespace n ON n.id = d.namespace_id
        LEFT JOIN job_version_io o ON o.job_version_id = i.job_version_id AND o.io_type = 'OUTPUT'
        WHERE i.io_type = 'INPUT' AND i.dataset_id IN (<ids>)
        GROUP BY n.name, d.name
        """)
    @RegisterConstructorMapper(UsageRow.class)
    List<UsageRow> usage(@BindList("ids") List<UUID> ids);

    record FieldRow(UUID versionId, int ordinal, String name, String type, String description) {}

    @SqlQuery("""
        SELECT version_id, ordinal, name, type, description FROM dataset_field
        WHERE version_id IN (<versionIds>) ORDER BY version_id, ordinal
        """)
    List<FieldRow> fields(@BindList("versionIds") List<UUID> versionIds);

    record VersionRow(UUID id, UUID datasetId, String schemaHash, Instant createdAt, int fieldCount,
            UUID createdByRunId) {}

    @SqlQuery("""
        SELECT v.id, v.dataset_id, v.schema_hash, v.created_at, v.field_count,
               (SELECT r.run_id FROM run_io r
                 WHERE r.dataset_version_id = v.id AND r.io_type = 'OUTPUT'
                 ORDER BY r.version_time, r.run_id
                 FETCH FIRST 1 ROW ONLY) AS created_by_run_id
        FROM dataset_version v
        WHERE v.dataset_id = :datasetId
        ORDER BY v.created_at DESC, v.id
        LIMIT :limit OFFSET :offset
        """)
    List<VersionRow> datasetVersions(@Bind("datasetId") UUID datasetId, @Bind("limit") int limit,
            @Bind("offset") long offset);

    @SqlQuery("SELECT COUNT(*) FROM dataset_version WHERE dataset_id = :datasetId")
    long datasetVersionCount(@Bind("datasetId") UUID datasetId);

    @SqlQuery("""
        SELECT v.id, v.dataset_id, v.schema_hash, v.created_at, v.field_count,
               (SELECT r.run_id FROM run_io r
                 WHERE r.dataset_version_id = v.id AND r.io_type = 'OUTPUT'
                 ORDER BY r.version_time, r.run_id
                 FETCH FIRST 1 ROW ONLY) AS created_by_run_id
        FROM dataset_version v
        WHERE v.dataset_id = :datasetId AND v.id = :versionId
        """)
    Optional<VersionRow> datasetVersion(@Bind("datasetId") UUID datasetId, @Bind("versionId") UUID versionId);

    /** The first run that read or wrote the dataset while no schema described it, if any (writers first). */
    @SqlQuery("""
        SELECT r.run_id FROM run_io r
        WHERE r.dataset_id = :datasetId AND r.dataset_version_id IS NULL
        ORDER BY CASE WHEN r.io_type = 'OUTPUT' THEN 0 ELSE 1 END, r.run_id
        FETCH FIRST 1 ROW ONLY
        """)
    Optional<UUID> schemalessRun(@Bind("datasetId") UUID datasetId);

    record ColumnEdgeRow(UUID datasetId, String outputField, String namespace, String dataset, String field,
            String transformationType, String description) {}

    /** The field-level column lineage into these datasets, from every origin that described it. */
    @SqlQuery("""
        SELECT o.output_dataset_id AS dataset_id, e.output_field, n.name AS namespace, d.name AS dataset,
               e.input_field AS field, e.transformation_type, e.description
        FROM column_lineage_edge e
        JOIN column_lineage_origin o ON o.id = e.origin_id
        JOIN dataset d ON d.id = e.input_dataset_id
        JOIN namespace n ON n.id = d.namespace_id
        WHERE o.output_dataset_id IN (<ids>) AND e.output_field IS NOT NULL
        ORDER BY o.output_dataset_id, e.output_field, n.name, d.name, e.input_field
        """)
    @RegisterConstructorMapper(ColumnEdgeRow.class)
    List<ColumnEdgeRow> columnLineage(@BindList("ids") List<UUID> datasetIds);

    record TagRow(UUID ownerId, String field, String tag) {}

    @SqlQuery("SELECT dataset_id AS owner_id, NULL AS field, tag FROM dataset_tag WHERE dataset_id IN (<ids>) ORDER BY tag")
    @RegisterConstructorMapper(TagRow.class)
    List<TagRow> datasetTags(@BindList("ids") List<UUID> datasetIds);

    @SqlQuery("""
        SELECT dataset_id AS owner_id, field_name AS field, tag FROM field_tag
        WHERE dataset_id IN (<ids>) ORDER BY field_name, tag
        """)
    @RegisterConstructorMapper(TagRow.class)
    List<TagRow> fieldTags(@BindList("ids") List<UUID> datasetIds);

    @SqlQuery("SELECT name, description FROM catalog_tag ORDER BY name")
    @RegisterConstructorMapper(Views.Tag.class)
    List<Views.Tag> tags();

    record JobRow(UUID id, String namespace, String name, Instant createdAt, Instant updatedAt,
            UUID currentVersionId, boolean isHidden) {}

    String JOB_COLUMNS = """
        SELECT j.id, n.name AS namespace, j.name, j.created_at, j.updated_at, j.current_version_id, j.is_hidden
        FROM job j JOIN namespace n ON n.id = j.namespace_id
        """;

    @SqlQuery(JOB_COLUMNS
            + " WHERE n.name = :namespace AND NOT j.is_hidden ORDER BY j.name LIMIT :limit OFFSET :offset")
    List<JobRow> jobs(@Bind("namespace") String namespace, @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("""
        SELECT COUNT(*) FROM job j JOIN namespace n ON n.id = j.namespace_id
        WHERE n.name = :namespace AND NOT j.is_hidden
        """)
    long jobCount(@Bind("namespace") String namespace);

    /**
     * Jobs of every namespace, by namespace then name, whose latest run is in one of
     * {@code states} (OpenLineage eventTypes; a run with no state counts as {@code NONE}); all
     * visible jobs when {@code anyState}.
     */
    @SqlQuery(JOB_COLUMNS + """
         WHERE NOT j.is_hidden
           AND (:anyState OR COALESCE((SELECT r.state FROM run r WHERE r.job_id = j.id
                                       ORDER BY r.created_at DESC, r.id FETCH FIRST 1 ROW ONLY), 'NONE') IN (<states>))
         ORDER BY n.name, j.name LIMIT :limit OFFSET :offset
        """)
    List<JobRow> allJobs(@Bind("anyState") boolean anyState, @BindList("states") List<String> states,
            @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("""
        SELECT COUNT(*) FROM job j
        WHERE NOT j.is_hidden
          AND (:anyState OR COALESCE((SELECT r.state FROM run r WHERE r.job_id = j.id
                                      ORDER BY r.created_at DESC, r.id FETCH FIRST 1 ROW ONLY), 'NONE') IN (<states>))
        """)
    long allJobCount(@Bind("anyState") boolean anyState, @BindList("states") List<String> states);

    @SqlQuery(JOB_COLUMNS + " WHERE n.name = :namespace AND j.name = :name")
    Optional<JobRow> job(@Bind("namespace") String namespace, @Bind("name") String name);

    @SqlQuery(JOB_COLUMNS + " WHERE j.id = :id")
    Optional<JobRow> jobById(@Bind("id") UUID id);

    @SqlQuery(JOB_COLUMNS + " WHERE j.id IN (<ids>)")
    List<JobRow> jobsById(@BindList("ids") List<UUID> ids);

    /** All jobs in id order, a page at a time (for rebuilding derived data); cut first, as datasets are. */
    @SqlQuery("""
        SELECT j.id, n.name AS namespace, j.name, j.created_at, j.updated_at, j.current_version_id, j.is_hidden
        FROM (SELECT * FROM job WHERE id > :after ORDER BY id FETCH FIRST :limit ROWS ONLY) j
        JOIN namespace n ON n.id = j.namespace_id
        ORDER BY j.id
        """)
    List<JobRow> jobsAfter(@Bind("after") UUID after, @Bind("limit") int limit);

    @SqlQuery("SELECT COUNT(*) FROM job")
    long jobTotal();

    /** One column of a dataset a job's current version reads or writes. */
    record JobColumnRow(String namespace, String name, String field) {}

    @SqlQuery("""
        SELECT DISTINCT n.name AS namespace, j.name, f.name AS field
        FROM job j
        JOIN namespace n ON n.id = j.namespace_id
        JOIN job_version_io i ON i.job_version_id = j.current_version_id
        JOIN dataset d ON d.id = i.dataset_id
        JOIN dataset_field f ON f.version_id = d.current_version_id
        WHERE j.id IN (<ids>)
        """)
    @RegisterConstructorMapper(JobColumnRow.class)
    List<JobColumnRow> jobColumns(@BindList("ids") List<UUID> ids);

    record JobVersionRow(UUID id, UUID jobId, String versionHash, Instant createdAt, String jobType,
            String processingType, String integration, String sqlQuery, String sqlDialect, String sourceCodeType,
            String sourceCodeUrl, String sourceCodePath, String sourceCodeVersion) {}

    @SqlQuery("""
        SELECT id, job_id, version_hash, created_at, job_type, processing_type, integration, sql_query, sql_dialect,
               source_code_type, source_code_url, source_code_path, source_code_version
        FROM job_version WHERE id IN (<ids>)
        """)
    List<JobVersionRow> jobVersions(@BindList("ids") List<UUID> ids);

    @SqlQuery("""
        SELECT id FROM job_version WHERE job_id = :jobId ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset
        """)
    List<UUID> jobVersionIds(@Bind("jobId") UUID jobId, @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT COUNT(*) FROM job_version WHERE job_id = :jobId")
    long jobVersionCount(@Bind("jobId") UUID jobId);

    /** The latest run of each of these job versions. */
    @SqlQuery(RUN_COLUMNS + """
        WHERE r.job_version_id IN (<ids>)
          AND NOT EXISTS (SELECT 1 FROM run n
                          WHERE n.job_version_id = r.job_version_id
                            AND (n.created_at > r.created_at OR (n.created_at = r.created_at AND n.id < r.id)))
        """)
    List<RunRow> latestRunsOfVersions(@BindList("ids") List<UUID> jobVersionIds);

    record IoRow(UUID ownerId, String ioType, UUID datasetId, String namespace, String name, UUID datasetVersionId) {}

    @SqlQuery("""
        SELECT io.job_version_id AS owner_id, io.io_type, io.dataset_id, n.name AS namespace, d.name, NULL AS dataset_version_id
        FROM job_version_io io
        JOIN dataset d ON d.id = io.dataset_id
        JOIN namespace n ON n.id = d.namespace_id
        WHERE io.job_version_id IN (<ids>)
        ORDER BY io.io_type, n.name, d.name
        """)
    List<IoRow> jobVersionIo(@BindList("ids") List<UUID> jobVersionIds);

    @SqlQuery("""
        SELECT io.run_id AS owner_id, io.io_type, io.dataset_id, n.name AS namespace, d.name, io.dataset_version_id
        FROM run_io io
        JOIN dataset d ON d.id = io.dataset_id
        JOIN namespace n ON n.id = d.namespace_id
        WHERE io.run_id IN (<ids>)
        ORDER BY io.io_type, n.name, d.name
        """)
    List<IoRow> runIo(@BindList("ids") List<UUID> runIds);

    record RunRow(UUID id, UUID jobId, UUID jobVersionId, String state, Instant createdAt, Instant updatedAt,
            Instant startedAt, Instant endedAt, Instant nominalStartTime, Instant nominalEndTime, UUID parentRunId,
            String parentJobNamespace, String parentJobName) {}

    String RUN_COLUMNS = """
        SELECT r.id, r.job_id, r.job_version_id, r.state, r.created_at, r.updated_at, r.started_at, r.ended_at,
               r.nominal_start_time, r.nominal_end_time, r.parent_run_id, r.parent_job_namespace, r.parent_job_name
        FROM run r
        """;

    @SqlQuery(RUN_COLUMNS + " WHERE r.job_id = :jobId ORDER BY r.created_at DESC, r.id LIMIT :limit OFFSET :offset")
    List<RunRow> runs(@Bind("jobId") UUID jobId, @Bind("limit") int limit, @Bind("offset") long offset);


    @SqlQuery("SELECT COUNT(*) FROM run WHERE job_id = :jobId")
    long runCount(@Bind("jobId") UUID jobId);

    /**
     * The {@code perJob} newest runs of each job, by job then newest first, in one statement: a
     * subquery a job, each cut short on the (job_id, created_at) index, so a job with a long history
     * costs no more than one with ten runs.
     */
    default List<RunRow> newestRuns(List<UUID> jobIds, int perJob) {
        if (jobIds.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT * FROM (");
        for (int i = 0; i < jobIds.size(); i++) {
            sql.append(i == 0 ? "" : " UNION ALL ")
                    .append("SELECT * FROM (").append(RUN_COLUMNS).append(" WHERE r.job_id = :job").append(i)
                    .append(" ORDER BY r.created_at DESC, r.id FETCH FIRST :perJob ROWS ONLY) n").append(i);
        }
        sql.append(") newest ORDER BY job_id, created_at DESC, id");
        var query = getHandle().createQuery(sql.toString()).bind("perJob", perJob);
        for (int i = 0; i < jobIds.size(); i++) {
            query.bind("job" + i, jobIds.get(i));
        }
        return query.map(org.jdbi.v3.core.mapper.reflect.ConstructorMapper.of(RunRow.class)).list();
    }

    @SqlQuery(RUN_COLUMNS + " WHERE r.id IN (<ids>)")
    List<RunRow> runsById(@BindList("ids") List<UUID> ids);

    @SqlQuery(RUN_COLUMNS + " WHERE r.id = :id")
    Optional<RunRow> run(@Bind("id") UUID id);

    record FacetRow(UUID ownerId, String name, String payload) {}

    @SqlQuery("SELECT owner_id, name, payload FROM facet WHERE owner_id IN (<ids>) ORDER BY owner_id, name")
    List<FacetRow> facets(@BindList("ids") List<UUID> ownerIds);

    record EventRow(long seq, Instant receivedAt, String payload, String readAs) {}

    @SqlQuery("""
        SELECT seq, received_at, payload, read_as FROM lineage_event
        WHERE event_time >= :after AND event_time <= :before
        ORDER BY event_time DESC, seq DESC
        LIMIT :limit OFFSET :offset
        """)
    List<EventRow> events(@Bind("after") Instant after, @Bind("before") Instant before, @Bind("limit") int limit,
            @Bind("offset") long offset);

    @SqlQuery("""
        SELECT seq, received_at, payload, read_as FROM lineage_event
        WHERE event_time >= :after AND event_time <= :before
        ORDER BY event_time, seq
        LIMIT :limit OFFSET :offset
        """)
    List<EventRow> eventsOldestFirst(@Bind("after") Instant after, @Bind("before") Instant before,
            @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT COUNT(*) FROM lineage_event WHERE event_time >= :after AND event_time <= :before")
    long eventCount(@Bind("after") Instant after, @Bind("before") Instant before);

    @SqlQuery("SELECT COUNT(*) FROM dataset")
    long datasetTotal();

    @SqlQuery("SELECT applied_seq FROM ingest_progress WHERE id = 1")
    long appliedSeq();

    /** The oldest logged event the applier has not reached yet (by the log's order), if any. */
    @SqlQuery("""
        SELECT received_at FROM lineage_event
        WHERE seq > (SELECT applied_seq FROM ingest_progress WHERE id = 1)
        ORDER BY seq FETCH FIRST 1 ROWS ONLY
        """)
    java.util.Optional<java.time.Instant> oldestUnappliedReceivedAt();

    @SqlQuery("SELECT COUNT(*) FROM ingest_failure")
    long unappliedEventCount();
}
