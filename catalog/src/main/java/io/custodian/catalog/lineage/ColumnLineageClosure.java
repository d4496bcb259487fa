package io.custodian.catalog.lineage;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.field.FieldRef;
import io.custodian.catalog.lineage.ClosureBudgetExceededException.Limit;
import io.custodian.catalog.lineage.LineageDao.FieldRow;
import io.custodian.catalog.lineage.LineageDao.NamedRow;
import io.custodian.lineage.graph.Direction;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The column lineage closure of a set of fields: every field reachable from them downstream,
 * upstream or both, through the column edges in force (a producer's lineage of an output dataset
 * over lineage derived from SQL, {@link Provenance#EDGE_IN_FORCE}), each with the edges that
 * reached it and a shortest path from a start field.
 *
 * <p>Complete or nothing: the walk ends when no new field is reached, and a walk that would visit
 * more fields than its {@link ClosureBudget} allows, or outlast its time limit, throws
 * {@link ClosureBudgetExceededException}. Breadth-first by level, one set-based read of the store
 * per level and direction (IN lists of at most 1,000), all in one repeatable-read transaction so
 * the closure is of one state of the store. Each field is expanded once per direction, so cycles
 * end.
 */
public final class ColumnLineageClosure {
    private final Jdbi jdbi;
    private final Clock clock;

    public ColumnLineageClosure(Jdbi jdbi, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * The closure of {@code starts} in {@code direction}.
     *
     * @throws UnknownFieldsException when a start field is not in the catalog
     * @throws ClosureBudgetExceededException when the closure does not fit {@code budget}
     */
    public Closure closure(Collection<FieldRef> starts, Direction direction, ClosureBudget budget) {
        requireNonNull(starts, "starts is null");
        requireNonNull(direction, "direction is null");
        requireNonNull(budget, "budget is null");
        List<FieldRef> startList = List.copyOf(new LinkedHashSet<>(starts));
        Instant deadline = budget.timeLimit().map(clock.instant()::plus).orElse(null);
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
            LineageDao dao = handle.attach(LineageDao.class);
            Names names = new Names(dao);
            Map<FieldNode, FieldRef> startNodes = resolve(dao, names, startList);
            Walk walk = new Walk(new ColumnEdgeSource(dao), budget.maxFields(), clock, deadline);
            walk.run(startNodes.keySet(), direction);
            return names.closure(startList, direction, walk);
        });
    }

    /** The start fields as store keys; throws when any is unknown. */
    private static Map<FieldNode, FieldRef> resolve(LineageDao dao, Names names, List<FieldRef> starts) {
        Map<String, Set<String>> datasetsByNamespace = new LinkedHashMap<>();
        starts.forEach(f -> datasetsByNamespace.computeIfAbsent(f.namespace(), k -> new LinkedHashSet<>())
                .add(f.dataset()));
        Map<List<String>, UUID> datasetIds = new HashMap<>();
        datasetsByNamespace.forEach((namespace, datasets) -> Chunks.query(datasets, chunk -> dao.datasets(namespace,
                chunk)).forEach(row -> {
                    datasetIds.put(List.of(row.namespace(), row.name()), row.id());
                    names.datasets.put(row.id(), row);
                }));
        Map<FieldNode, FieldRef> nodes = new LinkedHashMap<>();
        List<FieldRef> unknown = new ArrayList<>();
        for (FieldRef start : starts) {
            UUID id = datasetIds.get(List.of(start.namespace(), start.dataset()));
            if (id == null) {
                unknown.add(start);
            } else {
                nodes.put(new FieldNode(id, start.field()), start);
            }
        }
        // A field is known when the current schema has it, or column lineage names it.
        Set<FieldNode> known = new HashSet<>();
        Set<UUID> ids = new LinkedHashSet<>();
        nodes.keySet().forEach(n -> ids.add(n.datasetId()));
        for (FieldRow row : Chunks.query(ids, dao::currentFields)) {
            known.add(new FieldNode(row.datasetId(), row.name()));
        }
        Set<FieldNode> unseen = new LinkedHashSet<>(nodes.keySet());
        unseen.removeAll(known);
        if (!unseen.isEmpty()) {
            ColumnEdgeSource edges = new ColumnEdgeSource(dao);
            edges.edgesInto(unseen).forEach(e -> known.add(e.destination()));
            edges.edgesOutOf(unseen).forEach(e -> known.add(e.origin()));
        }
        nodes.forEach((node, ref) -> {
            if (!known.contains(node)) {
                unknown.add(ref);
            }
        });
        if (!unknown.isEmpty()) {
            throw new UnknownFieldsException(unknown);
        }
        return nodes;
    }

    /** How a field was first reached in one direction: its distance, the edges, and one parent to walk back by. */
    private static final class Reach {
        final int distance;
        final List<ColumnEdge> edges = new ArrayList<>();
        final FieldNode parent;
        final ColumnEdge parentEdge;

        Reach(int distance, FieldNode parent, ColumnEdge parentEdge) {
            this.distance = distance;
            this.parent = parent;
            this.parentEdge = parentEdge;
        }
    }

    /** The breadth-first walk: one map of reached fields per direction, one count of distinct fields. */
    private static final class Walk {
        final ColumnEdgeSource source;
        final int maxFields;
        final Instant deadline;
        final Map<FieldNode, Reach> down = new LinkedHashMap<>();
        final Map<FieldNode, Reach> up = new LinkedHashMap<>();
        final Set<FieldNode> visited = new HashSet<>();
        final Clock clock;

        Walk(ColumnEdgeSource source, int maxFields, Clock clock, Instant deadline) {
            this.source = source;
            this.clock = clock;
            this.maxFields = maxFields;
            this.deadline = deadline;
        }

        void run(Set<FieldNode> starts, Direction direction) {
            for (FieldNode start : starts) {
                visit(start, 0);
                down.put(start, new Reach(0, null, null));
                up.put(start, new Reach(0, null, null));
            }
            Set<FieldNode> downFrontier = direction == Direction.UPSTREAM ? Set.of() : new LinkedHashSet<>(starts);
            Set<FieldNode> upFrontier = direction == Direction.DOWNSTREAM ? Set.of() : new LinkedHashSet<>(starts);
            for (int distance = 0; !(downFrontier.isEmpty() && upFrontier.isEmpty()); distance++) {
                Set<FieldNode> nextDown = new LinkedHashSet<>();
                if (!downFrontier.isEmpty()) {
                    checkTime(distance);
                    for (ColumnEdge edge : source.edgesOutOf(downFrontier)) {
                        if (downFrontier.contains(edge.origin())) {
                            step(down, edge, edge.origin(), edge.destination(), distance + 1, nextDown);
                        }
                    }
                }
                Set<FieldNode> nextUp = new LinkedHashSet<>();
                if (!upFrontier.isEmpty()) {
                    checkTime(distance);
                    for (ColumnEdge edge : source.edgesInto(upFrontier)) {
                        if (upFrontier.contains(edge.destination())) {
                            step(up, edge, edge.destination(), edge.origin(), distance + 1, nextUp);
                        }
                    }
                }
                downFrontier = nextDown;
                upFrontier = nextUp;
            }
        }

        /** Takes {@code edge} from {@code near} to {@code far}: a new field, or one more edge into a field of this level. */
        private void step(Map<FieldNode, Reach> reached, ColumnEdge edge, FieldNode near, FieldNode far, int distance,
                Set<FieldNode> next) {
            Reach known = reached.get(far);
            if (known == null) {
                visit(far, distance);
                Reach reach = new Reach(distance, near, edge);
                reach.edges.add(edge);
                reached.put(far, reach);
                next.add(far);
            } else if (known.distance == distance && !known.edges.contains(edge)) {
                known.edges.add(edge);
            }
        }

        private void visit(FieldNode field, int distance) {
            if (visited.add(field) && visited.size() > maxFields) {
                throw new ClosureBudgetExceededException(Limit.FIELDS, visited.size(), distance,
                        "the lineage closure reaches more than " + maxFields + " fields (" + visited.size()
                                + " reached within " + distance + " edge(s) of the start fields)");
            }
        }

        private void checkTime(int distance) {
            if (deadline != null && !clock.instant().isBefore(deadline)) {
                throw new ClosureBudgetExceededException(Limit.TIME, visited.size(), distance,
                        "the lineage closure ran out of time after reaching " + visited.size() + " fields within "
                                + distance + " edge(s) of the start fields");
            }
        }
    }

    /** Dataset and job names, read once per closure for every id the walk met. */
    private static final class Names {
        final LineageDao dao;
        final Map<UUID, NamedRow> datasets = new HashMap<>();
        final Map<UUID, Closure.Job> jobs = new HashMap<>();

        Names(LineageDao dao) {
            this.dao = dao;
        }

        Closure closure(List<FieldRef> starts, Direction direction, Walk walk) {
            Set<UUID> datasetIds = new HashSet<>();
            Set<UUID> jobIds = new HashSet<>();
            for (Map<FieldNode, Reach> reached : List.of(walk.down, walk.up)) {
                reached.forEach((node, reach) -> {
                    datasetIds.add(node.datasetId());
                    reach.edges.forEach(e -> {
                        datasetIds.add(e.origin().datasetId());
                        datasetIds.add(e.destination().datasetId());
                        if (e.jobId() != null) {
                            jobIds.add(e.jobId());
                        }
                    });
                });
            }
            datasetIds.removeAll(datasets.keySet());
            Chunks.query(datasetIds, dao::datasetsById).forEach(row -> datasets.put(row.id(), row));
            Chunks.query(jobIds, dao::jobsById)
                    .forEach(row -> jobs.put(row.id(), new Closure.Job(row.namespace(), row.name())));
            Map<ColumnEdge, Closure.Edge> edges = new HashMap<>();
            List<Closure.Reached> fields = new ArrayList<>();
            // Nearest first; for BOTH, downstream before upstream at equal distance.
            List<Closure.Reached> downstream = reached(walk.down, Direction.DOWNSTREAM, edges);
            List<Closure.Reached> upstream = reached(walk.up, Direction.UPSTREAM, edges);
            if (direction != Direction.UPSTREAM) {
                fields.addAll(downstream);
            }
            if (direction != Direction.DOWNSTREAM) {
                fields.addAll(upstream);
            }
            fields.sort(java.util.Comparator.comparingInt(Closure.Reached::distance));
            return new Closure(starts, direction, fields);
        }

        private List<Closure.Reached> reached(Map<FieldNode, Reach> reached, Direction direction,
                Map<ColumnEdge, Closure.Edge> edges) {
            List<Closure.Reached> out = new ArrayList<>();
            reached.forEach((node, reach) -> {
                if (reach.distance == 0) {
                    return;
                }
                List<Closure.Edge> by = reach.edges.stream().map(e -> edges.computeIfAbsent(e, this::edge)).toList();
                List<Closure.Step> path = new ArrayList<>();
                for (FieldNode at = node; at != null; at = reached.get(at).parent) {
                    Reach r = reached.get(at);
                    path.add(new Closure.Step(ref(at),
                            r.parentEdge == null ? null : edges.computeIfAbsent(r.parentEdge, this::edge)));
                }
                java.util.Collections.reverse(path);
                out.add(new Closure.Reached(ref(node), direction, reach.distance, by, path));
            });
            return out;
        }

        private Closure.Edge edge(ColumnEdge e) {
            return new Closure.Edge(ref(e.origin()), ref(e.destination()), e.transformationType(),
                    e.transformationSubtype(), e.description(), e.masking(), e.provenance(),
                    e.jobId() == null ? null : jobs.get(e.jobId()));
        }

        private FieldRef ref(FieldNode node) {
            NamedRow dataset = datasets.get(node.datasetId());
            return new FieldRef(dataset.namespace(), dataset.name(), node.field());
        }
    }
}
