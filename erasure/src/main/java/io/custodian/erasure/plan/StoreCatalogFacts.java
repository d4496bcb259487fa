package io.custodian.erasure.plan;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.classification.ClassificationStore;
import io.custodian.catalog.classification.LineageEdge;
import io.custodian.catalog.read.CatalogReader;
import io.custodian.catalog.read.Views.Dataset;
import io.custodian.catalog.read.Views.Owner;
import io.custodian.sources.Sources;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The planner's catalog facts read from Custodian's store: datasets a page at a time through the
 * catalog's reader (so a dataset's fields and classifications read exactly as the API shows them),
 * column edges as propagation reads them, and two queries of its own for job inputs and outputs
 * and for scan times.
 */
public final class StoreCatalogFacts implements CatalogFacts {
    private static final int PAGE = 1000;
    private final Jdbi jdbi;
    private final CatalogReader reader;
    private final ClassificationStore classifications;
    private final Sources sources;

    public StoreCatalogFacts(Jdbi jdbi, CatalogReader reader, ClassificationStore classifications, Sources sources) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.reader = requireNonNull(reader, "reader is null");
        this.classifications = requireNonNull(classifications, "classifications is null");
        this.sources = requireNonNull(sources, "sources is null");
    }

    @Override
    public List<DatasetFacts> datasets() {
        Map<DatasetKey, Instant> scanned = lastScans();
        List<DatasetFacts> out = new ArrayList<>();
        UUID after = new UUID(0, 0); // below every id, as the database orders them
        while (true) {
            List<Map.Entry<UUID, Dataset>> page = reader.datasetsAfter(after, PAGE);
            for (Map.Entry<UUID, Dataset> entry : page) {
                Dataset d = entry.getValue();
                List<FieldFacts> fields = d.fields().stream()
                        .map(f -> new FieldFacts(f.name(), f.type(), f.classifications())).toList();
                DatasetKey key = new DatasetKey(d.namespace(), d.name());
                Optional<Instant> lastScanned = Optional.ofNullable(scanned.get(key));
                // A scan that found something also dates its classifications: the later of the two counts.
                for (FieldFacts field : fields) {
                    for (var c : field.classifications()) {
                        if (c.scannedAt() != null && lastScanned.map(c.scannedAt()::isAfter).orElse(true)) {
                            lastScanned = Optional.of(c.scannedAt());
                        }
                    }
                }
                out.add(new DatasetFacts(d.namespace(), d.name(), d.type(), fields,
                        d.owners().stream().map(Owner::name).toList(), Optional.ofNullable(d.lastModifiedAt()),
                        lastScanned));
            }
            if (page.size() < PAGE) {
                return out;
            }
            after = page.get(page.size() - 1).getKey();
        }
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
