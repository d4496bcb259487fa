package io.custodian.catalog.curation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The SQL of soft deletes and tags. */
interface CurationDao {

    @SqlQuery("""
        SELECT d.id FROM dataset d JOIN namespace n ON n.id = d.namespace_id
        WHERE n.name = :namespace AND d.name = :name AND NOT d.is_hidden
        """)
    Optional<UUID> visibleDataset(@Bind("namespace") String namespace, @Bind("name") String name);

    @SqlQuery("""
        SELECT f.name FROM dataset_field f JOIN dataset d ON d.current_version_id = f.version_id
        WHERE d.id = :datasetId
        """)
    List<String> currentFields(@Bind("datasetId") UUID datasetId);

    @SqlUpdate("UPDATE dataset SET is_hidden = TRUE WHERE id = :id")
    void hideDataset(@Bind("id") UUID id);

    @SqlUpdate("""
        UPDATE job SET is_hidden = TRUE
        WHERE name = :name AND NOT is_hidden AND namespace_id = (SELECT id FROM namespace WHERE name = :namespace)
        """)
    int hideJob(@Bind("namespace") String namespace, @Bind("name") String name);

    @SqlUpdate("UPDATE namespace SET is_hidden = TRUE WHERE name = :name AND NOT is_hidden")
    int hideNamespace(@Bind("name") String name);

    @SqlUpdate("UPDATE dataset SET is_hidden = TRUE WHERE namespace_id = (SELECT id FROM namespace WHERE name = :name)")
    void hideDatasetsOf(@Bind("name") String namespace);

    @SqlUpdate("UPDATE job SET is_hidden = TRUE WHERE namespace_id = (SELECT id FROM namespace WHERE name = :name)")
    void hideJobsOf(@Bind("name") String namespace);

    @SqlUpdate("UPDATE catalog_tag SET description = :description, updated_at = :now WHERE name = :name")
    int updateTag(@Bind("name") String name, @Bind("description") String description, @Bind("now") Instant now);

    @SqlUpdate("""
        INSERT INTO catalog_tag (name, description, created_at, updated_at) VALUES (:name, :description, :now, :now)
        """)
    void insertTag(@Bind("name") String name, @Bind("description") String description, @Bind("now") Instant now);

    @SqlQuery("SELECT COUNT(*) FROM catalog_tag WHERE name = :name")
    int tagCount(@Bind("name") String name);

    @SqlQuery("SELECT COUNT(*) FROM dataset_tag WHERE dataset_id = :datasetId AND tag = :tag")
    int datasetTagCount(@Bind("datasetId") UUID datasetId, @Bind("tag") String tag);

    @SqlUpdate("INSERT INTO dataset_tag (dataset_id, tag, tagged_by, tagged_at) VALUES (:datasetId, :tag, :by, :now)")
    void tagDataset(@Bind("datasetId") UUID datasetId, @Bind("tag") String tag, @Bind("by") String by,
            @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM dataset_tag WHERE dataset_id = :datasetId AND tag = :tag")
    int untagDataset(@Bind("datasetId") UUID datasetId, @Bind("tag") String tag);

    @SqlQuery("SELECT COUNT(*) FROM field_tag WHERE dataset_id = :datasetId AND field_name = :field AND tag = :tag")
    int fieldTagCount(@Bind("datasetId") UUID datasetId, @Bind("field") String field, @Bind("tag") String tag);

    @SqlUpdate("""
        INSERT INTO field_tag (dataset_id, field_name, tag, tagged_by, tagged_at)
        VALUES (:datasetId, :field, :tag, :by, :now)
        """)
    void tagField(@Bind("datasetId") UUID datasetId, @Bind("field") String field, @Bind("tag") String tag,
            @Bind("by") String by, @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM field_tag WHERE dataset_id = :datasetId AND field_name = :field AND tag = :tag")
    int untagField(@Bind("datasetId") UUID datasetId, @Bind("field") String field, @Bind("tag") String tag);
}
