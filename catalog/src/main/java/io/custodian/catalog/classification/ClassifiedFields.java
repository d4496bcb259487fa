package io.custodian.catalog.classification;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.field.FieldRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Every field classified as one of a set of types, with only the classifications in force: the
 * rows of every source are folded as everywhere else ({@link Classifications}), so a steward's
 * rejection hides the type on that field whatever the scanner or lineage say.
 */
public final class ClassifiedFields {
    private static final Comparator<ClassifiedField> ORDER = Comparator.comparing(ClassifiedField::field)
            .thenComparing(c -> c.classification().type());
    private final ClassificationStore store;
    private final Jdbi jdbi;

    public ClassifiedFields(Jdbi jdbi, ClassificationStore store) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.store = requireNonNull(store, "store is null");
    }

    /**
     * The fields classified as any of {@code types}, in every namespace or in {@code namespace}
     * only; ordered by namespace, dataset, field and type.
     */
    public List<ClassifiedField> classifiedAs(Set<String> types, Optional<String> namespace) {
        requireNonNull(types, "types is null");
        requireNonNull(namespace, "namespace is null");
        for (String type : types) {
            if (type == null || !ClassificationStore.TYPE_NAME.matcher(type).matches()) {
                throw new IllegalArgumentException("a classification type is upper-case letters, digits and _ "
                        + "(at most 64), got " + (type == null ? "null" : "\"" + abbreviate(type) + "\""));
            }
        }
        if (types.isEmpty()) {
            return List.of();
        }
        List<String> typeList = List.copyOf(new TreeSet<>(types));
        List<ClassificationRow> rows = new ArrayList<>();
        for (int from = 0; from < typeList.size(); from += 1000) {
            List<String> chunk = typeList.subList(from, Math.min(typeList.size(), from + 1000));
            rows.addAll(jdbi.withExtension(ClassificationDao.class, dao -> namespace.isPresent()
                    ? dao.ofTypesIn(chunk, namespace.get())
                    : dao.ofTypes(chunk)));
        }
        Map<UUID, List<ClassificationRow>> byDataset = new HashMap<>();
        rows.forEach(row -> byDataset.computeIfAbsent(row.datasetId(), k -> new ArrayList<>()).add(row));
        Map<UUID, DatasetRef> datasets = store.datasets(byDataset.keySet());
        List<ClassifiedField> out = new ArrayList<>();
        byDataset.forEach((id, list) -> {
            DatasetRef dataset = datasets.get(id);
            if (dataset == null) {
                return; // nothing deletes datasets today; a row without one has nothing to name
            }
            for (Classification c : Classifications.fold(list, false)) {
                out.add(new ClassifiedField(new FieldRef(dataset.namespace(), dataset.name(), c.field()), c));
            }
        });
        out.sort(ORDER);
        return List.copyOf(out);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
