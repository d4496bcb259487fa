package io.custodian.catalog.read;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.custodian.catalog.classification.Classification;
import io.custodian.catalog.classification.Classifications;
import io.custodian.catalog.read.ReadDao.DatasetRow;
import io.custodian.catalog.read.ReadDao.FacetRow;
import io.custodian.catalog.read.ReadDao.FieldRow;
import io.custodian.catalog.read.ReadDao.IoRow;
import io.custodian.catalog.read.ReadDao.JobRow;
import io.custodian.catalog.read.ReadDao.JobVersionRow;
import io.custodian.catalog.read.ReadDao.RunRow;
import io.custodian.catalog.read.ReadDao.VersionRow;
import io.custodian.catalog.read.Views.Dataset;
import io.custodian.catalog.read.Views.DatasetId;
import io.custodian.catalog.read.Views.DatasetVersion;
import io.custodian.catalog.read.Views.DatasetVersionId;
import io.custodian.catalog.read.Views.Field;
import io.custodian.catalog.read.Views.Job;
import io.custodian.catalog.read.Views.JobId;
import io.custodian.catalog.read.Views.JobVersion;
import io.custodian.catalog.read.Views.JobVersionId;
import io.custodian.catalog.read.Views.Namespace;
import io.custodian.catalog.read.Views.Owner;
import io.custodian.catalog.read.Views.Page;
import io.custodian.catalog.read.Views.ParentRun;
import io.custodian.catalog.read.Views.RawEvent;
import io.custodian.catalog.read.Views.Run;
import io.custodian.catalog.read.Views.Source;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads the catalog: namespaces, datasets with their current schema and versions, jobs, runs, and
 * the raw event log. Values the producer sent as facets (description, owners, tags, source) are
 * read from the latest facet of each name.
 */
public final class CatalogReader {
    private final Jdbi jdbi;
    private final ObjectReader json;

    public CatalogReader(Jdbi jdbi, ObjectMapper mapper) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        // Facets hold numbers as the producer wrote them: keep decimals exact, as the parser does.
        this.json = requireNonNull(mapper, "mapper is null").reader()
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    }

    public Page<Namespace> namespaces(int limit, long offset) {
        return read(dao -> new Page<>(dao.namespaceCount(),
                dao.namespaces(limit, offset).stream()
                        .map(row -> new Namespace(row.name(), row.createdAt(), row.updatedAt()))
                        .toList()));
    }

    public Optional<Namespace> namespace(String name) {
        return read(dao -> dao.namespace(name))
                .map(row -> new Namespace(row.name(), row.createdAt(), row.updatedAt()));
    }

    public Page<Source> sources(int limit, long offset) {
        return read(dao -> new Page<>(dao.sourceCount(),
                dao.sources(limit, offset).stream()
                        .map(row -> new Source(row.name(), row.connectionUrl(), row.createdAt()))
                        .toList()));
    }

    public Page<Dataset> datasets(String namespace, int limit, long offset) {
        return read(dao -> {
            return new Page<>(dao.datasetCount(namespace), datasets(dao, dao.datasets(namespace, limit, offset)));
        });
    }

    public Optional<Dataset> dataset(String namespace, String name) {
        return read(dao -> {
            return dao.dataset(namespace, name).map(row -> datasets(dao, List.of(row)).get(0));
        });
    }

    /** Datasets by id, in no particular order; ids without a dataset are skipped. */
    public List<Dataset> datasetsById(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return read(dao -> datasets(dao, dao.datasetsById(ids)));
    }

    /** The next page of all datasets after {@code after} in id order, with each dataset's id. */
    public List<Map.Entry<UUID, Dataset>> datasetsAfter(UUID after, int limit) {
        return read(dao -> {
            List<DatasetRow> rows = dao.datasetsAfter(after, limit);
            List<Dataset> views = datasets(dao, rows);
            List<Map.Entry<UUID, Dataset>> page = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                page.add(Map.entry(rows.get(i).id(), views.get(i)));
            }
            return page;
        });
    }

    /** The versions of a dataset, newest first; empty when the dataset does not exist. */
    public Optional<Page<DatasetVersion>> datasetVersions(String namespace, String name, int limit, long offset) {
        return read(dao -> {
            Optional<DatasetRow> dataset = dao.dataset(namespace, name);
            if (dataset.isEmpty()) {
                return Optional.empty();
            }
            UUID datasetId = dataset.get().id();
            List<VersionRow> rows = dao.datasetVersions(datasetId, limit, offset);
            Map<UUID, List<Field>> fields = fields(dao, rows.stream().map(VersionRow::id).toList());
            DatasetId id = new DatasetId(namespace, name);
            List<DatasetVersion> versions = rows.stream()
                    .map(row -> new DatasetVersion(id, name, namespace, row.id(), row.createdAt(),
                            fields.getOrDefault(row.id(), List.of()), row.createdByRunId()))
                    .toList();
            return Optional.of(new Page<>(dao.datasetVersionCount(datasetId), versions));
        });
    }

    public Page<Job> jobs(String namespace, int limit, long offset) {
        return read(dao -> {
            return new Page<>(dao.jobCount(namespace), jobs(dao, dao.jobs(namespace, limit, offset)));
        });
    }

    public Optional<Job> job(String namespace, String name) {
        return read(dao -> {
            return dao.job(namespace, name).map(row -> job(dao, row));
        });
    }

    /** The runs of a job, newest first; empty when the job does not exist. */
    public Optional<Page<Run>> runs(String namespace, String name, int limit, long offset) {
        return read(dao -> {
            Optional<JobRow> job = dao.job(namespace, name);
            if (job.isEmpty()) {
                return Optional.empty();
            }
            JobId jobId = new JobId(namespace, name);
            List<Run> runs = runs(dao, run -> jobId, dao.runs(job.get().id(), limit, offset));
            return Optional.of(new Page<>(dao.runCount(job.get().id()), runs));
        });
    }

    public Optional<Run> run(UUID runId) {
        return read(dao -> {
            Optional<RunRow> row = dao.run(runId);
            if (row.isEmpty()) {
                return Optional.empty();
            }
            JobRow job = dao.jobById(row.get().jobId()).orElseThrow();
            JobId jobId = new JobId(job.namespace(), job.name());
            return Optional.of(runs(dao, run -> jobId, List.of(row.get())).get(0));
        });
    }

    /** Raw events with {@code after <= eventTime <= before}, newest first. */
    public Page<RawEvent> events(Instant after, Instant before, int limit, long offset) {
        return read(dao -> new Page<>(dao.eventCount(after, before),
                dao.events(after, before, limit, offset).stream()
                        .map(row -> new RawEvent(row.seq(), row.receivedAt(), json(row.payload()),
                                row.readAs() == null ? List.of() : List.of(row.readAs().split("; "))))
                        .toList()));
    }

    /** Jobs by id, in no particular order; ids without a job are skipped. */
    public List<Job> jobsById(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return read(dao -> jobs(dao, dao.jobsById(ids)));
    }

    /**
     * The column names of the datasets each of these jobs reads or writes (their current schemas),
     * by job: what the search index files a job under besides its own name.
     */
    public Map<JobId, java.util.Set<String>> jobColumns(List<UUID> jobIds) {
        if (jobIds.isEmpty()) {
            return Map.of();
        }
        return read(dao -> {
            Map<JobId, java.util.Set<String>> columns = new java.util.HashMap<>();
            for (ReadDao.JobColumnRow row : dao.jobColumns(jobIds)) {
                columns.computeIfAbsent(new JobId(row.namespace(), row.name()), id -> new java.util.TreeSet<>())
                        .add(row.field());
            }
            return columns;
        });
    }

    /** The next page of all jobs after {@code after} in id order, with each job's id. */
    public List<Map.Entry<UUID, Job>> jobsAfter(UUID after, int limit) {
        return read(dao -> {
            List<JobRow> rows = dao.jobsAfter(after, limit);
            List<Job> views = jobs(dao, rows);
            List<Map.Entry<UUID, Job>> page = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                page.add(Map.entry(rows.get(i).id(), views.get(i)));
            }
            return page;
        });
    }

    /**
     * How much each of these datasets is used: the jobs whose current version reads it plus the
     * datasets those jobs write. Datasets nobody reads are absent (zero).
     */
    public Map<DatasetId, Integer> popularity(List<UUID> datasetIds) {
        if (datasetIds.isEmpty()) {
            return Map.of();
        }
        return read(dao -> {
            Map<DatasetId, Integer> popularity = new java.util.HashMap<>();
            for (ReadDao.UsageRow row : dao.usage(datasetIds)) {
                popularity.put(new DatasetId(row.namespace(), row.name()), row.readers() + row.downstream());
            }
            return popularity;
        });
    }

    /** How many jobs the catalog holds, in every namespace. */
    public long jobTotal() {
        return read(ReadDao::jobTotal);
    }

    /** How many datasets the catalog holds, in every namespace. */
    public long datasetTotal() {
        return read(ReadDao::datasetTotal);
    }

    /** How far the catalog has applied the event log (a sequence number of the log). */
    public long appliedSeq() {
        return read(ReadDao::appliedSeq);
    }

    /**
     * When the oldest event the applier has not reached was received; empty when it has reached
     * every logged event. Its age is how long the applier has made no progress past it.
     */
    public Optional<Instant> oldestUnappliedReceivedAt() {
        return read(ReadDao::oldestUnappliedReceivedAt);
    }

    /** Events in the log whose apply step failed; they wait to be applied again. */
    public long unappliedEvents() {
        return read(ReadDao::unappliedEventCount);
    }

    /**
     * Runs the reads of one request on one handle in one transaction, so they see one snapshot;
     * the DAO is attached once per request (attaching costs more than a small query).
     */
    private <T> T read(java.util.function.Function<ReadDao, T> reads) {
        return jdbi.inTransaction(handle -> reads.apply(handle.attach(ReadDao.class)));
    }

    private List<Dataset> datasets(ReadDao dao, List<DatasetRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> versionIds = rows.stream().map(DatasetRow::currentVersionId).filter(id -> id != null).toList();
        Map<UUID, List<Field>> fields = fields(dao, versionIds);
        Map<UUID, Map<String, JsonNode>> facets = facets(dao, rows.stream().map(DatasetRow::id).toList());
        Map<UUID, List<Classification>> classifications =
                Classifications.forDatasets(dao.getHandle(), rows.stream().map(DatasetRow::id).toList(), false);
        List<Dataset> datasets = new ArrayList<>(rows.size());
        for (DatasetRow row : rows) {
            Map<String, JsonNode> own = facets.getOrDefault(row.id(), Map.of());
            datasets.add(new Dataset(
                    new DatasetId(row.namespace(), row.name()),
                    datasetType(own),
                    row.name(),
                    row.name(),
                    row.createdAt(),
                    row.updatedAt(),
                    row.namespace(),
                    text(own.get("dataSource"), "name"),
                    row.currentVersionId() == null
                            ? List.of()
                            : classified(fields.getOrDefault(row.currentVersionId(), List.of()),
                                    classifications.getOrDefault(row.id(), List.of())),
                    tags(own.get("tags")),
                    row.currentVersionTime(),
                    text(own.get("documentation"), "description"),
                    owners(own.get("ownership")),
                    row.currentVersionId(),
                    own));
        }
        return datasets;
    }

    /** The fields with their classifications, matched by field name. */
    private static List<Field> classified(List<Field> fields, List<Classification> classifications) {
        if (classifications.isEmpty()) {
            return fields;
        }
        Map<String, List<Classification>> byField = new HashMap<>();
        classifications.forEach(c -> byField.computeIfAbsent(c.field(), k -> new ArrayList<>()).add(c));
        return fields.stream()
                .map(f -> new Field(f.name(), f.type(), f.description(), byField.getOrDefault(f.name(), List.of())))
                .toList();
    }

    private Job job(ReadDao dao, JobRow row) {
        return jobs(dao, List.of(row)).get(0);
    }

    /**
     * Job views for rows, in the rows' order, with a fixed number of queries however many jobs
     * (versions and their inputs and outputs, facets, latest runs and theirs).
     */
    private List<Job> jobs(ReadDao dao, List<JobRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> jobIds = rows.stream().map(JobRow::id).toList();
        Map<UUID, JobVersion> versions = jobVersions(dao,
                rows.stream().map(JobRow::currentVersionId).filter(id -> id != null).toList());
        Map<UUID, Map<String, JsonNode>> facets = facets(dao, jobIds);
        Map<UUID, JobId> idsByJob = new HashMap<>();
        rows.forEach(row -> idsByJob.put(row.id(), new JobId(row.namespace(), row.name())));
        List<RunRow> latestRows = dao.latestRuns(jobIds);
        List<Run> latestViews = runs(dao, run -> idsByJob.get(run.jobId()), latestRows);
        Map<UUID, Run> latestRuns = new HashMap<>();
        for (int i = 0; i < latestRows.size(); i++) {
            latestRuns.put(latestRows.get(i).jobId(), latestViews.get(i));
        }
        List<Job> jobs = new ArrayList<>(rows.size());
        for (JobRow row : rows) {
            JobVersion version = row.currentVersionId() == null ? null : versions.get(row.currentVersionId());
            Map<String, JsonNode> own = facets.getOrDefault(row.id(), Map.of());
            String type = version != null && version.processingType() != null
                    ? version.processingType()
                    : text(own.get("jobType"), "processingType");
            jobs.add(new Job(
                    idsByJob.get(row.id()),
                    type == null ? "BATCH" : type,
                    row.name(),
                    row.namespace(),
                    row.createdAt(),
                    row.updatedAt(),
                    version == null ? List.of() : version.inputs(),
                    version == null ? List.of() : version.outputs(),
                    version == null ? null : version.sourceCodeUrl(),
                    text(own.get("documentation"), "description"),
                    row.currentVersionId(),
                    version,
                    latestRuns.get(row.id()),
                    own));
        }
        return jobs;
    }

    private Map<UUID, JobVersion> jobVersions(ReadDao dao, List<UUID> versionIds) {
        if (versionIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, List<DatasetId>> inputs = new HashMap<>();
        Map<UUID, List<DatasetId>> outputs = new HashMap<>();
        for (IoRow io : dao.jobVersionIo(versionIds)) {
            ("INPUT".equals(io.ioType()) ? inputs : outputs).computeIfAbsent(io.ownerId(), k -> new ArrayList<>())
                    .add(new DatasetId(io.namespace(), io.name()));
        }
        Map<UUID, JobVersion> versions = new HashMap<>();
        for (JobVersionRow row : dao.jobVersions(versionIds)) {
            versions.put(row.id(), new JobVersion(row.id(), row.createdAt(), row.jobType(), row.processingType(),
                    row.integration(), row.sqlQuery(), row.sqlDialect(), row.sourceCodeType(), row.sourceCodeUrl(),
                    row.sourceCodePath(), row.sourceCodeVersion(), inputs.getOrDefault(row.id(), List.of()),
                    outputs.getOrDefault(row.id(), List.of())));
        }
        return versions;
    }

    private List<Run> runs(ReadDao dao, Function<RunRow, JobId> jobOf, List<RunRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = rows.stream().map(RunRow::id).toList();
        Map<UUID, List<IoRow>> io = new HashMap<>();
        for (IoRow row : dao.runIo(ids)) {
            io.computeIfAbsent(row.ownerId(), k -> new ArrayList<>()).add(row);
        }
        Map<UUID, Map<String, JsonNode>> facets = facets(dao, ids);
        List<Run> runs = new ArrayList<>(rows.size());
        for (RunRow row : rows) {
            JobId job = jobOf.apply(row);
            List<DatasetVersionId> inputs = new ArrayList<>();
            List<DatasetVersionId> outputs = new ArrayList<>();
            for (IoRow r : io.getOrDefault(row.id(), List.of())) {
                DatasetVersionId version = new DatasetVersionId(r.namespace(), r.name(), r.datasetVersionId());
                ("INPUT".equals(r.ioType()) ? inputs : outputs).add(version);
            }
            Long durationMs = row.startedAt() != null && row.endedAt() != null
                    ? Duration.between(row.startedAt(), row.endedAt()).toMillis()
                    : null;
            runs.add(new Run(
                    row.id(),
                    job,
                    row.createdAt(),
                    row.updatedAt(),
                    row.nominalStartTime(),
                    row.nominalEndTime(),
                    row.state(),
                    row.startedAt(),
                    row.endedAt(),
                    durationMs,
                    row.jobVersionId() == null
                            ? null
                            : new JobVersionId(job.namespace(), job.name(), row.jobVersionId()),
                    inputs,
                    outputs,
                    row.parentRunId() == null
                            ? null
                            : new ParentRun(row.parentRunId(), row.parentJobNamespace(), row.parentJobName()),
                    facets.getOrDefault(row.id(), Map.of())));
        }
        return runs;
    }

    private Map<UUID, List<Field>> fields(ReadDao dao, List<UUID> versionIds) {
        if (versionIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, List<Field>> fields = new HashMap<>();
        for (FieldRow row : dao.fields(versionIds)) {
            fields.computeIfAbsent(row.versionId(), k -> new ArrayList<>())
                    .add(new Field(row.name(), row.type(), row.description()));
        }
        return fields;
    }

    private Map<UUID, Map<String, JsonNode>> facets(ReadDao dao, List<UUID> ownerIds) {
        if (ownerIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Map<String, JsonNode>> facets = new HashMap<>();
        for (FacetRow row : dao.facets(ownerIds)) {
            facets.computeIfAbsent(row.ownerId(), k -> new LinkedHashMap<>()).put(row.name(), json(row.payload()));
        }
        return facets;
    }

    private JsonNode json(String payload) {
        try {
            return json.readTree(payload);
        } catch (JsonProcessingException e) {
            // Stored payloads were parsed before they were written; this is a damaged row.
            return JsonNodeFactory.instance.textNode(payload);
        }
    }

    private static String datasetType(Map<String, JsonNode> facets) {
        String type = text(facets.get("datasetType"), "datasetType");
        return type == null ? "DB_TABLE" : type;
    }

    private static String text(JsonNode facet, String field) {
        if (facet == null) {
            return null;
        }
        JsonNode value = facet.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    private static List<String> tags(JsonNode facet) {
        List<String> tags = new ArrayList<>();
        if (facet != null && facet.get("tags") != null && facet.get("tags").isArray()) {
            for (JsonNode tag : facet.get("tags")) {
                String key = text(tag, "key");
                String value = text(tag, "value");
                if (key != null) {
                    tags.add(value == null || value.isEmpty() || "true".equalsIgnoreCase(value) ? key : key + ":" + value);
                }
            }
        }
        return tags;
    }

    /** The owners an {@code ownership} facet names, in its order; none for a missing or malformed facet. */
    public static List<Owner> owners(JsonNode facet) {
        List<Owner> owners = new ArrayList<>();
        if (facet != null && facet.get("owners") != null && facet.get("owners").isArray()) {
            for (JsonNode owner : facet.get("owners")) {
                String name = text(owner, "name");
                if (name != null) {
                    owners.add(new Owner(name, text(owner, "type")));
                }
            }
        }
        return owners;
    }
}
