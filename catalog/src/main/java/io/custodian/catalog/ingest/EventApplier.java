package io.custodian.catalog.ingest;

import io.custodian.catalog.ingest.IngestDao.CurrentVersion;
import io.custodian.catalog.ingest.IngestDao.FacetRow;
import io.custodian.catalog.ingest.IngestDao.LineageEdgeRow;
import io.custodian.catalog.ingest.IngestDao.LineageOrigin;
import io.custodian.catalog.ingest.IngestDao.NewRun;
import io.custodian.catalog.ingest.IngestDao.RunIo;
import io.custodian.catalog.ingest.IngestDao.RunTransition;
import io.custodian.catalog.ingest.IngestDao.TimeSpan;
import io.custodian.catalog.ingest.JobSpec.JobVersionSpec;
import io.custodian.catalog.ingest.RunSpec.ParentSpec;
import io.custodian.lineage.sql.SqlLineageExtractor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * Turns events into catalog rows: namespaces, sources, datasets and their versions and fields,
 * jobs and job versions, runs and what they read and wrote, facets, and column lineage.
 *
 * <p>Applying is idempotent and order-insensitive: every value that events can disagree on is
 * kept "latest event wins" (event time, then a content hash), every time span only widens, and
 * rows are otherwise inserted once. A batch of events is folded first, so a row touched by many
 * events in one batch is written once.
 *
 * <p>Caches hold only facts that stay true once committed (ids, and lower bounds of the stamps
 * in the store), which lets the applier skip writes that cannot change anything. They belong to
 * one writer thread; after a failed transaction the caller must {@link #forget()} them.
 */
public final class EventApplier {
    static final String INPUT = "INPUT";
    static final String OUTPUT = "OUTPUT";
    static final String PRODUCER_FACET = "PRODUCER";
    /** Provenance of column lineage derived from the job's SQL; a producer's facet always wins over it. */
    static final String DERIVED_SQL = "DERIVED";
    private static final int CACHE_CAPACITY = 200_000;

    private final Map<String, UUID> namespaceIds = new BoundedCache<>(CACHE_CAPACITY);
    private final Map<String, UUID> sourceIds = new BoundedCache<>(CACHE_CAPACITY);
    private final Map<NameKey, UUID> datasetIds = new BoundedCache<>(CACHE_CAPACITY);
    private final Map<NameKey, UUID> jobIds = new BoundedCache<>(CACHE_CAPACITY);
    private final Map<VersionKey, UUID> datasetVersionIds = new BoundedCache<>(CACHE_CAPACITY);
    private final Map<VersionKey, UUID> jobVersionIds = new BoundedCache<>(CACHE_CAPACITY);
    private final Map<UUID, Boolean> knownRuns = new BoundedCache<>(CACHE_CAPACITY);
    /** Per row id: the stored [created_at, updated_at] contains this span. */
    private final Map<UUID, Span> knownSpans = new BoundedCache<>(CACHE_CAPACITY);
    /** Per (owner, facet or "current version"): the stored stamp is at least this one. */
    private final Map<StampKey, Stamp> knownStamps = new BoundedCache<>(CACHE_CAPACITY);
    private final SqlLineageDeriver deriver;

    public EventApplier() {
        this(new SqlLineageDeriver(new SqlLineageExtractor()));
    }

    public EventApplier(SqlLineageDeriver deriver) {
        this.deriver = Objects.requireNonNull(deriver, "deriver is null");
    }

    /**
     * Applies events that are not yet in the catalog through {@code dao}, which must be attached
     * to a handle with an open transaction: the batch commits or rolls back whole. Returns the
     * ids of the datasets and jobs the events touched.
     */
    public AppliedBatch apply(IngestDao dao, List<LineageEvent> events) {
        Batch batch = new Batch(dao);
        for (LineageEvent event : events) {
            batch.add(event);
        }
        batch.flush();
        return new AppliedBatch(batch.datasetSpans.keySet(), batch.jobSpans.keySet());
    }

    /** Drops every cached fact; call after a transaction that used this applier rolled back. */
    public void forget() {
        namespaceIds.clear();
        sourceIds.clear();
        datasetIds.clear();
        jobIds.clear();
        datasetVersionIds.clear();
        jobVersionIds.clear();
        knownRuns.clear();
        knownSpans.clear();
        knownStamps.clear();
    }

    private record NameKey(UUID namespaceId, String name) {}

    private record VersionKey(UUID ownerId, String hash) {}

    private record StampKey(UUID ownerId, String name) {}

    private record Span(Instant first, Instant last) {
        Span widen(Instant time) {
            return new Span(time.isBefore(first) ? time : first, time.isAfter(last) ? time : last);
        }

        boolean contains(Span other) {
            return !other.first.isBefore(first) && !other.last.isAfter(last);
        }
    }

    private record Resolved(UUID datasetId, UUID versionId, String versionHash) {}

    /** The fold of one batch: what each touched row should become. */
    private final class Batch {
        private final IngestDao dao;
        private final Map<UUID, Span> namespaceSpans = new LinkedHashMap<>();
        private final Map<UUID, Span> datasetSpans = new LinkedHashMap<>();
        private final Map<UUID, Span> jobSpans = new LinkedHashMap<>();
        private final Map<UUID, Instant> sourceFirstSeen = new LinkedHashMap<>();
        private final Map<UUID, Instant> datasetVersionFirstSeen = new LinkedHashMap<>();
        private final Map<UUID, Instant> jobVersionFirstSeen = new LinkedHashMap<>();
        private final Map<UUID, CurrentVersion> datasetCurrent = new LinkedHashMap<>();
        private final Map<UUID, CurrentVersion> jobCurrent = new LinkedHashMap<>();
        private final Map<StampKey, FacetRow> facets = new LinkedHashMap<>();
        private final Map<UUID, RunFold> runs = new LinkedHashMap<>();
        private final Map<List<Object>, RunIo> runIo = new LinkedHashMap<>();
        private final Map<StampKey, LineageFold> lineage = new LinkedHashMap<>();

        Batch(IngestDao dao) {
            this.dao = dao;
        }

        void add(LineageEvent event) {
            Instant time = event.eventTime();
            switch (event.kind()) {
                case DATASET -> {
                    DatasetSpec dataset = event.dataset().orElseThrow();
                    UUID id = dataset(dataset, time).datasetId();
                    dataset.columnLineage().ifPresent(spec -> lineage(id, id, null, spec, time, PRODUCER_FACET));
                }
                case JOB -> {
                    JobSpec job = event.job().orElseThrow();
                    UUID jobId = job(job, time);
                    List<Resolved> inputs = datasets(event.inputs(), time);
                    List<Resolved> outputs = outputs(event.outputs(), jobId, time);
                    derivedLineage(job, event, outputs, jobId, time);
                    jobVersion(jobId, job.version(), event, inputs, outputs, time);
                }
                case RUN -> {
                    JobSpec job = event.job().orElseThrow();
                    RunSpec run = event.run().orElseThrow();
                    RunState state = event.eventType().orElse(RunState.OTHER);
                    UUID jobId = job(job, time);
                    List<Resolved> inputs = datasets(event.inputs(), time);
                    List<Resolved> outputs = outputs(event.outputs(), jobId, time);
                    RunFold fold = runs.computeIfAbsent(run.runId(), id -> new RunFold(id, jobId, time));
                    fold.observe(state, time, run);
                    facets(run.runId(), "RUN", run.facets(), time);
                    for (Resolved input : inputs) {
                        runIo(run.runId(), input, INPUT, time);
                    }
                    for (Resolved output : outputs) {
                        runIo(run.runId(), output, OUTPUT, time);
                    }
                    // A job version is what a finished run ran; START events often lack outputs.
                    if (state.isTerminal()) {
                        derivedLineage(job, event, outputs, jobId, time);
                        UUID versionId = jobVersion(jobId, job.version(), event, inputs, outputs, time);
                        fold.jobVersion(versionId, jobVersionHash(job.version(), event), time);
                    }
                }
            }
        }

        private List<Resolved> datasets(List<DatasetSpec> specs, Instant time) {
            List<Resolved> resolved = new ArrayList<>(specs.size());
            for (DatasetSpec spec : specs) {
                resolved.add(dataset(spec, time));
            }
            return resolved;
        }

        private List<Resolved> outputs(List<DatasetSpec> specs, UUID jobId, Instant time) {
            List<Resolved> resolved = datasets(specs, time);
            for (int i = 0; i < specs.size(); i++) {
                UUID datasetId = resolved.get(i).datasetId();
                specs.get(i).columnLineage().ifPresent(spec -> lineage(datasetId, jobId, jobId, spec, time,
                        PRODUCER_FACET));
            }
            return resolved;
        }

        /**
         * Column lineage from the job's SQL for outputs without a producer facet. Only for job
         * events and finished runs (what a job version is made of), so a run's SQL is parsed once.
         */
        private void derivedLineage(JobSpec job, LineageEvent event, List<Resolved> outputs, UUID jobId,
                Instant time) {
            String sql = job.version().sql();
            if (sql == null || outputs.isEmpty()) {
                return;
            }
            Map<Integer, ColumnLineageSpec> derived = deriver.derive(sql, job.version().sqlDialect(), event.inputs(),
                    event.outputs(), (namespace, name) -> Optional.of(dao.currentFieldNames(namespace, name)));
            derived.forEach((i, spec) -> lineage(outputs.get(i).datasetId(), jobId, jobId, spec, time, DERIVED_SQL));
        }

        private Resolved dataset(DatasetSpec spec, Instant time) {
            UUID id = datasetId(spec.namespace(), spec.name(), time);
            facets(id, "DATASET", spec.facets(), time);
            spec.source().ifPresent(source -> sourceId(source, time));
            if (spec.schema().isEmpty()) {
                return new Resolved(id, null, null);
            }
            SchemaSpec schema = spec.schema().get();
            UUID versionId = datasetVersion(id, schema, time);
            current(datasetCurrent, new CurrentVersion(id, versionId, time, schema.hash()));
            return new Resolved(id, versionId, schema.hash());
        }

        private UUID namespaceId(String name, Instant time) {
            UUID id = namespaceIds.get(name);
            if (id == null) {
                id = dao.namespaceId(name).orElse(null);
                if (id == null) {
                    id = Ids.of("namespace", name);
                    dao.insertNamespace(id, name, time);
                    knownSpans.put(id, new Span(time, time));
                }
                namespaceIds.put(name, id);
            }
            widen(namespaceSpans, id, time);
            return id;
        }

        private void sourceId(DatasetSpec.SourceSpec source, Instant time) {
            UUID id = sourceIds.get(source.name());
            if (id == null) {
                id = dao.sourceId(source.name()).orElse(null);
                if (id == null) {
                    id = Ids.of("source", source.name());
                    dao.insertSource(id, source.name(), source.uri(), time);
                    knownSpans.put(id, new Span(time, time));
                }
                sourceIds.put(source.name(), id);
            }
            sourceFirstSeen.merge(id, time, (a, b) -> a.isBefore(b) ? a : b);
        }

        private UUID datasetId(String namespace, String name, Instant time) {
            UUID namespaceId = namespaceId(namespace, time);
            NameKey key = new NameKey(namespaceId, name);
            UUID id = datasetIds.get(key);
            if (id == null) {
                id = dao.datasetId(namespaceId, name).orElse(null);
                if (id == null) {
                    id = Ids.of("dataset", namespace, name);
                    dao.insertDataset(id, namespaceId, name, time);
                    knownSpans.put(id, new Span(time, time));
                }
                datasetIds.put(key, id);
            }
            widen(datasetSpans, id, time);
            return id;
        }

        private UUID datasetVersion(UUID datasetId, SchemaSpec schema, Instant time) {
            VersionKey key = new VersionKey(datasetId, schema.hash());
            UUID id = datasetVersionIds.get(key);
            if (id == null) {
                id = dao.datasetVersionId(datasetId, schema.hash()).orElse(null);
                if (id == null) {
                    id = Ids.of("dataset_version", datasetId, schema.hash());
                    dao.insertDatasetVersion(id, datasetId, schema.hash(), time, schema.fields().size());
                    insertFields(id, schema.fields());
                    knownSpans.put(id, new Span(time, time));
                }
                datasetVersionIds.put(key, id);
            }
            datasetVersionFirstSeen.merge(id, time, (a, b) -> a.isBefore(b) ? a : b);
            return id;
        }

        private void insertFields(UUID versionId, List<FieldSpec> fields) {
            if (fields.isEmpty()) {
                return;
            }
            List<Integer> ordinals = new ArrayList<>(fields.size());
            List<String> names = new ArrayList<>(fields.size());
            List<String> types = new ArrayList<>(fields.size());
            List<String> descriptions = new ArrayList<>(fields.size());
            for (int i = 0; i < fields.size(); i++) {
                FieldSpec field = fields.get(i);
                ordinals.add(i);
                names.add(field.name());
                types.add(field.type());
                descriptions.add(field.description());
            }
            dao.insertFields(versionId, ordinals, names, types, descriptions);
        }

        private UUID job(JobSpec job, Instant time) {
            UUID namespaceId = namespaceId(job.namespace(), time);
            NameKey key = new NameKey(namespaceId, job.name());
            UUID id = jobIds.get(key);
            if (id == null) {
                id = dao.jobId(namespaceId, job.name()).orElse(null);
                if (id == null) {
                    id = Ids.of("job", job.namespace(), job.name());
                    dao.insertJob(id, namespaceId, job.name(), time);
                    knownSpans.put(id, new Span(time, time));
                }
                jobIds.put(key, id);
            }
            widen(jobSpans, id, time);
            facets(id, "JOB", job.facets(), time);
            return id;
        }

        private UUID jobVersion(UUID jobId, JobVersionSpec spec, LineageEvent event, List<Resolved> inputs,
                List<Resolved> outputs, Instant time) {
            String hash = jobVersionHash(spec, event);
            VersionKey key = new VersionKey(jobId, hash);
            UUID id = jobVersionIds.get(key);
            if (id == null) {
                id = dao.jobVersionId(jobId, hash).orElse(null);
                if (id == null) {
                    id = Ids.of("job_version", jobId, hash);
                    dao.insertJobVersion(id, jobId, hash, time, spec);
                    insertJobVersionIo(id, inputs, outputs);
                    knownSpans.put(id, new Span(time, time));
                }
                jobVersionIds.put(key, id);
            }
            jobVersionFirstSeen.merge(id, time, (a, b) -> a.isBefore(b) ? a : b);
            current(jobCurrent, new CurrentVersion(jobId, id, time, hash));
            return id;
        }

        private void insertJobVersionIo(UUID versionId, List<Resolved> inputs, List<Resolved> outputs) {
            Set<List<Object>> seen = new HashSet<>();
            List<UUID> datasetIds = new ArrayList<>();
            List<String> types = new ArrayList<>();
            for (Resolved input : inputs) {
                if (seen.add(List.of(input.datasetId(), INPUT))) {
                    datasetIds.add(input.datasetId());
                    types.add(INPUT);
                }
            }
            for (Resolved output : outputs) {
                if (seen.add(List.of(output.datasetId(), OUTPUT))) {
                    datasetIds.add(output.datasetId());
                    types.add(OUTPUT);
                }
            }
            if (!datasetIds.isEmpty()) {
                dao.insertJobVersionIo(versionId, datasetIds, types);
            }
        }

        private void facets(UUID ownerId, String ownerKind, List<Facet> list, Instant time) {
            for (Facet facet : list) {
                StampKey key = new StampKey(ownerId, facet.name());
                Stamp stamp = new Stamp(time, facet.hash());
                if (!stamp.isAfter(knownStamps.get(key))) {
                    continue;
                }
                FacetRow candidate = new FacetRow(ownerId, facet.name(), ownerKind, time, facet.hash(), facet.json());
                facets.merge(key, candidate,
                        (a, b) -> new Stamp(b.time(), b.hash()).isAfter(new Stamp(a.time(), a.hash())) ? b : a);
            }
        }

        private void runIo(UUID runId, Resolved dataset, String ioType, Instant time) {
            RunIo candidate = new RunIo(runId, dataset.datasetId(), ioType, dataset.versionId(),
                    dataset.versionId() == null ? null : time, dataset.versionHash());
            runIo.merge(List.of(runId, dataset.datasetId(), ioType), candidate, (a, b) -> {
                if (b.versionId() == null) {
                    return a;
                }
                if (a.versionId() == null || new Stamp(b.versionTime(), b.versionHash())
                        .isAfter(new Stamp(a.versionTime(), a.versionHash()))) {
                    return b;
                }
                return a;
            });
        }

        private void lineage(UUID outputId, UUID originKey, UUID jobId, ColumnLineageSpec spec, Instant time,
                String provenance) {
            StampKey key = new StampKey(outputId, originKey.toString());
            Stamp stamp = new Stamp(time, spec.hash());
            if (!stamp.isAfter(knownStamps.get(stampKey(outputId, originKey, provenance)))) {
                return;
            }
            // Resolve input datasets now, while the batch is still collecting rows to widen.
            List<UUID> inputIds = new ArrayList<>(spec.edges().size());
            for (ColumnEdgeSpec edge : spec.edges()) {
                inputIds.add(datasetId(edge.inputNamespace(), edge.inputName(), time));
            }
            LineageFold candidate = new LineageFold(outputId, originKey, jobId, stamp, spec, inputIds, provenance);
            lineage.merge(key, candidate, (a, b) -> b.beats(a) ? b : a);
        }

        private void current(Map<UUID, CurrentVersion> winners, CurrentVersion candidate) {
            StampKey key = new StampKey(candidate.ownerId(), "");
            if (!new Stamp(candidate.time(), candidate.hash()).isAfter(knownStamps.get(key))) {
                return;
            }
            winners.merge(candidate.ownerId(), candidate, (a, b) ->
                    new Stamp(b.time(), b.hash()).isAfter(new Stamp(a.time(), a.hash())) ? b : a);
        }

        private void widen(Map<UUID, Span> spans, UUID id, Instant time) {
            spans.compute(id, (k, span) -> span == null ? new Span(time, time) : span.widen(time));
        }

        void flush() {
            flushRuns();
            Map<UUID, Instant> namespaceFirstSeen = new LinkedHashMap<>();
            namespaceSpans.forEach((id, span) -> namespaceFirstSeen.put(id, span.first()));
            lowerCreatedAt(namespaceFirstSeen, dao::lowerNamespaceCreatedAt);
            lowerCreatedAt(sourceFirstSeen, dao::lowerSourceCreatedAt);
            dao.widenDatasetTimes(spansToWrite(datasetSpans));
            dao.widenJobTimes(spansToWrite(jobSpans));
            lowerCreatedAt(datasetVersionFirstSeen, dao::lowerDatasetVersionCreatedAt);
            lowerCreatedAt(jobVersionFirstSeen, dao::lowerJobVersionCreatedAt);
            dao.advanceDatasetVersion(stampsToWrite(datasetCurrent));
            dao.advanceJobVersion(stampsToWrite(jobCurrent));
            dao.mergeRunIo(new ArrayList<>(runIo.values()));
            flushFacets();
            lineage.values().forEach(this::flushLineage);
        }

        private void flushRuns() {
            if (runs.isEmpty()) {
                return;
            }
            List<UUID> unknown = runs.keySet().stream().filter(id -> !knownRuns.containsKey(id)).toList();
            Set<UUID> existing = unknown.isEmpty() ? Set.of() : new HashSet<>(dao.existingRuns(unknown));
            List<NewRun> inserts = new ArrayList<>();
            List<TimeSpan> widen = new ArrayList<>();
            List<RunTransition> transitions = new ArrayList<>();
            List<UUID> startedIds = new ArrayList<>();
            List<Instant> startedTimes = new ArrayList<>();
            List<UUID> endedIds = new ArrayList<>();
            List<Instant> endedTimes = new ArrayList<>();
            List<CurrentVersion> versions = new ArrayList<>();
            List<UUID> nominalIds = new ArrayList<>();
            List<Instant> nominalStarts = new ArrayList<>();
            List<Instant> nominalEnds = new ArrayList<>();
            List<UUID> parentIds = new ArrayList<>();
            List<ParentSpec> parents = new ArrayList<>();
            for (RunFold run : runs.values()) {
                boolean isNew = !knownRuns.containsKey(run.id) && !existing.contains(run.id);
                if (isNew) {
                    inserts.add(new NewRun(run.id, run.jobId, run.first, run.last));
                } else {
                    widen.add(new TimeSpan(run.id, run.first, run.last));
                }
                knownRuns.put(run.id, Boolean.TRUE);
                if (run.state != null) {
                    transitions.add(new RunTransition(run.id, run.state.name(), run.stateTime, run.state.rank()));
                }
                if (run.startedAt != null) {
                    startedIds.add(run.id);
                    startedTimes.add(run.startedAt);
                }
                if (run.endedAt != null) {
                    endedIds.add(run.id);
                    endedTimes.add(run.endedAt);
                }
                if (run.jobVersionId != null) {
                    versions.add(new CurrentVersion(run.id, run.jobVersionId, run.jobVersionTime, run.jobVersionHash));
                }
                if (run.nominalStart != null) {
                    nominalIds.add(run.id);
                    nominalStarts.add(run.nominalStart);
                    nominalEnds.add(run.nominalEnd);
                }
                if (run.parent != null) {
                    parentIds.add(run.id);
                    parents.add(run.parent);
                }
            }
            dao.insertRuns(inserts);
            dao.widenRunTimes(widen);
            dao.advanceRunState(transitions);
            dao.lowerRunStartedAt(startedIds, startedTimes);
            dao.raiseRunEndedAt(endedIds, endedTimes);
            dao.advanceRunJobVersion(versions);
            dao.setRunNominalTime(nominalIds, nominalStarts, nominalEnds);
            dao.setRunParent(parentIds, parents);
        }

        private List<TimeSpan> spansToWrite(Map<UUID, Span> spans) {
            List<TimeSpan> rows = new ArrayList<>();
            for (Map.Entry<UUID, Span> entry : spans.entrySet()) {
                Span span = entry.getValue();
                Span known = knownSpans.get(entry.getKey());
                if (known != null && known.contains(span)) {
                    continue;
                }
                rows.add(new TimeSpan(entry.getKey(), span.first(), span.last()));
                knownSpans.put(entry.getKey(), known == null ? span : known.widen(span.first()).widen(span.last()));
            }
            return rows;
        }

        private void lowerCreatedAt(Map<UUID, Instant> firstSeen, BiConsumer<List<UUID>, List<Instant>> writer) {
            List<UUID> ids = new ArrayList<>();
            List<Instant> times = new ArrayList<>();
            for (Map.Entry<UUID, Instant> entry : firstSeen.entrySet()) {
                Span known = knownSpans.get(entry.getKey());
                if (known != null && !entry.getValue().isBefore(known.first())) {
                    continue;
                }
                ids.add(entry.getKey());
                times.add(entry.getValue());
                knownSpans.put(entry.getKey(), known == null
                        ? new Span(entry.getValue(), entry.getValue())
                        : known.widen(entry.getValue()));
            }
            writer.accept(ids, times);
        }

        private List<CurrentVersion> stampsToWrite(Map<UUID, CurrentVersion> winners) {
            List<CurrentVersion> rows = new ArrayList<>(winners.values());
            for (CurrentVersion row : rows) {
                knownStamps.put(new StampKey(row.ownerId(), ""), new Stamp(row.time(), row.hash()));
            }
            return rows;
        }

        private void flushFacets() {
            List<FacetRow> rows = new ArrayList<>(facets.values());
            dao.mergeFacets(rows);
            for (FacetRow row : rows) {
                knownStamps.put(new StampKey(row.ownerId(), row.name()), new Stamp(row.time(), row.hash()));
            }
        }

        private void flushLineage(LineageFold fold) {
            Optional<LineageOrigin> stored = dao.lineageOrigin(fold.outputId(), fold.originKey());
            StampKey cacheKey = stampKey(fold.outputId(), fold.originKey(), fold.provenance());
            UUID originId;
            if (stored.isEmpty()) {
                originId = Ids.of("column_lineage_origin", fold.outputId(), fold.originKey());
                dao.insertLineageOrigin(originId, fold.outputId(), fold.jobId(), fold.originKey(), fold.provenance(),
                        fold.stamp().time(), fold.stamp().hash());
            } else {
                LineageOrigin origin = stored.get();
                boolean storedDerived = DERIVED_SQL.equals(origin.provenance());
                if (fold.derived() && !storedDerived) {
                    return; // the producer's own facet wins over lineage derived from SQL, whatever its time
                }
                // A producer's facet replaces derived lineage, whatever their times.
                boolean replacesDerived = !fold.derived() && storedDerived;
                Stamp storedStamp = new Stamp(origin.eventTime(), origin.facetHash());
                if (!replacesDerived && !fold.stamp().isAfter(storedStamp)) {
                    knownStamps.put(cacheKey, storedStamp);
                    return;
                }
                originId = origin.id();
                dao.updateLineageOrigin(originId, fold.stamp().time(), fold.stamp().hash(), fold.provenance());
                knownStamps.put(cacheKey, fold.stamp());
                if (!replacesDerived && origin.facetHash().equals(fold.stamp().hash())) {
                    // A later run described the same lineage: only the time moves on.
                    return;
                }
                dao.deleteLineageEdges(originId);
            }
            List<LineageEdgeRow> rows = new ArrayList<>(fold.spec().edges().size());
            List<ColumnEdgeSpec> edges = fold.spec().edges();
            for (int i = 0; i < edges.size(); i++) {
                ColumnEdgeSpec edge = edges.get(i);
                rows.add(new LineageEdgeRow(originId, i, edge.outputField(), fold.inputIds().get(i), edge.inputField(),
                        edge.transformationType(), edge.transformationSubtype(), edge.description(), edge.masking()));
            }
            dao.insertLineageEdges(rows);
            knownStamps.put(cacheKey, fold.stamp());
        }
    }

    /**
     * The cache key of an origin's stamp, one per provenance: a cached producer stamp says the
     * stored row is the producer's with at least that stamp; a cached derived stamp says the stored
     * row is derived with at least that stamp, or the producer's (which derived lineage never
     * replaces). Either way a fold that is not after it cannot change the row.
     */
    private static StampKey stampKey(UUID outputId, UUID originKey, String provenance) {
        return new StampKey(outputId, PRODUCER_FACET.equals(provenance) ? originKey.toString()
                : originKey + "/" + provenance);
    }

    /** A job version is what the job runs (code, SQL, type) and what it reads and writes. */
    private static String jobVersionHash(JobVersionSpec spec, LineageEvent event) {
        TreeSet<String> io = new TreeSet<>();
        event.inputs().forEach(d -> io.add(INPUT + " " + d.namespace() + " " + d.name()));
        event.outputs().forEach(d -> io.add(OUTPUT + " " + d.namespace() + " " + d.name()));
        Hashing hashing = Hashing.sha256()
                .add(spec.jobType()).add(spec.processingType()).add(spec.integration())
                .add(spec.sql()).add(spec.sqlDialect())
                .add(spec.sourceCodeType()).add(spec.sourceCodeUrl()).add(spec.sourceCodePath())
                .add(spec.sourceCodeVersion());
        io.forEach(hashing::add);
        return hashing.hex();
    }

    private record LineageFold(UUID outputId, UUID originKey, UUID jobId, Stamp stamp, ColumnLineageSpec spec,
            List<UUID> inputIds, String provenance) {
        public LineageFold {
            inputIds = List.copyOf(inputIds);
        }

        boolean derived() {
            return DERIVED_SQL.equals(provenance);
        }

        /** A producer's facet beats derived lineage; otherwise the later stamp wins. */
        boolean beats(LineageFold other) {
            if (derived() != other.derived()) {
                return !derived();
            }
            return stamp.isAfter(other.stamp);
        }
    }

    /** What the events of one batch say about one run. */
    private static final class RunFold {
        final UUID id;
        final UUID jobId;
        Instant first;
        Instant last;
        RunState state;
        Instant stateTime;
        Instant startedAt;
        Instant endedAt;
        UUID jobVersionId;
        String jobVersionHash;
        Instant jobVersionTime;
        Instant nominalStart;
        Instant nominalEnd;
        ParentSpec parent;

        RunFold(UUID id, UUID jobId, Instant time) {
            this.id = id;
            this.jobId = jobId;
            this.first = time;
            this.last = time;
        }

        void observe(RunState eventType, Instant time, RunSpec run) {
            first = time.isBefore(first) ? time : first;
            last = time.isAfter(last) ? time : last;
            if (stateTime == null || time.isAfter(stateTime)
                    || (time.equals(stateTime) && eventType.rank() > state.rank())) {
                state = eventType;
                stateTime = time;
            }
            if (eventType == RunState.START && (startedAt == null || time.isBefore(startedAt))) {
                startedAt = time;
            }
            if (eventType.isTerminal() && (endedAt == null || time.isAfter(endedAt))) {
                endedAt = time;
            }
            if (nominalStart == null && run.nominalStartTime().isPresent()) {
                nominalStart = run.nominalStartTime().get();
                nominalEnd = run.nominalEndTime().orElse(null);
            }
            if (parent == null && run.parent().isPresent()) {
                parent = run.parent().get();
            }
        }

        void jobVersion(UUID versionId, String hash, Instant time) {
            if (jobVersionTime == null || new Stamp(time, hash).isAfter(new Stamp(jobVersionTime, jobVersionHash))) {
                jobVersionId = versionId;
                jobVersionHash = hash;
                jobVersionTime = time;
            }
        }
    }
}
