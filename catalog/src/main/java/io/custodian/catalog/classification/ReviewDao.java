package io.custodian.catalog.classification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of ingest classification and the review queue; decisions live in {@link ClassificationStore} and {@link ReviewQueue}. */
@RegisterConstructorMapper(SchemaField.class)
@RegisterConstructorMapper(ReviewDao.ItemRow.class)
@RegisterConstructorMapper(ReviewDao.DatasetName.class)
public interface ReviewDao {

    /** A stored review item, with its dataset's namespace and name. */
    record ItemRow(UUID id, UUID datasetId, String namespace, String dataset, String kind, String fieldName,
            String classification, String sensitivity, String detail, String status, Instant createdAt,
            String decidedBy, Instant decidedAt, String note) {}

    /** A dataset by namespace and name. */
    record DatasetName(String namespace, String name) {}

    @SqlQuery("SELECT current_version_id FROM dataset WHERE id = :id")
    Optional<UUID> currentVersion(@Bind("id") UUID datasetId);

    @SqlQuery("SELECT version_id FROM ingest_classification WHERE dataset_id = :id")
    Optional<UUID> classifiedVersion(@Bind("id") UUID datasetId);

    @SqlQuery("SELECT name, type FROM dataset_field WHERE version_id = :v ORDER BY ordinal")
    List<SchemaField> fieldsOf(@Bind("v") UUID versionId);

    /** Datasets whose current schema ingest classification has not looked at yet. */
    @SqlQuery("""
        SELECT d.id FROM dataset d LEFT JOIN ingest_classification c ON c.dataset_id = d.id
        WHERE d.current_version_id IS NOT NULL AND (c.version_id IS NULL OR c.version_id <> d.current_version_id)
        ORDER BY d.id
        """)
    List<UUID> unclassified();

    @SqlUpdate("UPDATE ingest_classification SET version_id = :v, classified_at = :at WHERE dataset_id = :id")
    int updateClassified(@Bind("id") UUID datasetId, @Bind("v") UUID versionId, @Bind("at") Instant at);

    @SqlUpdate("INSERT INTO ingest_classification (dataset_id, version_id, classified_at) VALUES (:id, :v, :at)")
    void insertClassified(@Bind("id") UUID datasetId, @Bind("v") UUID versionId, @Bind("at") Instant at);

    /** The datasets the current versions of jobs reading this dataset write: what a change of it feeds. */
    @SqlQuery("""
        SELECT DISTINCT n.name AS namespace, od.name AS name
        FROM job j
        JOIN job_version_io i ON i.job_version_id = j.current_version_id AND i.io_type = 'INPUT'
        JOIN job_version_io o ON o.job_version_id = j.current_version_id AND o.io_type = 'OUTPUT'
        JOIN dataset od ON od.id = o.dataset_id JOIN namespace n ON n.id = od.namespace_id
        WHERE i.dataset_id = :id AND o.dataset_id <> :id
        ORDER BY 1, 2
        """)
    List<DatasetName> feeds(@Bind("id") UUID datasetId);

    @SqlUpdate("""
        INSERT INTO review_item (id, dataset_id, kind, field_name, classification, sensitivity, detail, status,
               created_at)
        VALUES (:id, :datasetId, :kind, :fieldName, :classification, :sensitivity, :detail, 'OPEN', :createdAt)
        """)
    void insertItem(@Bind("id") UUID id, @Bind("datasetId") UUID datasetId, @Bind("kind") String kind,
            @Bind("fieldName") String fieldName, @Bind("classification") String classification,
            @Bind("sensitivity") String sensitivity, @Bind("detail") String detail,
            @Bind("createdAt") Instant createdAt);

    String ITEM_COLUMNS = """
        SELECT r.id, r.dataset_id, n.name AS namespace, d.name AS dataset, r.kind, r.field_name, r.classification,
               r.sensitivity, r.detail, r.status, r.created_at, r.decided_by, r.decided_at, r.note
        FROM review_item r JOIN dataset d ON d.id = r.dataset_id JOIN namespace n ON n.id = d.namespace_id
        """;

    @SqlQuery(ITEM_COLUMNS + """
         WHERE r.status = 'OPEN' AND r.dataset_id = :datasetId AND r.kind = 'NEW_CLASSIFICATION'
        """)
    List<ItemRow> openClassificationItems(@Bind("datasetId") UUID datasetId);

    @SqlQuery(ITEM_COLUMNS + " WHERE r.id IN (<ids>)")
    List<ItemRow> items(@BindList("ids") List<UUID> ids);

    /** Open items, oldest first, filtered where a filter is given (null: any). */
    @SqlQuery(ITEM_COLUMNS + """
         WHERE r.status = 'OPEN'
           AND (CAST(:namespace AS VARCHAR(2048)) IS NULL OR n.name = :namespace)
           AND (CAST(:dataset AS VARCHAR(2048)) IS NULL OR d.name = :dataset)
           AND (CAST(:kind AS VARCHAR(32)) IS NULL OR r.kind = :kind)
           AND (CAST(:type AS VARCHAR(64)) IS NULL OR r.classification = :type)
           AND r.sensitivity IN (<sensitivities>)
           AND r.created_at <= :createdBefore
         ORDER BY r.created_at, r.id
         FETCH FIRST :limit ROWS ONLY
        """)
    List<ItemRow> open(@Bind("namespace") String namespace, @Bind("dataset") String dataset,
            @Bind("kind") String kind, @Bind("type") String type,
            @BindList("sensitivities") List<String> sensitivities, @Bind("createdBefore") Instant createdBefore,
            @Bind("limit") int limit);

    @SqlUpdate("""
        UPDATE review_item SET status = :status, decided_by = :decidedBy, decided_at = :decidedAt, note = :note
        WHERE id = :id AND status = 'OPEN'
        """)
    int close(@Bind("id") UUID id, @Bind("status") String status, @Bind("decidedBy") String decidedBy,
            @Bind("decidedAt") Instant decidedAt, @Bind("note") String note);

    @SqlQuery("""
        SELECT COUNT(*) FROM dataset_field f JOIN dataset d ON d.current_version_id = f.version_id WHERE d.id = :id
        """)
    int currentFieldCount(@Bind("id") UUID datasetId);

    /** The datasets read by the current versions of the jobs that write this one: its dataset-level inputs. */
    @SqlQuery("""
        SELECT DISTINCT i.dataset_id
        FROM job j
        JOIN job_version_io o ON o.job_version_id = j.current_version_id AND o.io_type = 'OUTPUT'
        JOIN job_version_io i ON i.job_version_id = j.current_version_id AND i.io_type = 'INPUT'
        WHERE o.dataset_id = :id AND i.dataset_id <> :id
        ORDER BY 1
        """)
    List<UUID> inputsOf(@Bind("id") UUID datasetId);
}
