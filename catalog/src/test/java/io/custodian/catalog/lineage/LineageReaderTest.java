package io.custodian.catalog.lineage;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodian.catalog.lineage.LineageViews.Edge;
import io.custodian.catalog.lineage.LineageViews.FieldData;
import io.custodian.catalog.lineage.LineageViews.Graph;
import io.custodian.catalog.lineage.LineageViews.InputField;
import io.custodian.catalog.lineage.LineageViews.Node;
import io.custodian.catalog.read.Views.Dataset;
import io.custodian.catalog.read.Views.Job;
import io.custodian.catalog.testing.Events.DatasetBuilder;
import io.custodian.catalog.testing.Events.RunEventBuilder;
import io.custodian.catalog.testing.TestCatalog;
import io.custodian.catalog.testing.TestDatabase;
import io.custodian.lineage.graph.Direction;
import io.custodian.lineage.graph.TraversalLimits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Dataset- and column-level lineage read from a real store, on H2 and (when configured) PostgreSQL. */
class LineageReaderTest {
    private static final Instant T0 = Instant.parse("2025-04-01T00:00:00Z");
    private static final String PG = "postgres://db.example.com:5432";
    private static final TraversalLimits ALL = new TraversalLimits(Direction.BOTH, 20, 1_000);

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    /** A test store and the lineage reader under test. */
    private record Store(TestCatalog catalog, LineageReader lineage) implements AutoCloseable {
        static Store open(String kind) {
            TestCatalog catalog = TestCatalog.open(kind);
            return new Store(catalog, new LineageReader(catalog.jdbi(), catalog.reader()));
        }

        Store ingest(RunEventBuilder... events) {
            catalog.ingest(events);
            return this;
        }

        Graph lineage(String nodeId, Direction direction, int depth) {
            return lineage().lineage(nodeId, new TraversalLimits(direction, depth, 1_000)).orElseThrow();
        }

        Graph columns(String nodeId, Direction direction, int depth) {
            return lineage().columnLineage(nodeId, new TraversalLimits(direction, depth, 1_000)).orElseThrow();
        }

        UUID datasetId(String namespace, String name) {
            return catalog.jdbi().withHandle(h -> h.createQuery("""
                    SELECT d.id FROM dataset d JOIN namespace n ON n.id = d.namespace_id
                    WHERE n.name = :ns AND d.name = :name""")
                    .bind("ns", namespace).bind("name", name).mapTo(UUID.class).one());
        }

        /** Stores column lineage derived from SQL, as the SQL lineage extractor writes it. */
        void derived(String outputNamespace, String output, String outputField, String inputNamespace, String input,
                String inputField) {
            UUID outputId = datasetId(outputNamespace, output);
            UUID inputId = datasetId(inputNamespace, input);
            UUID originId = UUID.randomUUID();
            catalog.jdbi().useHandle(h -> {
                h.createUpdate("""
                        INSERT INTO column_lineage_origin (id, output_dataset_id, job_id, origin_key, provenance,
                                                           event_time, facet_hash)
                        VALUES (:id, :output, NULL, :key, 'DERIVED', :time, :hash)""")
                        .bind("id", originId).bind("output", outputId).bind("key", UUID.randomUUID())
                        .bind("time", T0).bind("hash", "d".repeat(64)).execute();
                h.createUpdate("""
                        INSERT INTO column_lineage_edge (origin_id, ordinal, output_field, input_dataset_id,
                                                         input_field, transformation_type, transformation_subtype)
                        VALUES (:origin, 0, :outputField, :input, :inputField, 'DIRECT', 'IDENTITY')""")
                        .bind("origin", originId).bind("outputField", outputField).bind("input", inputId)
                        .bind("inputField", inputField).execute();
            });
        }

        @Override
        public void close() {
            catalog.close();
        }
    }

    private static RunEventBuilder job(String name, DatasetBuilder input, DatasetBuilder output) {
        return run("COMPLETE", UUID.randomUUID(), T0).job("etl", name).input(input).output(output);
    }

    /** raw.users -> load_users -> staging.users -> publish_users -> gold.users, with column lineage. */
    private static RunEventBuilder[] pipeline() {
        return new RunEventBuilder[] {
            job("load_users", dataset(PG, "raw.users").schema("id:bigint", "email:text"),
                    dataset(PG, "staging.users").schema("user_id:bigint", "email:text")
                            .lineage("user_id", PG, "raw.users", "id", "IDENTITY")
                            .lineage("email", PG, "raw.users", "email", "DIRECT", "TRANSFORMATION",
                                    "lower(email)", false)
                            .datasetLineage(PG, "raw.users", "id", "FILTER")),
            job("publish_users", dataset(PG, "staging.users").schema("user_id:bigint", "email:text"),
                    dataset(PG, "gold.users").schema("user_id:bigint", "email_hash:text")
                            .lineage("user_id", PG, "staging.users", "user_id", "IDENTITY")
                            .lineage("email_hash", PG, "staging.users", "email", "DIRECT", "TRANSFORMATION",
                                    "sha256(email)", true))
        };
    }

    private static List<String> ids(Graph graph) {
        return graph.graph().stream().map(Node::id).toList();
    }

    private static Node node(Graph graph, String id) {
        return graph.graph().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow(
                () -> new AssertionError(id + " not in " + ids(graph)));
    }

    // -- dataset level ----------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("databases")
    void upstreamOfADatasetIsTheJobsThatWriteItAndWhatTheyRead(String kind) {
        try (Store store = Store.open(kind).ingest(pipeline())) {
            Graph graph = store.lineage("dataset:" + PG + ":gold.users", Direction.UPSTREAM, 20);

            assertThat(ids(graph)).containsExactly("dataset:" + PG + ":gold.users", "job:etl:publish_users",
                    "dataset:" + PG + ":staging.users", "job:etl:load_users", "dataset:" + PG + ":raw.users");
            Node gold = node(graph, "dataset:" + PG + ":gold.users");
            assertThat(gold.type()).isEqualTo("DATASET");
            assertThat(gold.inEdges()).containsExactly(new Edge("job:etl:publish_users", gold.id()));
            assertThat(gold.outEdges()).isEmpty();
            assertThat(((Dataset) gold.data()).fields()).extracting(f -> f.name())
                    .containsExactly("user_id", "email_hash");
            Node publish = node(graph, "job:etl:publish_users");
            assertThat(publish.type()).isEqualTo("JOB");
            assertThat(((Job) publish.data()).name()).isEqualTo("publish_users");
            assertThat(publish.inEdges()).containsExactly(new Edge("dataset:" + PG + ":staging.users", publish.id()));
            assertThat(publish.outEdges()).containsExactly(new Edge(publish.id(), gold.id()));
            assertThat(graph.truncated()).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void downstreamOfAJobAndBothWaysFromTheMiddle(String kind) {
        try (Store store = Store.open(kind).ingest(pipeline())) {
            Graph down = store.lineage("job:etl:load_users", Direction.DOWNSTREAM, 20);
            Graph both = store.lineage("dataset:" + PG + ":staging.users", Direction.BOTH, 20);
            Graph near = store.lineage("dataset:" + PG + ":staging.users", Direction.BOTH, 1);

            assertThat(ids(down)).containsExactly("job:etl:load_users", "dataset:" + PG + ":staging.users",
                    "job:etl:publish_users", "dataset:" + PG + ":gold.users");
            assertThat(ids(both)).hasSize(5).contains("dataset:" + PG + ":raw.users", "dataset:" + PG + ":gold.users");
            assertThat(ids(near)).containsExactlyInAnyOrder("dataset:" + PG + ":staging.users",
                    "job:etl:load_users", "job:etl:publish_users");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void onlyTheLatestVersionOfAJobConnectsDatasets(String kind) {
        try (Store store = Store.open(kind)) {
            store.ingest(job("move", dataset("ns", "src"), dataset("ns", "old_target")));
            store.ingest(run("COMPLETE", UUID.randomUUID(), T0.plusSeconds(60)).job("etl", "move")
                    .input(dataset("ns", "src")).output(dataset("ns", "new_target")));

            Graph graph = store.lineage("dataset:ns:src", Direction.DOWNSTREAM, 20);

            assertThat(ids(graph)).containsExactly("dataset:ns:src", "job:etl:move", "dataset:ns:new_target");
            assertThat(ids(store.lineage("dataset:ns:old_target", Direction.BOTH, 20)))
                    .containsExactly("dataset:ns:old_target");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void namespacesWithColonsResolveToTheLongestKnownNamespaceHoldingTheNode(String kind) {
        try (Store store = Store.open(kind)) {
            // "kafka://broker" + "9092:orders:v2" and "kafka://broker:9092" + "orders:v2" read the same.
            store.ingest(job("mirror", dataset("kafka://broker", "9092:orders:v2"),
                    dataset("kafka://broker:9092", "orders:v2")));
            store.ingest(job("only_short", dataset("kafka://broker", "9092:clicks"), dataset("sink", "clicks:")));

            Graph longest = store.lineage("dataset:kafka://broker:9092:orders:v2", Direction.UPSTREAM, 0);
            // No dataset "clicks" in kafka://broker:9092: the shorter namespace is tried next.
            Graph shorter = store.lineage("dataset:kafka://broker:9092:clicks", Direction.UPSTREAM, 0);

            assertThat(((Dataset) longest.graph().get(0).data()).namespace()).isEqualTo("kafka://broker:9092");
            assertThat(((Dataset) shorter.graph().get(0).data()).namespace()).isEqualTo("kafka://broker");
            assertThat(((Dataset) shorter.graph().get(0).data()).name()).isEqualTo("9092:clicks");
            // A name may end in a colon.
            assertThat(store.lineage("dataset:sink:clicks:", Direction.UPSTREAM, 1).graph()).hasSize(2);
            assertThat(store.lineage().lineage("dataset:sink:", ALL)).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void unknownNodesAreEmptyAndMalformedIdsAreRefused(String kind) {
        try (Store store = Store.open(kind).ingest(pipeline())) {
            assertThat(store.lineage().lineage("dataset:" + PG + ":nope", ALL)).isEmpty();
            assertThat(store.lineage().lineage("dataset:no-such-ns:raw.users", ALL)).isEmpty();
            assertThat(store.lineage().lineage("job:etl:nope", ALL)).isEmpty();
            assertThat(store.lineage().columnLineage("datasetField:" + PG + ":raw.users:nope", ALL)).isEmpty();
            assertThatThrownBy(() -> store.lineage().lineage("table:x:y", ALL))
                    .isInstanceOf(InvalidNodeIdException.class).hasMessageContaining("dataset:, job: or datasetField:");
            assertThatThrownBy(() -> store.lineage().lineage("dataset:only-one-part", ALL))
                    .isInstanceOf(InvalidNodeIdException.class).hasMessageContaining("dataset:NAMESPACE:NAME");
            assertThatThrownBy(() -> store.lineage().lineage("datasetField:" + PG + ":raw.users:id", ALL))
                    .isInstanceOf(InvalidNodeIdException.class).hasMessageContaining("column-level");
            assertThatThrownBy(() -> store.lineage().lineage("dataset:x:" + "y".repeat(NodeId.MAX_LENGTH), ALL))
                    .isInstanceOf(InvalidNodeIdException.class).hasMessageContaining("longer than");
            assertThatThrownBy(() -> store.lineage().lineage("dataset:x:y\u0000z", ALL))
                    .isInstanceOf(InvalidNodeIdException.class).hasMessageContaining("control character");
            assertThatThrownBy(() -> store.lineage().lineage(" ", ALL))
                    .isInstanceOf(InvalidNodeIdException.class).hasMessageContaining("required");
            assertThatThrownBy(() -> store.lineage().columnLineage("job:etl:load_users", ALL))
                    .isInstanceOf(InvalidNodeIdException.class).hasMessageContaining("names a job");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void nodeLimitTruncatesAndNamesTheIncompleteNodes(String kind) {
        try (Store store = Store.open(kind)) {
            RunEventBuilder fanOut = run("COMPLETE", UUID.randomUUID(), T0).job("etl", "fan_out")
                    .input(dataset("fan", "source"));
            for (int i = 0; i < 12; i++) {
                fanOut.output(dataset("fan", "target_" + i));
            }
            store.ingest(fanOut);

            Graph graph = store.lineage().lineage("dataset:fan:source",
                    new TraversalLimits(Direction.DOWNSTREAM, 20, 5)).orElseThrow();

            assertThat(graph.graph()).hasSize(5);
            assertThat(graph.truncated()).isTrue();
            assertThat(graph.incompleteNodes()).containsExactly("job:etl:fan_out");
            assertThat(node(graph, "job:etl:fan_out").outEdges()).hasSize(3);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void traversalReadsOncePerLevelWhateverTheWidth(String kind) {
        try (Store store = Store.open(kind)) {
            RunEventBuilder wide = run("COMPLETE", UUID.randomUUID(), T0).job("etl", "wide")
                    .input(dataset("wide", "source"));
            List<RunEventBuilder> readers = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                wide.output(dataset("wide", "target_" + i));
                readers.add(job("read_" + i, dataset("wide", "target_" + i), dataset("wide", "leaf_" + i)));
            }
            readers.add(wide);
            store.ingest(readers.toArray(RunEventBuilder[]::new));
            AtomicInteger edgeQueries = new AtomicInteger();
            store.catalog().jdbi().setSqlLogger(new SqlLogger() {
                @Override
                public void logBeforeExecution(StatementContext context) {
                    if (context.getRawSql().contains("j.current_version_id = v.id")) {
                        edgeQueries.incrementAndGet();
                    }
                }
            });

            Graph graph = store.lineage("dataset:wide:source", Direction.DOWNSTREAM, 20);

            // source, wide, 150 targets, 150 readers, 150 leaves.
            assertThat(graph.graph()).hasSize(452);
            // Levels: source, wide, targets, readers, leaves (which end the walk): five reads.
            assertThat(edgeQueries.get()).isEqualTo(5);
        }
    }

    // -- column level -----------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("databases")
    void upstreamOfAFieldIsItsTransitiveInputsWithTransformations(String kind) {
        try (Store store = Store.open(kind).ingest(pipeline())) {
            Graph graph = store.columns("datasetField:" + PG + ":gold.users:email_hash", Direction.UPSTREAM, 20);

            String gold = "datasetField:" + PG + ":gold.users:email_hash";
            String staging = "datasetField:" + PG + ":staging.users:email";
            String raw = "datasetField:" + PG + ":raw.users:email";
            assertThat(ids(graph)).containsExactly(gold, staging, raw);
            Node node = node(graph, gold);
            assertThat(node.type()).isEqualTo("DATASET_FIELD");
            assertThat(node.inEdges()).containsExactly(new Edge(staging, gold));
            FieldData data = (FieldData) node.data();
            assertThat(data.namespace()).isEqualTo(PG);
            assertThat(data.dataset()).isEqualTo("gold.users");
            assertThat(data.field()).isEqualTo("email_hash");
            assertThat(data.fieldType()).isEqualTo("text");
            assertThat(data.transformationType()).isEqualTo("DIRECT");
            assertThat(data.transformationDescription()).isEqualTo("sha256(email)");
            assertThat(data.inputFields()).containsExactly(new InputField(PG, "staging.users", "email",
                    "sha256(email)", "DIRECT", "TRANSFORMATION", true, "PRODUCER"));
            // The filter on raw.users.id is a dataset-level dependency, not a field edge.
            assertThat(ids(store.columns("datasetField:" + PG + ":raw.users:id", Direction.DOWNSTREAM, 20)))
                    .containsExactly("datasetField:" + PG + ":raw.users:id",
                            "datasetField:" + PG + ":staging.users:user_id",
                            "datasetField:" + PG + ":gold.users:user_id");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDatasetNodeStartsAtEveryFieldAndDepthCuts(String kind) {
        try (Store store = Store.open(kind).ingest(pipeline())) {
            Graph graph = store.columns("dataset:" + PG + ":staging.users", Direction.BOTH, 1);

            assertThat(ids(graph)).containsExactlyInAnyOrder(
                    "datasetField:" + PG + ":staging.users:user_id", "datasetField:" + PG + ":staging.users:email",
                    "datasetField:" + PG + ":raw.users:id", "datasetField:" + PG + ":raw.users:email",
                    "datasetField:" + PG + ":gold.users:user_id", "datasetField:" + PG + ":gold.users:email_hash");
            assertThat(ids(graph).subList(0, 2)).containsExactly("datasetField:" + PG + ":staging.users:user_id",
                    "datasetField:" + PG + ":staging.users:email");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void columnCyclesEnd(String kind) {
        try (Store store = Store.open(kind)) {
            store.ingest(job("forth", dataset("cyc", "a").schema("x:int"),
                    dataset("cyc", "b").schema("x:int").lineage("x", "cyc", "a", "x", "IDENTITY")));
            store.ingest(job("back", dataset("cyc", "b").schema("x:int"),
                    dataset("cyc", "a").schema("x:int").lineage("x", "cyc", "b", "x", "IDENTITY")));

            Graph graph = store.columns("datasetField:cyc:a:x", Direction.BOTH, 1_000);

            assertThat(ids(graph)).containsExactly("datasetField:cyc:a:x", "datasetField:cyc:b:x");
            assertThat(node(graph, "datasetField:cyc:a:x").inEdges())
                    .containsExactly(new Edge("datasetField:cyc:b:x", "datasetField:cyc:a:x"));
            assertThat(node(graph, "datasetField:cyc:a:x").outEdges())
                    .containsExactly(new Edge("datasetField:cyc:a:x", "datasetField:cyc:b:x"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void producerLineageWinsOverDerivedLineageForTheSameOutput(String kind) {
        try (Store store = Store.open(kind).ingest(pipeline())) {
            store.ingest(job("sql_only", dataset(PG, "raw.users"), dataset(PG, "derived.users").schema("email:text")));
            // Derived lineage for gold.users contradicts the producer's; for derived.users it is all there is.
            store.derived(PG, "gold.users", "email_hash", PG, "raw.users", "id");
            store.derived(PG, "derived.users", "email", PG, "raw.users", "email");

            Graph gold = store.columns("datasetField:" + PG + ":gold.users:email_hash", Direction.UPSTREAM, 1);
            Graph derived = store.columns("datasetField:" + PG + ":derived.users:email", Direction.UPSTREAM, 1);
            Graph rawEmail = store.columns("datasetField:" + PG + ":raw.users:email", Direction.DOWNSTREAM, 1);
            Graph rawId = store.columns("datasetField:" + PG + ":raw.users:id", Direction.DOWNSTREAM, 1);

            assertThat(((FieldData) gold.graph().get(0).data()).inputFields())
                    .extracting(InputField::field, InputField::provenance)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("email", "PRODUCER"));
            assertThat(((FieldData) derived.graph().get(0).data()).inputFields())
                    .extracting(InputField::dataset, InputField::field, InputField::provenance)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("raw.users", "email", "DERIVED"));
            assertThat(ids(rawEmail)).contains("datasetField:" + PG + ":derived.users:email");
            assertThat(ids(rawId)).doesNotContain("datasetField:" + PG + ":gold.users:email_hash");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void fieldIdsSplitDatasetNamesWithColonsFromTheField(String kind) {
        try (Store store = Store.open(kind)) {
            store.ingest(job("publish", dataset(PG, "gold/orders:v1").schema("total:decimal"),
                    dataset(PG, "gold/orders:v2").schema("total:decimal(10,2)")
                            .lineage("total", PG, "gold/orders:v1", "total", "IDENTITY")));

            Graph graph = store.columns("datasetField:" + PG + ":gold/orders:v2:total", Direction.UPSTREAM, 5);

            assertThat(ids(graph)).containsExactly("datasetField:" + PG + ":gold/orders:v2:total",
                    "datasetField:" + PG + ":gold/orders:v1:total");
            FieldData data = (FieldData) graph.graph().get(0).data();
            assertThat(data.dataset()).isEqualTo("gold/orders:v2");
            assertThat(data.fieldType()).isEqualTo("decimal(10,2)");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void columnNodeLimitTruncates(String kind) {
        try (Store store = Store.open(kind)) {
            DatasetBuilder wide = dataset("cols", "wide");
            List<String> schema = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                wide.lineage("c" + i, "cols", "narrow", "id", "IDENTITY");
                schema.add("c" + i + ":int");
            }
            store.ingest(job("spread", dataset("cols", "narrow").schema("id:int"),
                    wide.schema(schema.toArray(String[]::new))));

            Graph graph = store.lineage().columnLineage("datasetField:cols:narrow:id",
                    new TraversalLimits(Direction.DOWNSTREAM, 20, 4)).orElseThrow();

            assertThat(graph.graph()).hasSize(4);
            assertThat(graph.truncated()).isTrue();
            assertThat(graph.incompleteNodes()).containsExactly("datasetField:cols:narrow:id");
        }
    }
}
