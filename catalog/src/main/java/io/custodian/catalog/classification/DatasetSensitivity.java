package io.custodian.catalog.classification;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A dataset's sensitivity: the highest of its fields' active classifications. A dataset without a
 * schema (a Kafka topic fed by CDC, a file) and without column lineage into it inherits the highest
 * sensitivity of its inputs along dataset-level lineage (the jobs that write it and what they
 * read), walking further up through inputs that have no schema either.
 */
public final class DatasetSensitivity {
    /** How far an inheritance walk goes, in datasets visited. */
    public static final int MAX_VISITED = 1000;
    private final Jdbi jdbi;

    /** How the sensitivity was decided. */
    public enum Basis {
        /** From the dataset's own fields. */
        FIELDS,
        /** No schema and no column lineage: from its inputs along dataset-level lineage. */
        INHERITED
    }

    /**
     * @param sensitivity the highest sensitivity, or null when no personal data is known
     * @param types the classification types that decided it
     * @param inheritedFrom for INHERITED, the datasets (with a schema) whose fields decided it
     */
    public record Result(String namespace, String dataset, String sensitivity, Basis basis, List<String> types,
            List<DatasetRef> inheritedFrom) {
        public Result {
            types = List.copyOf(types);
            inheritedFrom = List.copyOf(inheritedFrom);
        }
    }

    public DatasetSensitivity(Jdbi jdbi) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    /** The dataset's sensitivity; empty when there is no such dataset. */
    public Optional<Result> of(String namespace, String name, Function<String, String> sensitivityOf) {
        return jdbi.inTransaction(handle -> {
            Optional<ClassificationDao.DatasetKey> key = handle.attach(ClassificationDao.class).dataset(namespace, name);
            if (key.isEmpty()) {
                return Optional.empty();
            }
            UUID id = key.get().id();
            ReviewDao reviews = handle.attach(ReviewDao.class);
            if (reviews.currentFieldCount(id) > 0
                    || handle.attach(ClassificationDao.class).lineageOriginsOf(List.of(id)) > 0) {
                Set<String> types = types(handle, id);
                return Optional.of(new Result(namespace, name, highest(types, sensitivityOf), Basis.FIELDS,
                        List.copyOf(types), List.of()));
            }
            Set<String> types = new TreeSet<>();
            List<UUID> decidedBy = new ArrayList<>();
            Set<UUID> seen = new HashSet<>(Set.of(id));
            Deque<UUID> queue = new ArrayDeque<>(reviews.inputsOf(id));
            while (!queue.isEmpty() && seen.size() < MAX_VISITED) {
                UUID input = queue.poll();
                if (!seen.add(input)) {
                    continue;
                }
                if (reviews.currentFieldCount(input) > 0) {
                    Set<String> found = types(handle, input);
                    if (!found.isEmpty()) {
                        types.addAll(found);
                        decidedBy.add(input);
                    }
                } else {
                    queue.addAll(reviews.inputsOf(input));
                }
            }
            List<DatasetRef> refs = new ArrayList<>();
            if (!decidedBy.isEmpty()) {
                handle.attach(ClassificationDao.class).datasets(decidedBy).forEach(
                        k -> refs.add(new DatasetRef(k.id(), k.namespace(), k.name())));
            }
            refs.sort(java.util.Comparator.comparing(DatasetRef::namespace).thenComparing(DatasetRef::name));
            return Optional.of(new Result(namespace, name, highest(types, sensitivityOf), Basis.INHERITED,
                    List.copyOf(types), refs));
        });
    }

    private static Set<String> types(Handle handle, UUID datasetId) {
        Set<String> types = new TreeSet<>();
        Classifications.forDatasets(handle, List.of(datasetId), false).getOrDefault(datasetId, List.of())
                .forEach(c -> types.add(c.type()));
        return types;
    }

    private static String highest(Set<String> types, Function<String, String> sensitivityOf) {
        return types.stream().map(sensitivityOf).max(ReviewQueue.SENSITIVITY_ORDER).orElse(null);
    }
}
