package io.custodian.catalog.ingest;

import io.custodian.catalog.lineage.Provenance;
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
import io.custodian.catalog.ingest.EventLogWriter.Logged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
    /** Per job: what its last queued SQL derivation was made of, so a run of the same SQL queues none. */
    private final Map<UUID, String> queuedDerivations = new BoundedCache<>(CACHE_CAPACITY);
    /** How many SQL derivations this applier queued, in transactions that may have rolled back. */
    private long derivationsQueued;

    /**
     * Applies logged events that are not yet in the catalog through {@code dao}, which must be
     * attached to a handle with an open transaction: the batch commits or rolls back whole. A job
     * event or finished run whose SQL should yield column lineage is queued for the
     * {@link SqlDerivationLoop} in the same transaction; no SQL is analysed here. Returns the ids of
     * the datasets and jobs the events touched.
     */
    AppliedBatch apply(IngestDao dao, List<Logged> events) {
        Batch batch = new Batch(dao);
        for (Logged logged : events) {
            batch.add(logged.event(), logged.seq());
        }
        batch.flush();
        return batch.applied();
    }

    /**
     * Writes column lineage derived from jobs' SQL, through {@code dao} in an open transaction,
     * and records each derivation's outcome: done ones leave the queue, skipped and failed ones
     * stay with their reason. Returns what the lineage touched and changed.
     */
    AppliedBatch applyDerived(IngestDao dao, List<DerivedLineage> derived) {
        Batch batch = new Batch(dao);
        for (DerivedLineage d : derived) {
            batch.derived(d);
        }
        batch.flush();
        List<Long> done = new ArrayList<>();
        List<DerivedLineage> kept = new ArrayList<>();
        for (DerivedLineage d : derived) {
            if (d.outcome().status() == SqlLineageDeriver.Status.DONE) {
                done.add(d.seq());
            } else {
                kept.add(d);
            }
        }
        if (!done.isEmpty()) {
            dao.deleteDerivations(done);
        }
        List<Long> finished = derived.stream().map(DerivedLineage::seq).toList();
        dao.forgetEarlierOutcomes(derived.stream().map(DerivedLineage::jobId).toList(), finished);
        dao.finishDerivations(kept.stream().map(DerivedLineage::seq).toList(),
                kept.stream().map(d -> d.outcome().status().name()).toList(),
                kept.stream().map(d -> d.outcome().reason()).toList());
        return batch.applied();
    }

    /** How many SQL derivations were queued so far (some perhaps in transactions that rolled back). */
    long derivationsQueued() {
        return derivationsQueued;
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
        queuedDerivations.clear();
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
        private final List<IngestDao.QueuedDerivation> derivations = new ArrayList<>();
        /** Per job: the datasets its events in this batch read and wrote. */
        private final Map<UUID, Set<UUID>> jobDatasets = new LinkedHashMap<>();
        private final Set<UUID> changedDatasets = new HashSet<>();
        private final Set<UUID> changedJobs = new HashSet<>();
        private final Set<UUID> newSchemas = new HashSet<>();
        private final Set<UUID> newLineage = new HashSet<>();

        Batch(IngestDao dao) {
            this.dao = dao;
        }

        void add(LineageEvent event, long seq) {
            Instant time = event.eventTime();
            switch (event.kind()) {
                case DATASET -> {
                    DatasetSpec dataset = event.dataset().orElseThrow();
                    UUID id = dataset(dataset, time).datasetId();
                    dataset.columnLineage().ifPresent(spec -> lineage(id, id, null, spec, time, Provenance.PRODUCER));
                }
                case JOB -> {
                    JobSpec job = event.job().orElseThrow();
                    UUID jobId = job(job, time);
                    List<Resolved> inputs = datasets(event.inputs(), time);
                    List<Resolved> outputs = outputs(event.outputs(), jobId, time);
                    queueDerivation(job, event, seq, jobId);
                    jobVersion(jobId, job.version(), event, inputs, outputs, time);
                    noteDatasets(jobId, inputs, outputs);
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
                    noteDatasets(jobId, inputs, outputs);
                    // A job version is what a finished run ran; START events often lack outputs.
                    if (state.isTerminal()) {
                        queueDerivation(job, event, seq, jobId);
                        UUID versionId = jobVersion(jobId, job.version(), event, inputs, outputs, time);
                        fold.jobVersion(versionId, jobVersionHash(job.version(), event), time);
                    }
                }
            }
        }

        private void noteDatasets(UUID jobId, List<Resolved> inputs, List<Resolved> outputs) {
            Set<UUID> ids = jobDatasets.computeIfAbsent(jobId, id -> new HashSet<>());
            inputs.forEach(d -> ids.add(d.datasetId()));
            outputs.forEach(d -> ids.add(d.datasetId()));
        }

        /** What this batch touched and changed; call after {@link #flush()}. */
        AppliedBatch applied() {
            return new AppliedBatch(datasetSpans.keySet(), jobSpans.keySet(), changedDatasets, changedJobs, newSchemas,
                    newLineage, -1);
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
                        Provenance.PRODUCER));
            }
            return resolved;
        }

        /**
         * Queues the event for column lineage from the job's SQL, for outputs without a producer
         * facet. Only for job events and finished runs (what a job version is made of), and not
         * again while a job runs the same SQL over the same datasets and schemas.
         */
        private void queueDerivation(JobSpec job, LineageEvent event, long seq, UUID jobId) {
            if (!SqlLineageDeriver.wants(job.version().sql(), event.outputs())) {
                return;
            }
            String key = derivationKey(job.version(), event);
            if (key.equals(queuedDerivations.get(jobId))) {
                return;
            }
            queuedDerivations.put(jobId, key);
            derivations.add(new IngestDao.QueuedDerivation(seq, jobId));
        }

        /** Lineage a worker derived from one event's SQL. */
        void derived(DerivedLineage derived) {
            LineageEvent event = derived.event();
            Instant time = event.eventTime();
            UUID jobId = derived.jobId();
            derived.outcome().lineage().forEach((index, spec) -> {
                DatasetSpec output = event.outputs().get(index);
                lineage(datasetId(output.namespace(), output.name(), time), jobId, jobId, spec, time,
                        Provenance.DERIVED);
            });
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
                    changedDatasets.add(id);
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
                    changedJobs.add(id);
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
                Provenance provenance) {
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
            Set<UUID> newRuns = flushRuns();
            Map<UUID, Instant> namespaceFirstSeen = new LinkedHashMap<>();
            namespaceSpans.forEach((id, span) -> namespaceFirstSeen.put(id, span.first()));
            lowerCreatedAt(namespaceFirstSeen, dao::lowerNamespaceCreatedAt);
            lowerCreatedAt(sourceFirstSeen, dao::lowerSourceCreatedAt);
            // Soft deletes last until the next event that mentions the namespace, dataset or job.
            if (!namespaceSpans.isEmpty()) {
                dao.revealNamespaces(namespaceSpans.keySet());
            }
            // Rare: which of them were hidden is not worth a query; all count as changed.
            if (!datasetSpans.isEmpty() && dao.revealDatasets(datasetSpans.keySet()) > 0) {
                changedDatasets.addAll(datasetSpans.keySet());
            }
            if (!jobSpans.isEmpty() && dao.revealJobs(jobSpans.keySet()) > 0) {
                changedJobs.addAll(jobSpans.keySet());
            }
            dao.widenDatasetTimes(spansToWrite(datasetSpans));
            dao.widenJobTimes(spansToWrite(jobSpans));
            lowerCreatedAt(datasetVersionFirstSeen, dao::lowerDatasetVersionCreatedAt);
            lowerCreatedAt(jobVersionFirstSeen, dao::lowerJobVersionCreatedAt);
            for (CurrentVersion advanced : touchOrWrite(stampsToWrite(datasetCurrent), dao::touchDatasetVersion,
                    dao::advanceDatasetVersion)) {
                newSchemas.add(advanced.ownerId());
                changedDatasets.add(advanced.ownerId());
            }
            touchOrWrite(stampsToWrite(jobCurrent), dao::touchJobVersion, dao::advanceJobVersion)
                    .forEach(advanced -> changedJobs.add(advanced.ownerId()));
            flushRunIo(newRuns);
            flushFacets();
            lineage.values().forEach(this::flushLineage);
            dao.queueDerivations(derivations);
            derivationsQueued += derivations.size();
            jobDatasets.forEach((jobId, datasets) -> {
                if (changedJobs.contains(jobId)) {
                    changedDatasets.addAll(datasets); // how much each is used may have changed
                }
                if (datasets.stream().anyMatch(newSchemas::contains)) {
                    changedJobs.add(jobId); // a job's document names its datasets' columns
                }
            });
        }

        /**
         * Writes stamped values (current versions, facets): where the stored one has the same
         * content, {@code touch} only moves its time on; the others go to {@code write}, which
         * replaces those the row's stamp beats. Both return per-row update counts. Returns the rows
         * {@code write} wrote: the values whose content changed.
         */
        private static <T> List<T> touchOrWrite(List<T> rows, java.util.function.Function<List<T>, int[]> touch,
                java.util.function.Function<List<T>, int[]> write) {
            if (rows.isEmpty()) {
                return List.of();
            }
            int[] touched = touch.apply(rows);
            List<T> others = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (touched[i] == 0) {
                    others.add(rows.get(i));
                }
            }
            if (others.isEmpty()) {
                return List.of();
            }
            int[] written = write.apply(others);
            List<T> changed = new ArrayList<>();
            for (int i = 0; i < others.size(); i++) {
                if (written[i] != 0) {
                    changed.add(others.get(i));
                }
            }
            return changed;
        }

        /** Writes the batch's runs; returns the ids of those that were not in the store. */
        private Set<UUID> flushRuns() {
            if (runs.isEmpty()) {
                return Set.of();
            }
            Set<UUID> newRuns = new HashSet<>();
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
                    newRuns.add(run.id);
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
            return newRuns;
        }

        /**
         * A new run's datasets are inserted. For runs already stored, the stored rows are read by
         * run id; a run whose rows change (a later version) has its rows deleted and written again.
         */
        private void flushRunIo(Set<UUID> newRuns) {
            List<RunIo> inserts = new ArrayList<>();
            Map<UUID, List<RunIo>> others = new LinkedHashMap<>();
            for (RunIo row : runIo.values()) {
                if (newRuns.contains(row.runId())) {
                    inserts.add(row);
                } else {
                    others.computeIfAbsent(row.runId(), id -> new ArrayList<>()).add(row);
                }
            }
            Set<UUID> rewritten = new LinkedHashSet<>();
            if (!others.isEmpty()) {
                Map<UUID, Map<List<Object>, RunIo>> stored = new HashMap<>();
                for (RunIo row : dao.runIoOf(others.keySet())) {
                    stored.computeIfAbsent(row.runId(), id -> new LinkedHashMap<>()).put(row.key(), row);
                }
                others.forEach((runId, rows) -> {
                    Map<List<Object>, RunIo> current = stored.getOrDefault(runId, Map.of());
                    if (rows.stream().anyMatch(row -> current.containsKey(row.key())
                            && row.replaces(current.get(row.key())))) {
                        rewritten.add(runId);
                        Map<List<Object>, RunIo> merged = new LinkedHashMap<>(current);
                        rows.forEach(row -> merged.merge(row.key(), row, (old, now) -> now.replaces(old) ? now : old));
                        inserts.addAll(merged.values());
                    } else {
                        rows.stream().filter(row -> !current.containsKey(row.key())).forEach(inserts::add);
                    }
                });
            }
            if (!rewritten.isEmpty()) {
                dao.deleteRunIo(rewritten);
            }
            dao.insertRunIo(inserts);
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

        /** Facets with the stored content only move their time on; the others are written whole. */
        private void flushFacets() {
            List<FacetRow> rows = new ArrayList<>(facets.values());
            for (FacetRow row : touchOrWrite(rows, dao::touchFacets, dao::mergeFacets)) {
                switch (row.ownerKind()) {
                    case "DATASET" -> {
                        // Lineage is the edges (newLineage), not the dataset's description: a
                        // dataset two jobs write gets each one's facet in turn.
                        if (!row.name().equals(ColumnLineageSpec.FACET)) {
                            changedDatasets.add(row.ownerId());
                        }
                    }
                    case "JOB" -> changedJobs.add(row.ownerId());
                    default -> { } // runs are not described anywhere derived
                }
            }
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
                boolean storedDerived = origin.provenance() == Provenance.DERIVED;
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
            newLineage.add(fold.outputId());
            knownStamps.put(cacheKey, fold.stamp());
        }
    }

    /**
     * The cache key of an origin's stamp, one per provenance: a cached producer stamp says the
     * stored row is the producer's with at least that stamp; a cached derived stamp says the stored
     * row is derived with at least that stamp, or the producer's (which derived lineage never
     * replaces). Either way a fold that is not after it cannot change the row.
     */
    private static StampKey stampKey(UUID outputId, UUID originKey, Provenance provenance) {
        return new StampKey(outputId, provenance == Provenance.PRODUCER ? originKey.toString()
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

    /**
     * What derived lineage depends on in an event: the SQL, its dialect, and each dataset's name,
     * fields and whether its producer described its lineage. (Fields the catalog holds for
     * datasets the event gives no schema for are read when deriving, and are not part of it.)
     */
    private static String derivationKey(JobVersionSpec spec, LineageEvent event) {
        Hashing hashing = Hashing.sha256().add(spec.sql()).add(spec.sqlDialect());
        for (List<DatasetSpec> datasets : List.of(event.inputs(), event.outputs())) {
            hashing.add(String.valueOf(datasets.size()));
            for (DatasetSpec d : datasets) {
                hashing.add(d.namespace()).add(d.name()).add(String.valueOf(d.columnLineage().isPresent()));
                d.schema().ifPresent(schema -> schema.fields().forEach(f -> hashing.add(f.name())));
                hashing.add("|");
            }
        }
        return hashing.hex();
    }

    private record LineageFold(UUID outputId, UUID originKey, UUID jobId, Stamp stamp, ColumnLineageSpec spec,
            List<UUID> inputIds, Provenance provenance) {
        public LineageFold {
            inputIds = List.copyOf(inputIds);
        }

        boolean derived() {
            return provenance == Provenance.DERIVED;
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
