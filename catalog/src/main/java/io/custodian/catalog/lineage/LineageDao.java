package io.custodian.catalog.lineage;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The lineage graph's queries: node lookups and the edges around a frontier of nodes. */
@RegisterConstructorMapper(LineageDao.NamedRow.class)
@RegisterConstructorMapper(LineageDao.JobIoRow.class)
@RegisterConstructorMapper(LineageDao.ColumnEdgeRow.class)
@RegisterConstructorMapper(LineageDao.FieldRow.class)
public interface LineageDao {

    /** Namespaces {@code text} starts with, followed by a colon: the candidates for "NS:NAME". */
    @SqlQuery("""
        SELECT name FROM namespace
        WHERE LENGTH(name) < LENGTH(:text) AND SUBSTRING(:text, 1, LENGTH(name) + 1) = CONCAT(name, ':')
        """)
    List<String> namespacesPrefixing(@Bind("text") String text);

    /** A dataset or job with its namespace and name. */
    record NamedRow(UUID id, String namespace, String name) {}

    @SqlQuery("""
        SELECT d.id, n.name AS namespace, d.name FROM dataset d JOIN namespace n ON n.id = d.namespace_id
        WHERE n.name = :namespace AND d.name IN (<names>)
        """)
    List<NamedRow> datasets(@Bind("namespace") String namespace, @BindList("names") Collection<String> names);

    @SqlQuery("""
        SELECT j.id, n.name AS namespace, j.name FROM job j JOIN namespace n ON n.id = j.namespace_id
        WHERE n.name = :namespace AND j.name = :name
        """)
    List<NamedRow> job(@Bind("namespace") String namespace, @Bind("name") String name);

    @SqlQuery("""
        SELECT d.id, n.name AS namespace, d.name FROM dataset d JOIN namespace n ON n.id = d.namespace_id
        WHERE d.id IN (<ids>)
        """)
    List<NamedRow> datasetsById(@BindList("ids") Collection<UUID> ids);

    @SqlQuery("""
        SELECT j.id, n.name AS namespace, j.name FROM job j JOIN namespace n ON n.id = j.namespace_id
        WHERE j.id IN (<ids>)
        """)
    List<NamedRow> jobsById(@BindList("ids") Collection<UUID> ids);

    // -- dataset lineage: the current version of each job, as Marquez draws it ---------------------

    /** A dataset a job's current version reads ({@code INPUT}) or writes ({@code OUTPUT}). */
    record JobIoRow(UUID jobId, UUID datasetId, String ioType) {}

    String CURRENT_JOB_IO = """
        SELECT j.id AS job_id, io.dataset_id, io.io_type
        FROM job_version_io io
        JOIN job_version v ON v.id = io.job_version_id
        JOIN job j ON j.id = v.job_id AND j.current_version_id = v.id
        """;

    /** Jobs whose current version reads ({@code INPUT}) or writes ({@code OUTPUT}) the datasets. */
    @SqlQuery(CURRENT_JOB_IO + " WHERE io.io_type = :ioType AND io.dataset_id IN (<ids>) ORDER BY io.dataset_id, j.id")
    List<JobIoRow> jobIoOfDatasets(@Bind("ioType") String ioType, @BindList("ids") Collection<UUID> datasetIds);

    /** Datasets the current versions of the jobs read ({@code INPUT}) or write ({@code OUTPUT}). */
    @SqlQuery(CURRENT_JOB_IO + " WHERE io.io_type = :ioType AND j.id IN (<ids>) ORDER BY j.id, io.dataset_id")
    List<JobIoRow> jobIoOfJobs(@Bind("ioType") String ioType, @BindList("ids") Collection<UUID> jobIds);

    // -- column lineage ---------------------------------------------------------------------------

    /** One column edge with the provenance of the origin that described it. */
    record ColumnEdgeRow(UUID outputDatasetId, String outputField, UUID inputDatasetId, String inputField,
            String transformationType, String transformationSubtype, String description, Boolean masking,
            Provenance provenance, UUID jobId) {}

    /** The column edges in force (see {@link Provenance#EDGE_IN_FORCE}), with the job that described each. */
    String COLUMN_EDGES = """
        SELECT o.output_dataset_id, e.output_field, e.input_dataset_id, e.input_field, e.transformation_type,
               e.transformation_subtype, e.description, e.masking, o.provenance, o.job_id
        FROM column_lineage_edge e JOIN column_lineage_origin o ON o.id = e.origin_id
        WHERE """ + Provenance.EDGE_IN_FORCE;

    String COLUMN_EDGE_ORDER = """
         ORDER BY o.output_dataset_id, e.output_field, e.input_dataset_id, e.input_field, o.provenance,
                  e.transformation_type, e.transformation_subtype, e.description
        """;

    /**
     * Edges into fields of the datasets named in {@code fields}: a superset of the edges into
     * the (dataset, field) pairs asked for, which the caller filters.
     */
    @SqlQuery(COLUMN_EDGES + " AND o.output_dataset_id IN (<datasets>) AND e.output_field IN (<fields>)"
            + COLUMN_EDGE_ORDER)
    List<ColumnEdgeRow> columnEdgesInto(@BindList("datasets") Collection<UUID> datasetIds,
            @BindList("fields") Collection<String> fields);

    /** Edges out of the fields, as a superset, like {@link #columnEdgesInto}. */
    @SqlQuery(COLUMN_EDGES + " AND e.input_dataset_id IN (<datasets>) AND e.input_field IN (<fields>)"
            + COLUMN_EDGE_ORDER)
    List<ColumnEdgeRow> columnEdgesOutOf(@BindList("datasets") Collection<UUID> datasetIds,
            @BindList("fields") Collection<String> fields);

    /** A field of a dataset's current schema. */
    record FieldRow(UUID datasetId, String name, String type) {}

    @SqlQuery("""
        SELECT d.id AS dataset_id, f.name, f.type
        FROM dataset d JOIN dataset_field f ON f.version_id = d.current_version_id
        WHERE d.id IN (<ids>)
        ORDER BY d.id, f.ordinal
        """)
    List<FieldRow> currentFields(@BindList("ids") Collection<UUID> datasetIds);

    /** Fields of a dataset that column lineage names, as an output (with the provenance rule) or as an input. */
    @SqlQuery("""
        SELECT DISTINCT e.output_field FROM column_lineage_edge e JOIN column_lineage_origin o ON o.id = e.origin_id
        WHERE o.output_dataset_id = :id AND """ + Provenance.EDGE_IN_FORCE + """
        UNION
        SELECT DISTINCT e.input_field FROM column_lineage_edge e JOIN column_lineage_origin o ON o.id = e.origin_id
        WHERE e.input_dataset_id = :id AND """ + Provenance.EDGE_IN_FORCE + """
        """)
    List<String> lineageFields(@Bind("id") UUID datasetId);
}
