package io.custodian.catalog.classification;

import io.custodian.catalog.lineage.Provenance;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of field classifications; decisions live in {@link ClassificationStore}. */
@RegisterRowMapper(ClassificationRowMapper.class)
@RegisterConstructorMapper(ClassificationDao.DatasetKey.class)
@RegisterConstructorMapper(ClassificationDao.LineageEdgeRow.class)
public interface ClassificationDao {

    /** Held until the transaction ends: one propagation recomputation at a time per store. */
    @SqlQuery("SELECT name FROM store_lock WHERE name = 'propagation' FOR UPDATE")
    String takePropagationLock();

    /** The columns of a {@link ClassificationRow}, in the order {@link ClassificationRowMapper} reads them. */
    String COLUMNS = """
        SELECT id, dataset_id, field_name, classification, source, confidence, explanation, detector_version,
               sample_size, matched_count, scan_id, scanned_at, decision, note, decided_by, decided_at, path,
               policy_version, updated_at
        FROM field_classification
        """;

    /** The rows of the datasets in {@code <ids>}; also run without the SqlObject by {@link Classifications}. */
    String FOR_DATASETS = COLUMNS + " WHERE dataset_id IN (<ids>) ORDER BY dataset_id, field_name, classification, source";

    @SqlQuery(FOR_DATASETS)
    List<ClassificationRow> forDatasets(@BindList("ids") List<UUID> datasetIds);

    /** Every source's row of the types, for folding by {@link Classifications}. */
    @SqlQuery(COLUMNS + " WHERE classification IN (<types>)")
    List<ClassificationRow> ofTypes(@BindList("types") Collection<String> types);

    /** Like {@link #ofTypes}, on the datasets of one namespace. */
    @SqlQuery(COLUMNS + """
         WHERE classification IN (<types>) AND dataset_id IN (
            SELECT d.id FROM dataset d JOIN namespace n ON n.id = d.namespace_id WHERE n.name = :namespace)
        """)
    List<ClassificationRow> ofTypesIn(@BindList("types") Collection<String> types,
            @Bind("namespace") String namespace);

    @SqlQuery(COLUMNS + " WHERE source <> 'PROPAGATED'")
    List<ClassificationRow> direct();

    @SqlQuery(COLUMNS + " WHERE source = 'PROPAGATED'")
    List<ClassificationRow> propagated();

    @SqlUpdate("""
        UPDATE field_classification SET confidence = :confidence, explanation = :explanation,
               detector_version = :detectorVersion, sample_size = :sampleSize, matched_count = :matchedCount,
               scan_id = CAST(:scanId AS UUID), scanned_at = :scannedAt, decision = :decision, note = :note,
               decided_by = :decidedBy, decided_at = :decidedAt, path = :path, policy_version = :policyVersion,
               updated_at = :updatedAt
        WHERE id = :id
        """)
    int update(@BindMethods ClassificationRow row);

    @SqlUpdate("""
        INSERT INTO field_classification (id, dataset_id, field_name, classification, source, confidence, explanation,
               detector_version, sample_size, matched_count, scan_id, scanned_at, decision, note, decided_by,
               decided_at, path, policy_version, updated_at)
        VALUES (:id, :datasetId, :fieldName, :classification, :source, :confidence, :explanation, :detectorVersion,
               :sampleSize, :matchedCount, CAST(:scanId AS UUID), :scannedAt, :decision, :note, :decidedBy, :decidedAt, :path,
               :policyVersion, :updatedAt)
        """)
    void insert(@BindMethods ClassificationRow row);

    @SqlUpdate("DELETE FROM field_classification WHERE id = :id")
    int delete(@Bind("id") UUID id);

    /** A dataset's id with its namespace and name. */
    record DatasetKey(UUID id, String namespace, String name) {}

    @SqlQuery("""
        SELECT d.id, n.name AS namespace, d.name FROM dataset d JOIN namespace n ON n.id = d.namespace_id
        WHERE n.name = :namespace AND d.name = :name
        """)
    Optional<DatasetKey> dataset(@Bind("namespace") String namespace, @Bind("name") String name);

    @SqlQuery("""
        SELECT d.id, n.name AS namespace, d.name FROM dataset d JOIN namespace n ON n.id = d.namespace_id
        WHERE d.id IN (<ids>)
        """)
    List<DatasetKey> datasets(@BindList("ids") List<UUID> ids);

    @SqlQuery("""
        SELECT d.id, n.name AS namespace, d.name FROM dataset d JOIN namespace n ON n.id = d.namespace_id
        WHERE n.name = :namespace AND d.name IN (<names>)
        """)
    List<DatasetKey> datasetsNamed(@Bind("namespace") String namespace, @BindList("names") List<String> names);

    @SqlQuery("""
        SELECT f.name FROM dataset_field f JOIN dataset d ON d.current_version_id = f.version_id
        WHERE d.id = :datasetId ORDER BY f.ordinal
        """)
    List<String> currentFields(@Bind("datasetId") UUID datasetId);

    /**
     * One column lineage edge in force, {@code input -> output}, by namespace and dataset names
     * (see {@link Provenance#EDGE_IN_FORCE}).
     */
    record LineageEdgeRow(String outputNamespace, String outputDataset, String outputField, String inputNamespace,
            String inputDataset, String inputField, String transformationType, String transformationSubtype) {}

    @SqlQuery("""
        SELECT ons.name AS output_namespace, od.name AS output_dataset, e.output_field,
               ins.name AS input_namespace, ind.name AS input_dataset, e.input_field,
               e.transformation_type, e.transformation_subtype
        FROM column_lineage_edge e
        JOIN column_lineage_origin o ON o.id = e.origin_id
        JOIN dataset od ON od.id = o.output_dataset_id JOIN namespace ons ON ons.id = od.namespace_id
        JOIN dataset ind ON ind.id = e.input_dataset_id JOIN namespace ins ON ins.id = ind.namespace_id
        WHERE """ + Provenance.EDGE_IN_FORCE)
    List<LineageEdgeRow> columnEdges();

    @SqlQuery("SELECT COUNT(*) FROM (SELECT 1 FROM field_classification FETCH FIRST 1 ROWS ONLY) t")
    long anyClassification();

    @SqlQuery("SELECT COUNT(*) FROM column_lineage_origin WHERE output_dataset_id IN (<ids>)")
    long lineageOriginsOf(@BindList("ids") List<UUID> datasetIds);
}
