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
import io.custodian.catalog.read.Views.RunDatasetVersion;
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

    /** The namespaces not soft-deleted, by name. */
    public Page<Namespace> namespaces(int limit, long offset) {
        return read(dao -> new Page<>(dao.namespaceCount(),
                dao.namespaces(limit, offset).stream().map(CatalogReader::namespace).toList()));
    }

    /** A namespace by name, soft-deleted or not ({@code isHidden} says which). */
    public Optional<Namespace> namespace(String name) {
        return read(dao -> dao.namespace(name)).map(CatalogReader::namespace);
    }

    private static Namespace namespace(ReadDao.NamespaceRow row) {
        return new Namespace(row.name(), row.createdAt(), row.updatedAt(), Views.DEFAULT_OWNER, null, row.isHidden());
    }

    public Page<Source> sources(int limit, long offset) {
        return read(dao -> new Page<>(dao.sourceCount(),
                dao.sources(limit, offset).stream().map(CatalogReader::source).toList()));
    }

    public Optional<Source> source(String name) {
        return read(dao -> dao.source(name)).map(CatalogReader::source);
    }

    private static Source source(ReadDao.SourceRow row) {
        String type = "UNKNOWN";
        if (row.connectionUrl() != null) {
            int colon = row.connectionUrl().indexOf(':');
            if (colon > 0 && row.connectionUrl().substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
                type = row.connectionUrl().substring(0, colon).toUpperCase(java.util.Locale.ROOT);
            }
        }
        // Custodian keeps when a source was first seen only.
        return new Source(type, row.name(), row.createdAt(), row.createdAt(), row.connectionUrl(), null);
    }

    /** The tags registered through the tags API, by name. */
    public List<Views.Tag> tags() {
        return read(ReadDao::tags);
    }

    /** The datasets of a namespace that are not soft-deleted, by name. */
    public Page<Dataset> datasets(String namespace, int limit, long offset) {
        return read(dao -> {
            return new Page<>(dao.datasetCount(namespace), datasets(dao, dao.datasets(namespace, limit, offset)));
        });
    }

    /** A dataset that is not soft-deleted. */
    public Optional<Dataset> dataset(String namespace, String name) {
        return dataset(namespace, name, false);
    }

    /** A dataset; soft-deleted ones too when {@code evenDeleted} ({@code deleted} says which). */
    public Optional<Dataset> dataset(String namespace, String name, boolean evenDeleted) {
        return read(dao -> {
            return dao.dataset(namespace, name)
                    .filter(row -> evenDeleted || !row.isHidden())
                    .map(row -> datasets(dao, List.of(row)).get(0));
        });
    }

    /**
     * The version a dataset's runs point at while no event gave it a schema: Marquez versions a
     * dataset on every event, Custodian on every distinct schema. Derived from the dataset's id,
     * so every read names the same one.
     */
    public static UUID schemalessVersion(UUID datasetId) {
        return UUID.nameUUIDFromBytes(("schemaless-dataset-version:" + datasetId)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
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

    /**
     * The versions of a dataset, newest first; empty when the dataset does not exist (or is
     * soft-deleted). The schemaless version comes last, when the dataset never had a schema or
     * runs read or wrote it without one.
     */
    public Optional<Page<DatasetVersion>> datasetVersions(String namespace, String name, int limit, long offset) {
        return read(dao -> {
            Optional<DatasetRow> dataset = dao.dataset(namespace, name).filter(row -> !row.isHidden());
            if (dataset.isEmpty()) {
                return Optional.empty();
            }
            UUID datasetId = dataset.get().id();
            long schemaVersions = dao.datasetVersionCount(datasetId);
            List<VersionRow> rows = new ArrayList<>(dao.datasetVersions(datasetId, limit, offset));
            Optional<UUID> schemalessRun = dao.schemalessRun(datasetId);
            boolean schemaless = schemaVersions == 0 || schemalessRun.isPresent();
            if (schemaless && rows.size() < limit && offset <= schemaVersions) {
                rows.add(schemalessRow(dataset.get(), schemalessRun.orElse(null)));
            }
            return Optional.of(new Page<>(schemaVersions + (schemaless ? 1 : 0),
                    datasetVersions(dao, dataset.get(), rows)));
        });
    }

    /** One version of a dataset (its schemaless version included); empty when either does not exist. */
    public Optional<DatasetVersion> datasetVersion(String namespace, String name, UUID version) {
        return read(dao -> {
            Optional<DatasetRow> dataset = dao.dataset(namespace, name).filter(row -> !row.isHidden());
            if (dataset.isEmpty()) {
                return Optional.empty();
            }
            Optional<VersionRow> row = version.equals(schemalessVersion(dataset.get().id()))
                    ? Optional.of(schemalessRow(dataset.get(), dao.schemalessRun(dataset.get().id()).orElse(null)))
                    : dao.datasetVersion(dataset.get().id(), version);
            return row.map(r -> datasetVersions(dao, dataset.get(), List.of(r)).get(0));
        });
    }

    private static VersionRow schemalessRow(DatasetRow dataset, UUID run) {
        return new VersionRow(schemalessVersion(dataset.id()), dataset.id(), "", dataset.createdAt(), 0, run);
    }

    private List<DatasetVersion> datasetVersions(ReadDao dao, DatasetRow dataset, List<VersionRow> rows) {
        Dataset current = datasets(dao, List.of(dataset)).get(0);
        Map<UUID, List<Field>> fields = fields(dao, rows.stream().map(VersionRow::id).toList());
        List<UUID> runIds = rows.stream().map(VersionRow::createdByRunId).filter(id -> id != null).distinct().toList();
        Map<UUID, Run> runs = new HashMap<>();
        if (!runIds.isEmpty()) {
            List<RunRow> runRows = dao.runsById(runIds);
            Map<UUID, JobId> jobNames = jobNames(dao, runRows.stream().map(RunRow::jobId).distinct().toList());
            List<Run> views = runs(dao, run -> jobNames.get(run.jobId()), runRows);
            views.forEach(run -> runs.put(run.id(), run));
        }
        List<DatasetVersion> versions = new ArrayList<>(rows.size());
        for (VersionRow row : rows) {
            boolean isCurrent = row.id().equals(current.currentVersion());
            versions.add(new DatasetVersion(current.id(), current.type(), current.name(), current.physicalName(),
                    current.namespace(), row.id(), row.createdAt(), current.sourceName(),
                    isCurrent ? current.fields() : fields.getOrDefault(row.id(), List.of()),
                    current.tags(), current.lastLifecycleState(), current.description(),
                    isCurrent ? current.facets() : Map.of(), row.createdByRunId(),
                    row.createdByRunId() == null ? null : runs.get(row.createdByRunId()), row.id()));
        }
        return versions;
    }

    private static Map<UUID, JobId> jobNames(ReadDao dao, List<UUID> jobIds) {
        Map<UUID, JobId> names = new HashMap<>();
        if (!jobIds.isEmpty()) {
            dao.jobsById(jobIds).forEach(job -> names.put(job.id(), new JobId(job.namespace(), job.name())));
        }
        return names;
    }

    /**
     * Jobs of every namespace (not soft-deleted), by namespace and name, whose latest run is in one
     * of these Marquez run states; every job when {@code states} is empty.
     */
    public Page<Job> allJobs(List<String> states, int limit, long offset) {
        List<String> eventTypes = new ArrayList<>();
        for (String state : states) {
            switch (state) {
                case "NEW" -> eventTypes.addAll(List.of("NONE", "OTHER"));
                case "RUNNING" -> eventTypes.addAll(List.of("START", "RUNNING"));
                case "COMPLETED" -> eventTypes.add("COMPLETE");
                case "FAILED" -> eventTypes.add("FAIL");
                case "ABORTED" -> eventTypes.add("ABORT");
                default -> throw new IllegalArgumentException("unknown run state " + state);
            }
        }
        boolean any = eventTypes.isEmpty();
        List<String> bound = any ? List.of("") : eventTypes;
        return read(dao -> new Page<>(dao.allJobCount(any, bound), jobs(dao, dao.allJobs(any, bound, limit, offset))));
    }

    public Page<Job> jobs(String namespace, int limit, long offset) {
        return read(dao -> {
            return new Page<>(dao.jobCount(namespace), jobs(dao, dao.jobs(namespace, limit, offset)));
        });
    }

    /** A job that is not soft-deleted. */
    public Optional<Job> job(String namespace, String name) {
        return job(namespace, name, false);
    }

    /** A job; soft-deleted ones too when {@code evenDeleted}. */
    public Optional<Job> job(String namespace, String name, boolean evenDeleted) {
        return read(dao -> {
            return dao.job(namespace, name).filter(row -> evenDeleted || !row.isHidden()).map(row -> job(dao, row));
        });
    }

    /** The versions of a job, newest first, each with its latest run; empty when the job does not exist. */
    public Optional<Page<JobVersion>> jobVersions(String namespace, String name, int limit, long offset) {
        return read(dao -> dao.job(namespace, name).filter(row -> !row.isHidden()).map(job -> {
            List<UUID> ids = dao.jobVersionIds(job.id(), limit, offset);
            Map<UUID, JobVersion> versions = jobVersions(dao, ids, Map.of(job.id(), new JobId(namespace, name)), true);
            return new Page<>(dao.jobVersionCount(job.id()), ids.stream().map(versions::get).toList());
        }));
    }

    /** One version of a job with its latest run; empty when the job or the version does not exist. */
    public Optional<JobVersion> jobVersion(String namespace, String name, UUID version) {
        return read(dao -> dao.job(namespace, name).filter(row -> !row.isHidden()).flatMap(job -> {
            Map<UUID, JobVersion> versions =
                    jobVersions(dao, List.of(version), Map.of(job.id(), new JobId(namespace, name)), true);
            return Optional.ofNullable(versions.get(version)).filter(v -> v.id().name().equals(name));
        }));
    }

    /** The runs of a job, newest first; empty when the job does not exist. */
    public Optional<Page<Run>> runs(String namespace, String name, int limit, long offset) {
        return read(dao -> {
            Optional<JobRow> job = dao.job(namespace, name).filter(row -> !row.isHidden());
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
        return events(after, before, false, limit, offset);
    }

    /** Raw events with {@code after <= eventTime <= before}, newest first, or oldest first when {@code oldestFirst}. */
    public Page<RawEvent> events(Instant after, Instant before, boolean oldestFirst, int limit, long offset) {
        return read(dao -> new Page<>(dao.eventCount(after, before),
                (oldestFirst ? dao.eventsOldestFirst(after, before, limit, offset)
                        : dao.events(after, before, limit, offset)).stream()
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

    /** When each of these datasets last appeared in an event; unknown ids are absent. */
    public Map<DatasetId, Instant> datasetTimes(List<UUID> datasetIds) {
        return times(datasetIds, ReadDao::datasetTimes, DatasetId::new);
    }

    /** When each of these jobs last appeared in an event; unknown ids are absent. */
    public Map<JobId, Instant> jobTimes(List<UUID> jobIds) {
        return times(jobIds, ReadDao::jobTimes, JobId::new);
    }

    private <K> Map<K, Instant> times(List<UUID> ids,
            java.util.function.BiFunction<ReadDao, List<UUID>, List<ReadDao.UpdatedRow>> query,
            java.util.function.BiFunction<String, String, K> key) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return read(dao -> {
            Map<K, Instant> times = new java.util.HashMap<>();
            query.apply(dao, ids).forEach(row -> times.put(key.apply(row.namespace(), row.name()), row.updatedAt()));
            return times;
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
        List<UUID> ids = rows.stream().map(DatasetRow::id).toList();
        List<UUID> versionIds = rows.stream().map(DatasetRow::currentVersionId).filter(id -> id != null).toList();
        Map<UUID, List<Field>> fields = fields(dao, versionIds);
        Map<UUID, Map<String, JsonNode>> facets = facets(dao, ids);
        Map<UUID, List<Classification>> classifications = Classifications.forDatasets(dao.getHandle(), ids, false);
        Map<UUID, List<String>> datasetTags = new HashMap<>();
        dao.datasetTags(ids).forEach(t -> datasetTags.computeIfAbsent(t.ownerId(), k -> new ArrayList<>()).add(t.tag()));
        Map<UUID, Map<String, List<String>>> fieldTags = new HashMap<>();
        dao.fieldTags(ids).forEach(t -> fieldTags.computeIfAbsent(t.ownerId(), k -> new HashMap<>())
                .computeIfAbsent(t.field(), k -> new ArrayList<>()).add(t.tag()));
        Map<UUID, List<Views.ColumnLineage>> columnLineage = columnLineage(dao, ids);
        List<Dataset> datasets = new ArrayList<>(rows.size());
        for (DatasetRow row : rows) {
            Map<String, JsonNode> own = facets.getOrDefault(row.id(), Map.of());
            List<String> tags = new ArrayList<>(tags(own.get("tags")));
            datasetTags.getOrDefault(row.id(), List.of()).stream().filter(t -> !tags.contains(t)).forEach(tags::add);
            String source = text(own.get("dataSource"), "name");
            datasets.add(new Dataset(
                    new DatasetId(row.namespace(), row.name()),
                    datasetType(own),
                    row.name(),
                    row.name(),
                    row.createdAt(),
                    row.updatedAt(),
                    row.namespace(),
                    source == null ? Views.DEFAULT_SOURCE : source,
                    row.currentVersionId() == null
                            ? List.of()
                            : classified(fields.getOrDefault(row.currentVersionId(), List.of()),
                                    classifications.getOrDefault(row.id(), List.of()),
                                    fieldTags.getOrDefault(row.id(), Map.of())),
                    tags,
                    row.currentVersionTime(),
                    text(own.get("documentation"), "description"),
                    owners(own.get("ownership")),
                    row.currentVersionId() == null ? schemalessVersion(row.id()) : row.currentVersionId(),
                    own,
                    text(own.get("lifecycleStateChange"), "lifecycleStateChange"),
                    row.isHidden(),
                    columnLineage.getOrDefault(row.id(), List.of())));
        }
        return datasets;
    }

    /** Each dataset's field-level column lineage, in Marquez's shape: one entry per output field. */
    private static Map<UUID, List<Views.ColumnLineage>> columnLineage(ReadDao dao, List<UUID> datasetIds) {
        Map<UUID, Map<String, java.util.LinkedHashSet<Views.ColumnLineageInput>>> inputs = new HashMap<>();
        for (ReadDao.ColumnEdgeRow row : dao.columnLineage(datasetIds)) {
            inputs.computeIfAbsent(row.datasetId(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(row.outputField(), k -> new java.util.LinkedHashSet<>())
                    .add(new Views.ColumnLineageInput(row.namespace(), row.dataset(), row.field(), row.description(),
                            row.transformationType()));
        }
        Map<UUID, List<Views.ColumnLineage>> lineage = new HashMap<>();
        inputs.forEach((dataset, byField) -> lineage.put(dataset, byField.entrySet().stream()
                .map(e -> new Views.ColumnLineage(e.getKey(), List.copyOf(e.getValue())))
                .toList()));
        return lineage;
    }

    /**
     * The fields with their classifications, matched by field name, and their tags: the types of
     * personal data the field holds (a classification shows as a tag), then the tags clients put on it.
     */
    private static List<Field> classified(List<Field> fields, List<Classification> classifications,
            Map<String, List<String>> fieldTags) {
        if (classifications.isEmpty() && fieldTags.isEmpty()) {
            return fields;
        }
        Map<String, List<Classification>> byField = new HashMap<>();
        classifications.forEach(c -> byField.computeIfAbsent(c.field(), k -> new ArrayList<>()).add(c));
        return fields.stream()
                .map(f -> {
                    List<Classification> own = byField.getOrDefault(f.name(), List.of());
                    List<String> tags = new ArrayList<>();
                    own.forEach(c -> {
                        if (!tags.contains(c.type())) {
                            tags.add(c.type());
                        }
                    });
                    fieldTags.getOrDefault(f.name(), List.of()).stream().filter(t -> !tags.contains(t))
                            .forEach(tags::add);
                    return new Field(f.name(), f.type(), tags, f.description(), own);
                })
                .toList();
    }

    private Job job(ReadDao dao, JobRow row) {
        return jobs(dao, List.of(row)).get(0);
    }

    /** How many of a job's newest runs its view lists, as Marquez does. */
    static final int LATEST_RUNS = 10;

    /**
     * Job views for rows, in the rows' order, with a fixed number of queries however many jobs
     * (versions and their inputs and outputs, facets, latest runs and theirs), plus one per
     * parent job a latest run names.
     */
    private List<Job> jobs(ReadDao dao, List<JobRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> jobIds = rows.stream().map(JobRow::id).toList();
        Map<UUID, JobId> idsByJob = new HashMap<>();
        rows.forEach(row -> idsByJob.put(row.id(), new JobId(row.namespace(), row.name())));
        Map<UUID, JobVersion> versions = jobVersions(dao,
                rows.stream().map(JobRow::currentVersionId).filter(id -> id != null).toList(), idsByJob, false);
        Map<UUID, Map<String, JsonNode>> facets = facets(dao, jobIds);
        List<RunRow> newestRows = dao.newestRuns(jobIds, LATEST_RUNS);
        List<Run> newestViews = runs(dao, run -> idsByJob.get(run.jobId()), newestRows);
        Map<UUID, List<Run>> latestRuns = new HashMap<>();
        for (int i = 0; i < newestRows.size(); i++) {
            latestRuns.computeIfAbsent(newestRows.get(i).jobId(), k -> new ArrayList<>()).add(newestViews.get(i));
        }
        Map<JobId, UUID> parentIds = new HashMap<>();
        List<Job> jobs = new ArrayList<>(rows.size());
        for (JobRow row : rows) {
            JobVersion version = row.currentVersionId() == null ? null : versions.get(row.currentVersionId());
            Map<String, JsonNode> own = facets.getOrDefault(row.id(), Map.of());
            String type = version != null && version.processingType() != null
                    ? version.processingType()
                    : text(own.get("jobType"), "processingType");
            List<Run> newest = latestRuns.getOrDefault(row.id(), List.of());
            Run latest = newest.isEmpty() ? null : newest.get(0);
            ParentRun parent = latest == null ? null : latest.parentRun();
            UUID parentJobUuid = null;
            if (parent != null && parent.jobNamespace() != null && parent.jobName() != null) {
                JobId parentJob = new JobId(parent.jobNamespace(), parent.jobName());
                parentJobUuid = parentIds.computeIfAbsent(parentJob,
                        k -> dao.job(k.namespace(), k.name()).map(JobRow::id).orElse(null));
            }
            jobs.add(new Job(
                    idsByJob.get(row.id()),
                    marquezJobType(type),
                    row.name(),
                    row.name(),
                    parent == null ? null : parent.jobName(),
                    parentJobUuid,
                    row.namespace(),
                    row.createdAt(),
                    row.updatedAt(),
                    version == null ? List.of() : version.inputs(),
                    version == null ? List.of() : version.outputs(),
                    version == null ? null : version.sourceCodeUrl(),
                    text(own.get("documentation"), "description"),
                    row.currentVersionId(),
                    version,
                    latest,
                    newest,
                    own,
                    tags(own.get("tags")),
                    List.of()));
        }
        return jobs;
    }

    /**
     * Marquez's job type for OpenLineage's {@code processingType}: STREAMING is STREAM, SERVICE
     * stays, anything else (BATCH, absent, unknown) is BATCH.
     */
    static String marquezJobType(String processingType) {
        if (processingType == null) {
            return "BATCH";
        }
        return switch (processingType.toUpperCase(java.util.Locale.ROOT)) {
            case "STREAMING", "STREAM" -> "STREAM";
            case "SERVICE" -> "SERVICE";
            default -> "BATCH";
        };
    }

    /** Job versions by id; versions of jobs {@code jobs} does not name are left out. */
    private Map<UUID, JobVersion> jobVersions(ReadDao dao, List<UUID> versionIds, Map<UUID, JobId> jobs,
            boolean withLatestRun) {
        List<JobVersionRow> rows = versionIds.isEmpty() ? List.of() : dao.jobVersions(versionIds).stream()
                .filter(row -> jobs.containsKey(row.jobId()))
                .toList();
        if (rows.isEmpty()) {
            return Map.of();
        }
        versionIds = rows.stream().map(JobVersionRow::id).toList();
        Map<UUID, List<DatasetId>> inputs = new HashMap<>();
        Map<UUID, List<DatasetId>> outputs = new HashMap<>();
        for (IoRow io : dao.jobVersionIo(versionIds)) {
            ("INPUT".equals(io.ioType()) ? inputs : outputs).computeIfAbsent(io.ownerId(), k -> new ArrayList<>())
                    .add(new DatasetId(io.namespace(), io.name()));
        }
        Map<UUID, Run> latestRuns = new HashMap<>();
        if (withLatestRun) {
            List<RunRow> runRows = dao.latestRunsOfVersions(versionIds);
            List<Run> views = runs(dao, run -> jobs.get(run.jobId()), runRows);
            for (int i = 0; i < runRows.size(); i++) {
                latestRuns.put(runRows.get(i).jobVersionId(), views.get(i));
            }
        }
        Map<UUID, JobVersion> versions = new HashMap<>();
        for (JobVersionRow row : rows) {
            JobId job = jobs.get(row.jobId());
            versions.put(row.id(), new JobVersion(new JobVersionId(job.namespace(), job.name(), row.id()), job.name(),
                    job.namespace(), row.id(), row.createdAt(), row.sourceCodeUrl(), row.jobType(),
                    row.processingType(), row.integration(), row.sqlQuery(), row.sqlDialect(), row.sourceCodeType(),
                    row.sourceCodeUrl(), row.sourceCodePath(), row.sourceCodeVersion(),
                    inputs.getOrDefault(row.id(), List.of()), outputs.getOrDefault(row.id(), List.of()),
                    latestRuns.get(row.id())));
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
            List<RunDatasetVersion> inputs = new ArrayList<>();
            List<RunDatasetVersion> outputs = new ArrayList<>();
            for (IoRow r : io.getOrDefault(row.id(), List.of())) {
                UUID versionId = r.datasetVersionId() == null ? schemalessVersion(r.datasetId()) : r.datasetVersionId();
                RunDatasetVersion version = new RunDatasetVersion(
                        new DatasetVersionId(r.namespace(), r.name(), versionId), Map.of());
                ("INPUT".equals(r.ioType()) ? inputs : outputs).add(version);
            }
            Long durationMs = row.startedAt() != null && row.endedAt() != null
                    ? Duration.between(row.startedAt(), row.endedAt()).toMillis()
                    : null;
            String eventType = row.state() == null || row.state().equals("OTHER") ? null : row.state();
            runs.add(new Run(
                    row.id(),
                    job,
                    row.createdAt(),
                    row.updatedAt(),
                    row.nominalStartTime(),
                    row.nominalEndTime(),
                    Run.marquezState(eventType),
                    eventType,
                    row.startedAt(),
                    row.endedAt(),
                    durationMs,
                    Map.of(),
                    Map.of(),
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

    /** The facets of a run and of its job, by name; empty when there is no such run. */
    public Optional<Map.Entry<Map<String, JsonNode>, Map<String, JsonNode>>> runAndJobFacets(UUID runId) {
        return read(dao -> dao.run(runId).map(run -> {
            Map<UUID, Map<String, JsonNode>> facets = facets(dao, List.of(run.id(), run.jobId()));
            return Map.entry(facets.getOrDefault(run.id(), Map.of()), facets.getOrDefault(run.jobId(), Map.of()));
        }));
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
