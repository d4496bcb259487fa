package io.custodian.erasure.plan;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodian.catalog.classification.Classification;
import io.custodian.catalog.classification.ClassificationStore;
import io.custodian.catalog.classification.ClassifiedField;
import io.custodian.catalog.classification.ClassifiedFields;
import io.custodian.catalog.field.FieldRef;
import io.custodian.catalog.classification.LineageEdge;
import io.custodian.catalog.read.CatalogReader;
import io.custodian.catalog.read.Views.Owner;
import io.custodian.sources.Sources;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The planner's catalog facts read from Custodian's store in a few set-based reads, whatever the
 * catalog's size: every dataset with its current schema, owners and classifications in force
 * (folded by {@link ClassifiedFields}, the rule every reader uses), column edges as propagation
 * reads them, job inputs and outputs, and scan times.
 */
public final class StoreCatalogFacts implements CatalogFacts {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Jdbi jdbi;
    private final ClassificationStore classifications;
    private final ClassifiedFields classified;
    private final Sources sources;

    public StoreCatalogFacts(Jdbi jdbi, ClassificationStore classifications, Sources sources) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.classifications = requireNonNull(classifications, "classifications is null");
        this.classified = new ClassifiedFields(jdbi, classifications);
        this.sources = requireNonNull(sources, "sources is null");
    }

    @Override
    public List<DatasetFacts> datasets() {
        record Row(UUID id, String namespace, String name, UUID version, Instant versionTime) {}
        record FieldRow(UUID version, String name, String type) {}
        record OwnerRow(UUID dataset, String payload) {}
        List<Row> rows = jdbi.withHandle(handle -> handle.createQuery("""
                SELECT d.id, n.name AS namespace, d.name, d.current_version_id, d.current_version_time
                  FROM dataset d JOIN namespace n ON n.id = d.namespace_id""")
                .map((rs, ctx) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getObject(4, UUID.class), instant(rs.getObject(5, OffsetDateTime.class)))).list());
        Map<UUID, List<FieldRow>> fields = new HashMap<>();
        jdbi.useHandle(handle -> handle.createQuery("""
                SELECT f.version_id, f.name, f.type FROM dataset_field f
                  JOIN dataset d ON d.current_version_id = f.version_id
                 ORDER BY f.version_id, f.ordinal""")
                .map((rs, ctx) -> new FieldRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
                .forEach(f -> fields.computeIfAbsent(f.version(), k -> new ArrayList<>()).add(f)));
        Map<UUID, List<String>> owners = new HashMap<>();
        jdbi.useHandle(handle -> handle.createQuery(
                        "SELECT owner_id, payload FROM facet WHERE name = 'ownership' AND owner_kind = 'DATASET'")
                .map((rs, ctx) -> new OwnerRow(rs.getObject(1, UUID.class), rs.getString(2)))
                .forEach(o -> owners.put(o.dataset(), owners(o.payload()))));
        Map<FieldRef, List<Classification>> byField = new HashMap<>();
        for (ClassifiedField c : classified.classifiedAs(classifiedTypes(), Optional.empty())) {
            byField.computeIfAbsent(c.field(), k -> new ArrayList<>()).add(c.classification());
        }
        Map<DatasetKey, Instant> scanned = lastScans();
        List<DatasetFacts> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            List<FieldFacts> current = new ArrayList<>();
            Optional<Instant> lastScanned = Optional.ofNullable(scanned.get(new DatasetKey(row.namespace(), row.name())));
            for (FieldRow field : row.version() == null ? List.<FieldRow>of() : fields.getOrDefault(row.version(), List.of())) {
                List<Classification> found = byField.getOrDefault(new FieldRef(row.namespace(), row.name(), field.name()),
                        List.of());
                // A scan that found something also dates its classifications: the later of the two counts.
                for (Classification c : found) {
                    if (c.scannedAt() != null && lastScanned.map(c.scannedAt()::isAfter).orElse(true)) {
                        lastScanned = Optional.of(c.scannedAt());
                    }
                }
                current.add(new FieldFacts(field.name(), field.type(), found));
            }
            out.add(new DatasetFacts(row.namespace(), row.name(), current, owners.getOrDefault(row.id(), List.of()),
                    Optional.ofNullable(row.versionTime()), lastScanned));
        }
        return out;
    }

    /** Every classification type some field carries, from any source. */
    private Set<String> classifiedTypes() {
        List<String> types = jdbi.withHandle(handle -> handle.createQuery(
                "SELECT DISTINCT classification FROM field_classification").mapTo(String.class).list());
        return new TreeSet<>(types);
    }

    private static List<String> owners(String payload) {
        try {
            return CatalogReader.owners(JSON.readTree(payload)).stream().map(Owner::name).toList();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return List.of(); // stored facets are JSON the parser checked; nothing else to say about an owner
        }
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    @Override
    public List<LineageEdge> columnEdges() {
        return classifications.columnEdges();
    }

    @Override
    public List<JobFacts> jobs() {
        record Io(String jobNamespace, String jobName, String datasetNamespace, String datasetName, String ioType) {}
        List<Io> rows = jdbi.withHandle(handle -> handle.createQuery("""
                SELECT jn.name AS job_namespace, j.name AS job_name, dn.name AS dataset_namespace,
                       d.name AS dataset_name, io.io_type
                  FROM job j
                  JOIN namespace jn ON jn.id = j.namespace_id
                  JOIN job_version_io io ON io.job_version_id = j.current_version_id
                  JOIN dataset d ON d.id = io.dataset_id
                  JOIN namespace dn ON dn.id = d.namespace_id
                """).map((rs, ctx) -> new Io(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5))).list());
        Map<List<String>, List<DatasetKey>> inputs = new LinkedHashMap<>();
        Map<List<String>, List<DatasetKey>> outputs = new LinkedHashMap<>();
        for (Io io : rows) {
            List<String> job = List.of(io.jobNamespace(), io.jobName());
            inputs.computeIfAbsent(job, k -> new ArrayList<>());
            outputs.computeIfAbsent(job, k -> new ArrayList<>());
            ("INPUT".equals(io.ioType()) ? inputs : outputs).get(job).add(new DatasetKey(io.datasetNamespace(), io.datasetName()));
        }
        List<JobFacts> out = new ArrayList<>();
        inputs.forEach((job, in) -> out.add(new JobFacts(job.get(0), job.get(1), in, outputs.get(job))));
        return out;
    }

    /** The last finished scan of each dataset, by {@code namespace/name}, for the sources configured now. */
    private Map<DatasetKey, Instant> lastScans() {
        record Scan(String source, String dataset, java.time.OffsetDateTime finished) {}
        List<Scan> scans = jdbi.withHandle(handle -> handle.createQuery("""
                SELECT s.source_name, t.dataset_name, MAX(t.finished_at) AS finished
                  FROM classification_scan_table t
                  JOIN classification_scan s ON s.id = t.scan_id
                 WHERE t.status = 'DONE' AND t.finished_at IS NOT NULL
                 GROUP BY s.source_name, t.dataset_name
                """).map((rs, ctx) -> new Scan(rs.getString(1), rs.getString(2),
                        rs.getObject(3, java.time.OffsetDateTime.class))).list());
        Map<DatasetKey, Instant> out = new HashMap<>();
        for (Scan scan : scans) {
            sources.find(scan.source()).ifPresent(source -> out.merge(new DatasetKey(source.namespace(), scan.dataset()),
                    scan.finished().toInstant(), (a, b) -> a.isAfter(b) ? a : b));
        }
        return out;
    }
}
