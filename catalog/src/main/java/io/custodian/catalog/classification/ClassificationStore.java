package io.custodian.catalog.classification;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.Failures;
import io.custodian.catalog.field.FieldRef;
import io.custodian.catalog.lineage.Provenance;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifications of dataset fields: the scanner's findings, stewards' decisions and what lineage
 * propagates, each kept as its own row and folded on read (see {@link Classifications}).
 *
 * <p>Listeners hear which datasets' classifications changed after each committed change; derived
 * data (the search index, propagation) keeps up through them.
 */
public final class ClassificationStore {
    private static final Logger log = LoggerFactory.getLogger(ClassificationStore.class);
    /** Type names: upper-case words joined by underscores, as the taxonomy spells them. */
    public static final Pattern TYPE_NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    public static final int MAX_NOTE_LENGTH = 4000;
    private static final int MAX_EXPLANATION_LENGTH = 4000;
    private final Jdbi jdbi;
    private final Clock clock;
    private final List<Consumer<Set<UUID>>> listeners = new CopyOnWriteArrayList<>();

    public ClassificationStore(Jdbi jdbi, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Calls {@code listener} with the ids of the datasets whose classifications changed, after each
     * committed change, on the thread that made it. A failing listener is logged and skipped.
     */
    public void addListener(Consumer<Set<UUID>> listener) {
        listeners.add(requireNonNull(listener, "listener is null"));
    }

    public Optional<DatasetRef> dataset(String namespace, String name) {
        return jdbi.withExtension(ClassificationDao.class, dao -> dao.dataset(namespace, name))
                .map(key -> new DatasetRef(key.id(), key.namespace(), key.name()));
    }

    /** Datasets by id; ids without a dataset are left out. */
    public Map<UUID, DatasetRef> datasets(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UUID, DatasetRef> refs = new HashMap<>();
        List<UUID> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += 1000) {
            List<UUID> page = all.subList(from, Math.min(all.size(), from + 1000));
            jdbi.withExtension(ClassificationDao.class, dao -> dao.datasets(page))
                    .forEach(key -> refs.put(key.id(), new DatasetRef(key.id(), key.namespace(), key.name())));
        }
        return refs;
    }

    /** The fields of the dataset's current schema, in schema order. */
    public List<String> currentFields(UUID datasetId) {
        return jdbi.withExtension(ClassificationDao.class, dao -> dao.currentFields(datasetId));
    }

    /** Every classification of a dataset's fields, rejected ones included; empty when there is no such dataset. */
    public Optional<List<Classification>> classifications(String namespace, String name) {
        return jdbi.inTransaction(handle -> {
            Optional<ClassificationDao.DatasetKey> key = handle.attach(ClassificationDao.class).dataset(namespace, name);
            return key.map(k -> Classifications.forDatasets(handle, List.of(k.id()), true)
                    .getOrDefault(k.id(), List.of()));
        });
    }

    /**
     * Records a steward's decision on one type of one field of the dataset's current schema. It wins
     * over every later scan and over propagation until another decision replaces it.
     *
     * @throws UnknownTargetException when the dataset or the field does not exist
     */
    public Classification decide(String namespace, String name, String field, String type, Decision decision,
            String note, String decidedBy) {
        requireType(type);
        requireNonNull(decision, "decision is null");
        requireNonNull(decidedBy, "decidedBy is null");
        if (note != null && note.length() > MAX_NOTE_LENGTH) {
            throw new IllegalArgumentException("a note is at most " + MAX_NOTE_LENGTH + " characters");
        }
        Instant now = clock.instant();
        UUID datasetId = jdbi.inTransaction(handle -> {
            ClassificationDao dao = handle.attach(ClassificationDao.class);
            ClassificationDao.DatasetKey dataset = dao.dataset(namespace, name)
                    .orElseThrow(() -> new UnknownTargetException("dataset", namespace + "/" + name));
            if (!dao.currentFields(dataset.id()).contains(field)) {
                throw new UnknownTargetException("field", namespace + "/" + name + "/" + field);
            }
            upsert(dao, new ClassificationRow(rowId(dataset.id(), field, type, ClassificationSource.STEWARD),
                    dataset.id(), field, type, ClassificationSource.STEWARD.name(), null, null, null, null, null, null,
                    null, decision.name(), note, decidedBy, now, null, null, now));
            return dataset.id();
        });
        notifyChanged(Set.of(datasetId));
        return classifications(namespace, name).orElseThrow().stream()
                .filter(c -> c.field().equals(field) && c.type().equals(type))
                .findFirst()
                .orElseThrow();
    }

    /**
     * Records a scan of one dataset: every finding becomes (or refreshes) the scanner's
     * classification of its field, and a scanned field's earlier scanner classifications that
     * were not found again are removed. Fields and types a steward has decided on are left as
     * they are.
     *
     * @param scannedFields the fields the scan examined (a field not scanned keeps what it had)
     * @param policyVersion the version of the policy set the findings were decided under, if any
     */
    public void recordScan(UUID datasetId, Collection<String> scannedFields, List<Finding> findings, UUID scanId,
            String detectorVersion, String policyVersion, Instant scannedAt) {
        requireNonNull(datasetId, "datasetId is null");
        requireNonNull(detectorVersion, "detectorVersion is null");
        requireNonNull(scannedAt, "scannedAt is null");
        findings.forEach(finding -> requireType(finding.type()));
        Set<String> scanned = Set.copyOf(scannedFields);
        Instant now = clock.instant();
        boolean changed = jdbi.inTransaction(handle -> {
            ClassificationDao dao = handle.attach(ClassificationDao.class);
            Map<UUID, ClassificationRow> existing = new HashMap<>();
            Set<String> decided = new HashSet<>();
            for (ClassificationRow row : dao.forDatasets(List.of(datasetId))) {
                existing.put(row.id(), row);
                if (ClassificationSource.STEWARD.name().equals(row.source())) {
                    decided.add(row.fieldName() + "\u0000" + row.classification());
                }
            }
            boolean any = false;
            Set<UUID> found = new HashSet<>();
            for (Finding finding : findings) {
                if (decided.contains(finding.field() + "\u0000" + finding.type())) {
                    continue;
                }
                UUID id = rowId(datasetId, finding.field(), finding.type(), ClassificationSource.SCANNER);
                found.add(id);
                upsert(dao, new ClassificationRow(id, datasetId, finding.field(), finding.type(),
                        ClassificationSource.SCANNER.name(), finding.confidence(),
                        truncate(finding.explanation(), MAX_EXPLANATION_LENGTH), detectorVersion,
                        finding.sampleSize(), finding.matchedCount(), scanId, scannedAt, null, null, null, null,
                        null, policyVersion, now));
                any = true;
            }
            for (ClassificationRow row : existing.values()) {
                if (ClassificationSource.SCANNER.name().equals(row.source()) && scanned.contains(row.fieldName())
                        && !found.contains(row.id()) && !decided.contains(row.fieldName() + "\u0000" + row.classification())) {
                    dao.delete(row.id());
                    any = true;
                }
                // A scan with values settles what ingest guessed from the name and type.
                if (ClassificationSource.INGEST.name().equals(row.source()) && scanned.contains(row.fieldName())) {
                    dao.delete(row.id());
                    any = true;
                }
            }
            ReviewDao reviews = handle.attach(ReviewDao.class);
            for (ReviewDao.ItemRow item : reviews.openClassificationItems(datasetId)) {
                if (scanned.contains(item.fieldName())) {
                    boolean confirmed = found.contains(
                            rowId(datasetId, item.fieldName(), item.classification(), ClassificationSource.SCANNER));
                    reviews.close(item.id(), confirmed ? ReviewStatus.CONFIRMED_BY_SCAN.name()
                            : ReviewStatus.WITHDRAWN_BY_SCAN.name(), null, now, null);
                }
            }
            return any;
        });
        if (changed) {
            notifyChanged(Set.of(datasetId));
        }
    }

    /** A dataset's schema as ingest classification sees it: the current one, and the one it classified last (null: none). */
    public record IngestSchema(UUID datasetId, UUID versionId, List<SchemaField> current, List<SchemaField> classified) {}

    /**
     * The dataset's current schema and the one ingest classification last looked at; empty when the
     * dataset has no schema or that schema was already classified.
     */
    public Optional<IngestSchema> ingestSchema(UUID datasetId) {
        return jdbi.inTransaction(handle -> {
            ReviewDao dao = handle.attach(ReviewDao.class);
            Optional<UUID> current = dao.currentVersion(datasetId);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Optional<UUID> classified = dao.classifiedVersion(datasetId);
            if (classified.equals(current)) {
                return Optional.empty();
            }
            return Optional.of(new IngestSchema(datasetId, current.get(), dao.fieldsOf(current.get()),
                    classified.map(dao::fieldsOf).orElse(null)));
        });
    }

    /** Datasets whose current schema ingest classification has not looked at (new, changed, or missed by a crash). */
    public List<UUID> datasetsAwaitingIngestClassification() {
        return jdbi.withExtension(ReviewDao.class, ReviewDao::unclassified);
    }

    /**
     * Records what ingest classification found on a dataset's new schema, in one transaction: each
     * finding becomes the field's INGEST classification and, unless another source already holds
     * that type on the field, an open review item; INGEST classifications of fields the schema lost
     * are removed; when the dataset holds personal data (before or after) and its schema changed, a
     * SCHEMA_CHANGE review item opens with the change and the datasets it feeds. Last, the version
     * is marked classified, so a crash before the commit classifies it again.
     *
     * @param schema what {@link #ingestSchema} returned
     * @param findings the findings on the new or changed fields
     * @param sensitivityOf a type's sensitivity by the taxonomy in force
     */
    public void recordIngest(IngestSchema schema, List<Finding> findings, String detectorVersion, String policyVersion,
            Function<String, String> sensitivityOf) {
        findings.forEach(finding -> requireType(finding.type()));
        Instant now = clock.instant();
        UUID datasetId = schema.datasetId();
        boolean changed = jdbi.inTransaction(handle -> {
            ClassificationDao dao = handle.attach(ClassificationDao.class);
            ReviewDao reviews = handle.attach(ReviewDao.class);
            List<ClassificationRow> rows = dao.forDatasets(List.of(datasetId));
            List<Classification> before = Classifications.fold(rows, false);
            Set<String> held = new HashSet<>();
            Set<String> decided = new HashSet<>();
            for (ClassificationRow row : rows) {
                String key = row.fieldName() + "\u0000" + row.classification();
                if (!ClassificationSource.INGEST.name().equals(row.source())) {
                    held.add(key);
                }
                if (ClassificationSource.STEWARD.name().equals(row.source())) {
                    decided.add(key);
                }
            }
            Set<String> openItems = new HashSet<>();
            reviews.openClassificationItems(datasetId)
                    .forEach(item -> openItems.add(item.fieldName() + "\u0000" + item.classification()));
            boolean any = false;
            for (Finding finding : findings) {
                String key = finding.field() + "\u0000" + finding.type();
                if (decided.contains(key)) {
                    continue;
                }
                upsert(dao, new ClassificationRow(rowId(datasetId, finding.field(), finding.type(),
                        ClassificationSource.INGEST), datasetId, finding.field(), finding.type(),
                        ClassificationSource.INGEST.name(), finding.confidence(),
                        truncate(finding.explanation(), MAX_EXPLANATION_LENGTH), detectorVersion, 0, 0, null, now,
                        null, null, null, null, null, policyVersion, now));
                any = true;
                if (!held.contains(key) && openItems.add(key)) {
                    reviews.insertItem(UUID.randomUUID(), datasetId, ReviewKind.NEW_CLASSIFICATION.name(),
                            finding.field(), finding.type(), sensitivityOf.apply(finding.type()),
                            ReviewDetails.newClassification(finding, detectorVersion), now);
                }
            }
            Set<String> fields = new HashSet<>();
            schema.current().forEach(f -> fields.add(f.name()));
            for (ClassificationRow row : rows) {
                if (ClassificationSource.INGEST.name().equals(row.source()) && !fields.contains(row.fieldName())) {
                    dao.delete(row.id());
                    any = true;
                }
            }
            if (schema.classified() != null) {
                SchemaChange change = SchemaChange.between(schema.classified(), schema.current());
                Set<String> types = new HashSet<>();
                before.forEach(c -> types.add(c.type()));
                findings.forEach(f -> types.add(f.type()));
                if (!change.isEmpty() && !types.isEmpty()) {
                    String sensitivity = types.stream().map(sensitivityOf).max(ReviewQueue.SENSITIVITY_ORDER)
                            .orElseThrow();
                    reviews.insertItem(UUID.randomUUID(), datasetId, ReviewKind.SCHEMA_CHANGE.name(), null, null,
                            sensitivity, ReviewDetails.schemaChange(change, types, reviews.feeds(datasetId)), now);
                }
            }
            if (reviews.updateClassified(datasetId, schema.versionId(), now) == 0) {
                reviews.insertClassified(datasetId, schema.versionId(), now);
            }
            return any;
        });
        if (changed) {
            notifyChanged(Set.of(datasetId));
        }
    }

    /**
     * Makes the dataset's classifications of source {@link ClassificationSource#ATLAS} exactly
     * {@code imported}: inserts what is new, updates what changed, deletes what Atlas no longer
     * holds, in one transaction. Rows are kept whatever a steward decided, so that a disagreement
     * stays visible; the steward's decision is what counts (see {@link Classifications}). A field
     * not in the dataset's current schema is skipped.
     *
     * @return how many of {@code imported} were recorded (new, changed or unchanged)
     */
    public int replaceImported(UUID datasetId, Collection<ImportedClassification> imported) {
        requireNonNull(datasetId, "datasetId is null");
        imported.forEach(c -> requireType(c.type()));
        Instant now = clock.instant();
        int[] recorded = {0};
        boolean changed = jdbi.inTransaction(handle -> {
            ClassificationDao dao = handle.attach(ClassificationDao.class);
            Set<String> fields = new HashSet<>(dao.currentFields(datasetId));
            Map<UUID, ClassificationRow> existing = new HashMap<>();
            for (ClassificationRow row : dao.forDatasets(List.of(datasetId))) {
                if (ClassificationSource.ATLAS.name().equals(row.source())) {
                    existing.put(row.id(), row);
                }
            }
            boolean any = false;
            Set<UUID> keep = new HashSet<>();
            for (ImportedClassification c : imported) {
                if (!fields.contains(c.field())) {
                    continue;
                }
                UUID id = rowId(datasetId, c.field(), c.type(), ClassificationSource.ATLAS);
                if (!keep.add(id)) {
                    continue;
                }
                recorded[0]++;
                ClassificationRow row = new ClassificationRow(id, datasetId, c.field(), c.type(),
                        ClassificationSource.ATLAS.name(), null, truncate(c.explanation(), MAX_EXPLANATION_LENGTH),
                        null, null, null, null, null, null, null, null, null, null, null, now);
                ClassificationRow old = existing.get(id);
                if (old == null) {
                    dao.insert(row);
                    any = true;
                } else if (!Objects.equals(old.explanation(), row.explanation())) {
                    dao.update(row);
                    any = true;
                }
            }
            for (ClassificationRow old : existing.values()) {
                if (!keep.contains(old.id())) {
                    dao.delete(old.id());
                    any = true;
                }
            }
            return any;
        });
        if (changed) {
            notifyChanged(Set.of(datasetId));
        }
        return recorded[0];
    }

    /**
     * The scanner's, stewards' and Atlas's classifications of every field (not the propagated ones),
     * rejected included: what propagation starts from.
     */
    public Map<FieldRef, List<Classification>> directClassifications() {
        List<ClassificationRow> rows = jdbi.withExtension(ClassificationDao.class, ClassificationDao::direct);
        Map<UUID, List<ClassificationRow>> byDataset = new HashMap<>();
        rows.forEach(row -> byDataset.computeIfAbsent(row.datasetId(), k -> new ArrayList<>()).add(row));
        Map<UUID, DatasetRef> names = datasets(byDataset.keySet());
        Map<FieldRef, List<Classification>> out = new HashMap<>();
        byDataset.forEach((datasetId, list) -> {
            DatasetRef dataset = names.get(datasetId);
            if (dataset == null) {
                return; // nothing deletes datasets today; a row without one has nothing to name
            }
            for (Classification c : Classifications.fold(list, true)) {
                out.computeIfAbsent(new FieldRef(dataset.namespace(), dataset.name(), c.field()),
                        k -> new ArrayList<>()).add(c);
            }
        });
        return out;
    }

    /** Every field-to-field column lineage edge in force ({@link Provenance#EDGE_IN_FORCE}). */
    public List<LineageEdge> columnEdges() {
        return jdbi.withExtension(ClassificationDao.class, ClassificationDao::columnEdges).stream()
                .map(row -> new LineageEdge(new FieldRef(row.inputNamespace(), row.inputDataset(), row.inputField()),
                        new FieldRef(row.outputNamespace(), row.outputDataset(), row.outputField()),
                        row.transformationType(), row.transformationSubtype()))
                .toList();
    }

    /** Whether any field has a classification of any source (else propagation has nothing to do). */
    public boolean hasClassifications() {
        return jdbi.withExtension(ClassificationDao.class, ClassificationDao::anyClassification) > 0;
    }

    /** Whether any of the datasets is the output of column lineage. */
    public boolean hasColumnLineage(Collection<UUID> datasetIds) {
        if (datasetIds.isEmpty()) {
            return false;
        }
        List<UUID> all = List.copyOf(datasetIds);
        for (int from = 0; from < all.size(); from += 1000) {
            List<UUID> page = all.subList(from, Math.min(all.size(), from + 1000));
            if (jdbi.withExtension(ClassificationDao.class, dao -> dao.lineageOriginsOf(page)) > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Makes the stored propagated classifications exactly {@code wanted}: inserts what is new,
     * updates what changed, deletes what lineage no longer carries, in one transaction.
     *
     * @return the datasets whose propagated classifications changed
     */
    public Set<UUID> replacePropagated(Collection<Propagated> wanted) {
        return replacePropagated(() -> wanted);
    }

    /**
     * As {@link #replacePropagated(Collection)}, with {@code wanted} computed once this store's
     * propagation lock is held: one recomputation at a time, in this process and across replicas
     * of one store, each reading what the one before committed.
     */
    public synchronized Set<UUID> replacePropagated(Supplier<? extends Collection<Propagated>> compute) {
        Instant now = clock.instant();
        Set<UUID> changed = jdbi.inTransaction(handle -> {
            ClassificationDao dao = handle.attach(ClassificationDao.class);
            dao.takePropagationLock();
            Collection<Propagated> wanted = compute.get();
            Map<UUID, ClassificationRow> existing = new HashMap<>();
            dao.propagated().forEach(row -> existing.put(row.id(), row));
            Set<UUID> touched = new HashSet<>();
            Set<UUID> keep = new HashSet<>();
            Map<List<String>, UUID> datasetIds = datasetIds(dao, wanted.stream().map(Propagated::field).toList());
            for (Propagated p : wanted) {
                UUID datasetId = datasetIds.get(List.of(p.field().namespace(), p.field().dataset()));
                if (datasetId == null) {
                    continue; // lineage named a dataset that is gone; nothing to write on
                }
                UUID id = rowId(datasetId, p.field().field(), p.type(), ClassificationSource.PROPAGATED);
                if (!keep.add(id)) {
                    continue;
                }
                PathStep origin = p.path().get(0);
                PathStep last = p.path().get(p.path().size() - 1);
                ClassificationRow row = new ClassificationRow(id, datasetId, p.field().field(), p.type(),
                        ClassificationSource.PROPAGATED.name(), p.confidence(),
                        truncate("carried from " + origin.namespace() + "/" + origin.dataset() + "." + origin.field()
                                + " over " + (p.path().size() - 1) + " lineage edge(s), the last "
                                + last.transformation(), MAX_EXPLANATION_LENGTH),
                        p.detectorVersion(), null, null, null, null, null, null, null, null,
                        Classifications.pathJson(p.path()), p.policyVersion(), now);
                ClassificationRow old = existing.get(id);
                if (old == null) {
                    dao.insert(row);
                    touched.add(row.datasetId());
                } else if (!sameContent(old, row)) {
                    dao.update(row);
                    touched.add(row.datasetId());
                }
            }
            for (ClassificationRow old : existing.values()) {
                if (!keep.contains(old.id())) {
                    dao.delete(old.id());
                    touched.add(old.datasetId());
                }
            }
            return touched;
        });
        if (!changed.isEmpty()) {
            notifyChanged(changed);
        }
        return changed;
    }

    /** The ids of the fields' datasets, keyed by [namespace, name]; one query per namespace and 1,000 names. */
    private static Map<List<String>, UUID> datasetIds(ClassificationDao dao, Collection<FieldRef> fields) {
        Map<String, Set<String>> names = new HashMap<>();
        fields.forEach(f -> names.computeIfAbsent(f.namespace(), k -> new HashSet<>()).add(f.dataset()));
        Map<List<String>, UUID> ids = new HashMap<>();
        names.forEach((namespace, set) -> {
            List<String> all = List.copyOf(set);
            for (int from = 0; from < all.size(); from += 1000) {
                dao.datasetsNamed(namespace, all.subList(from, Math.min(all.size(), from + 1000)))
                        .forEach(key -> ids.put(List.of(key.namespace(), key.name()), key.id()));
            }
        });
        return ids;
    }

    private static boolean sameContent(ClassificationRow a, ClassificationRow b) {
        return Objects.equals(a.confidence(), b.confidence()) && Objects.equals(a.explanation(), b.explanation())
                && Objects.equals(a.detectorVersion(), b.detectorVersion()) && Objects.equals(a.path(), b.path())
                && Objects.equals(a.policyVersion(), b.policyVersion());
    }

    private static void upsert(ClassificationDao dao, ClassificationRow row) {
        if (dao.update(row) == 0) {
            dao.insert(row);
        }
    }

    void notifyChanged(Set<UUID> datasets) {
        for (Consumer<Set<UUID>> listener : listeners) {
            try {
                listener.accept(datasets);
            } catch (RuntimeException e) {
                log.warn("a classification listener failed: {}", Failures.describe(e));
            }
        }
    }

    private static void requireType(String type) {
        if (type == null || !TYPE_NAME.matcher(type).matches()) {
            throw new IllegalArgumentException("a classification type is upper-case letters, digits and _ (at most 64)");
        }
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    static UUID rowId(UUID datasetId, String field, String type, ClassificationSource source) {
        String key = "field_classification\u0000" + datasetId + "\u0000" + field + "\u0000" + type + "\u0000" + source;
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }
}
