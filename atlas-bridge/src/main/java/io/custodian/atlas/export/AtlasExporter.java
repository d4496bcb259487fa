package io.custodian.atlas.export;

import static java.util.Objects.requireNonNull;

import io.custodian.atlas.AtlasSettings;
import io.custodian.atlas.ClassificationTypes;
import io.custodian.atlas.NamespaceMapping;
import io.custodian.atlas.PushedClassifications;
import io.custodian.atlas.client.AtlasConnection;
import io.custodian.catalog.classification.Classification;
import io.custodian.catalog.classification.ClassificationSource;
import io.custodian.catalog.classification.ClassifiedField;
import io.custodian.catalog.classification.ClassifiedFields;
import io.custodian.policy.Sensitivity;
import io.custodian.policy.Taxonomy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.atlas.model.discovery.SearchParameters;
import org.apache.atlas.model.instance.AtlasClassification;
import org.apache.atlas.model.instance.AtlasEntity;
import org.apache.atlas.model.instance.AtlasEntity.AtlasEntityWithExtInfo;
import org.apache.atlas.model.instance.AtlasEntityHeader;

/**
 * Pushes Custodian's classifications to Atlas so that Ranger's tag-based policies can mask what
 * Custodian found. Per run:
 *
 * <ol>
 *   <li>the super-type and one classification type per taxonomy type exist ({@link ClassificationTypes});
 *   <li>for every dataset of a mapped namespace with classifications in force from Custodian's own
 *       sources (scanner, steward, propagation; not what was imported from Atlas), its table is
 *       found by qualified name, with its columns; each column gets exactly its field's types, and
 *       the table the union of its columns' types, each with the super-type itself beside them;
 *   <li>Custodian's classifications on entities of mapped namespaces that the catalog no longer
 *       classifies (found by a search for the super-type) are removed.
 * </ol>
 *
 * <p>Only Custodian's own classifications ({@link PushedClassifications#pushed}) are changed or
 * removed. Adds go in bulk, one request per type and attributes. A second run with nothing changed
 * in the catalog sends no write. An Atlas error ends the run; running it again resumes, since every
 * step compares with what Atlas holds.
 */
public final class AtlasExporter {
    private static final int MAX_LISTED = 20;
    private static final int BULK_GUIDS = 500;
    private final AtlasSettings settings;
    private final ClassifiedFields classified;
    private final Supplier<Taxonomy> taxonomy;

    public AtlasExporter(AtlasSettings settings, ClassifiedFields classified, Supplier<Taxonomy> taxonomy) {
        this.settings = requireNonNull(settings, "settings is null");
        this.classified = requireNonNull(classified, "classified is null");
        this.taxonomy = requireNonNull(taxonomy, "taxonomy is null");
    }

    public ExportReport export(AtlasConnection atlas) {
        Taxonomy types = taxonomy.get();
        Run run = new Run(atlas, types);
        ClassificationTypes.Outcome outcome = ClassificationTypes.ensure(atlas, settings.superType(), types);
        run.warnings.addAll(outcome.warnings());
        for (NamespaceMapping mapping : settings.namespaces()) {
            Map<String, Map<String, Map<String, String>>> datasets = wanted(mapping, types);
            for (Map.Entry<String, Map<String, Map<String, String>>> dataset : datasets.entrySet()) {
                run.table(mapping, dataset.getKey(), dataset.getValue());
            }
        }
        run.flushAdds();
        run.sweep();
        return new ExportReport(outcome.created(), outcome.updated(), run.tablesMatched, run.tablesMissing,
                run.columnsMissing, run.added, run.updated, run.removed, run.unchanged, run.leftToAtlas, run.missing,
                run.warnings);
    }

    /** Per dataset (sorted), per field, per type: the source Custodian pushes it with. */
    private Map<String, Map<String, Map<String, String>>> wanted(NamespaceMapping mapping, Taxonomy types) {
        Map<String, Map<String, Map<String, String>>> datasets = new TreeMap<>();
        for (ClassifiedField field : classified.classifiedAs(types.names(), Optional.of(mapping.namespace()))) {
            Classification c = field.classification();
            if (c.source() == ClassificationSource.ATLAS || !c.active()) {
                continue; // what Atlas said comes from Atlas; pushing it back would keep it alive forever
            }
            datasets.computeIfAbsent(field.field().dataset(), k -> new TreeMap<>())
                    .computeIfAbsent(field.field().field(), k -> new TreeMap<>())
                    .put(c.type(), c.source().name());
        }
        return datasets;
    }

    /** One run's state and counts. */
    private final class Run {
        private final AtlasConnection atlas;
        private final Taxonomy types;
        private final Set<String> visited = new HashSet<>();
        private final Map<AtlasClassification, List<String>> adds = new LinkedHashMap<>();
        private final List<String> missing = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private int tablesMatched;
        private int tablesMissing;
        private int columnsMissing;
        private int added;
        private int updated;
        private int removed;
        private int unchanged;
        private int leftToAtlas;

        Run(AtlasConnection atlas, Taxonomy types) {
            this.atlas = atlas;
            this.types = types;
        }

        void table(NamespaceMapping mapping, String dataset, Map<String, Map<String, String>> fields) {
            String tableType = mapping.model().tableType();
            String columnType = mapping.model().columnType();
            String tableName = mapping.tableQualifiedName(dataset);
            Optional<AtlasEntityWithExtInfo> found = atlas.entity(tableType, tableName);
            if (found.isEmpty() || found.get().getEntity() == null) {
                tablesMissing++;
                note(tableName);
                return;
            }
            tablesMatched++;
            AtlasEntity table = found.get().getEntity();
            visited.add(key(tableType, tableName));
            Map<String, AtlasEntity> columns = new TreeMap<>();
            Map<String, AtlasEntity> referred = found.get().getReferredEntities();
            if (referred != null) {
                for (AtlasEntity entity : referred.values()) {
                    Object name = entity.getAttribute("qualifiedName");
                    if (columnType.equals(entity.getTypeName()) && name != null
                            && entity.getStatus() != AtlasEntity.Status.DELETED) {
                        columns.put(name.toString(), entity);
                    }
                }
            }
            Map<String, AtlasClassification> tableWanted = new TreeMap<>();
            Map<String, Map<String, AtlasClassification>> columnsWanted = new TreeMap<>();
            fields.forEach((field, typesOfField) -> {
                String columnName = mapping.columnQualifiedName(dataset, field);
                Map<String, AtlasClassification> wanted = new TreeMap<>();
                typesOfField.forEach((type, source) -> {
                    wanted.put(type, pushed(type, source));
                    tableWanted.put(type, pushed(type, PushedClassifications.FROM_COLUMNS));
                });
                wanted.put(settings.superType(), superType(typesOfField.keySet(), PushedClassifications.FROM_TYPES));
                columnsWanted.put(columnName, wanted);
                if (!columns.containsKey(columnName)) {
                    columnsMissing++;
                    note(columnName);
                }
            });
            if (!tableWanted.isEmpty()) {
                tableWanted.put(settings.superType(), superType(tableWanted.keySet(), PushedClassifications.FROM_COLUMNS));
            }
            reconcile(tableType, tableName, table, tableWanted);
            columns.forEach((name, column) -> {
                visited.add(key(columnType, name));
                reconcile(columnType, name, column, columnsWanted.getOrDefault(name, Map.of()));
            });
        }

        private AtlasClassification pushed(String type, String source) {
            return PushedClassifications.of(type, types.type(type).sensitivity().name(), source);
        }

        /**
         * The super-type itself, on every entity that carries one of its types, with the highest of
         * their sensitivities: one Ranger policy on it covers every type, whatever Ranger makes of
         * Atlas's type hierarchy.
         */
        private AtlasClassification superType(java.util.Collection<String> typeNames, String source) {
            Sensitivity highest = Sensitivity.PUBLIC;
            for (String name : typeNames) {
                if (types.contains(name) && types.type(name).sensitivity().compareTo(highest) > 0) {
                    highest = types.type(name).sensitivity();
                }
            }
            return PushedClassifications.of(settings.superType(), highest.name(), source);
        }

        /** Makes Custodian's classifications on one entity exactly {@code wanted}. */
        private void reconcile(String type, String name, AtlasEntity entity, Map<String, AtlasClassification> wanted) {
            Map<String, AtlasClassification> present = new TreeMap<>();
            PushedClassifications.direct(entity).forEach(c -> present.put(c.getTypeName(), c));
            List<AtlasClassification> changed = new ArrayList<>();
            wanted.forEach((classification, want) -> {
                AtlasClassification has = present.get(classification);
                if (has == null) {
                    adds.computeIfAbsent(want, k -> new ArrayList<>()).add(entity.getGuid());
                } else if (!PushedClassifications.pushed(has)) {
                    leftToAtlas++;
                } else if (PushedClassifications.same(has, want)) {
                    unchanged++;
                } else {
                    changed.add(want);
                }
            });
            if (!changed.isEmpty()) {
                atlas.updateClassifications(type, name, changed);
                updated += changed.size();
            }
            present.forEach((classification, has) -> {
                if (!wanted.containsKey(classification) && PushedClassifications.pushed(has)) {
                    atlas.removeClassification(type, name, classification);
                    removed++;
                }
            });
        }

        void flushAdds() {
            adds.forEach((classification, guids) -> {
                for (int from = 0; from < guids.size(); from += BULK_GUIDS) {
                    List<String> chunk = guids.subList(from, Math.min(guids.size(), from + BULK_GUIDS));
                    atlas.addToEntities(classification, chunk);
                    added += chunk.size();
                }
            });
            adds.clear();
        }

        /** Removes Custodian's classifications from entities of mapped namespaces the catalog no longer classifies. */
        void sweep() {
            List<String[]> stale = new ArrayList<>();
            int pageSize = settings.pageSize();
            // Collected first and removed after: removing while paging would shift the later pages.
            for (int offset = 0; ; offset += pageSize) {
                SearchParameters search = new SearchParameters();
                search.setClassification(settings.superType());
                search.setIncludeSubClassifications(true);
                search.setIncludeClassificationAttributes(true);
                search.setExcludeDeletedEntities(true);
                search.setAttributes(Set.of("qualifiedName"));
                search.setSortBy("qualifiedName");
                search.setLimit(pageSize);
                search.setOffset(offset);
                List<AtlasEntityHeader> page = atlas.search(search);
                for (AtlasEntityHeader header : page) {
                    Object name = header.getAttribute("qualifiedName");
                    if (name == null || visited.contains(key(header.getTypeName(), name.toString()))
                            || !mapped(header.getTypeName(), name.toString())) {
                        continue;
                    }
                    for (AtlasClassification c : PushedClassifications.direct(header.getGuid(), header.getClassifications())) {
                        if (PushedClassifications.pushed(c)) {
                            stale.add(new String[] {header.getTypeName(), name.toString(), c.getTypeName()});
                        }
                    }
                }
                if (page.size() < pageSize) {
                    break;
                }
            }
            for (String[] s : stale) {
                atlas.removeClassification(s[0], s[1], s[2]);
                removed++;
            }
        }

        private boolean mapped(String entityType, String name) {
            for (NamespaceMapping mapping : settings.namespaces()) {
                if (mapping.model().tableType().equals(entityType) && mapping.datasetOf(name).isPresent()
                        || mapping.model().columnType().equals(entityType) && mapping.fitsColumn(name)) {
                    return true;
                }
            }
            return false;
        }

        private void note(String name) {
            if (missing.size() < MAX_LISTED) {
                missing.add(name);
            }
        }

        private static String key(String type, String name) {
            return type + "\u0000" + name;
        }
    }
}
