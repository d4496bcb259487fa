package io.custodian.catalog.ingest;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodian.catalog.read.CatalogReader;
import io.custodian.catalog.read.Views.Dataset;
import io.custodian.catalog.read.Views.Field;
import io.custodian.catalog.read.Views.Job;
import io.custodian.catalog.read.Views.Run;
import io.custodian.catalog.store.CatalogDatabase;
import io.custodian.catalog.testing.Events.RunEventBuilder;
import io.custodian.catalog.testing.TestCatalog;
import io.custodian.catalog.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Ingestion into a real store, on H2 and (when configured) PostgreSQL. */
class IngestionTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final LineageEventParser parser = new LineageEventParser();

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    private static RunEventBuilder ordersRun(String type, UUID runId, Instant time) {
        return run(type, runId, time)
                .job("airflow", "load_orders")
                .sql("INSERT INTO analytics.orders SELECT id, email FROM raw.orders")
                .input(dataset("postgres://db:5432", "shop.raw.orders").schema("id:bigint", "email:text"))
                .output(dataset("postgres://db:5432", "shop.analytics.orders")
                        .schema("order_id:bigint", "customer_email:text")
                        .description("Orders with the customer's email")
                        .dataSource("postgres://db:5432", "postgres://db:5432")
                        .lineage("order_id", "postgres://db:5432", "shop.raw.orders", "id", "IDENTITY")
                        .lineage("customer_email", "postgres://db:5432", "shop.raw.orders", "email", "IDENTITY"));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void ingestedRunEventIsReadableAsDatasetJobAndRun(String kind) {
        try (TestCatalog store = TestCatalog.open(kind)) {
            UUID runId = UUID.randomUUID();
            store.ingest(ordersRun("START", runId, T0).bytes());
            store.ingest(ordersRun("COMPLETE", runId, T0.plusSeconds(60)).bytes());

            Dataset output = store.reader().dataset("postgres://db:5432", "shop.analytics.orders").orElseThrow();
            assertThat(output.fields()).containsExactly(
                    new Field("order_id", "bigint", null), new Field("customer_email", "text", null));
            assertThat(output.description()).isEqualTo("Orders with the customer's email");
            assertThat(output.sourceName()).isEqualTo("postgres://db:5432");
            assertThat(output.facets()).containsKeys("schema", "columnLineage", "documentation", "dataSource");

            Job job = store.reader().job("airflow", "load_orders").orElseThrow();
            assertThat(job.version().sql()).isEqualTo("INSERT INTO analytics.orders SELECT id, email FROM raw.orders");
            assertThat(job.inputs()).extracting(d -> d.name()).containsExactly("shop.raw.orders");
            assertThat(job.outputs()).extracting(d -> d.name()).containsExactly("shop.analytics.orders");

            Run run = store.reader().run(runId).orElseThrow();
            assertThat(run.state()).isEqualTo("COMPLETED");
            assertThat(run.lastEventType()).isEqualTo("COMPLETE");
            assertThat(run.startedAt()).isEqualTo(T0);
            assertThat(run.endedAt()).isEqualTo(T0.plusSeconds(60));
            assertThat(run.durationMs()).isEqualTo(60_000L);
            assertThat(run.outputDatasetVersions()).singleElement()
                    .satisfies(v -> assertThat(v.datasetVersionId().version()).isEqualTo(output.currentVersion()));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void textAnyStoreHoldsReadsBackExactlyAndWhatNoneCanHoldIsRefusedBeforeTheLog(String kind) {
        try (TestCatalog store = TestCatalog.open(kind)) {
            String name = "shop.zürich.kunden_日本_\uD83D\uDE00";
            store.ingest(run("COMPLETE", UUID.randomUUID(), T0).job("airflow", "load_€")
                    .output(dataset("postgres://db:5432", name).schema("straße:text", "名前:text")).bytes());
            Dataset stored = store.reader().dataset("postgres://db:5432", name).orElseThrow();
            assertThat(stored.fields()).extracting(Field::name).containsExactly("straße", "名前");
            long logged = store.reader().appliedSeq();

            RunEventBuilder nul = run("COMPLETE", UUID.randomUUID(), T0).job("airflow", "load_nul")
                    .output(dataset("postgres://db:5432", "shop.nul").schema("id:int")
                            .description("a NUL \u0000 in a description"));
            assertThatThrownBy(() -> store.ingest(nul.bytes())).isInstanceOf(InvalidEventException.class)
                    .hasMessageContaining("NUL");
            assertThat(store.reader().appliedSeq()).isEqualTo(logged);
            assertThat(store.reader().dataset("postgres://db:5432", "shop.nul")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void columnLineageFacetIsStoredAsEdges(String kind) {
        try (TestCatalog store = TestCatalog.open(kind)) {
            store.ingest(ordersRun("COMPLETE", UUID.randomUUID(), T0).bytes());

            List<Map<String, Object>> edges = store.catalog().jdbi().withHandle(h -> h.createQuery("""
                    SELECT e.output_field, d.name AS input_dataset, e.input_field, e.transformation_type,
                           e.transformation_subtype
                    FROM column_lineage_edge e JOIN dataset d ON d.id = e.input_dataset_id
                    ORDER BY e.output_field
                    """).mapToMap().list());
            assertThat(edges).hasSize(2);
            assertThat(edges.get(0)).containsEntry("output_field", "customer_email")
                    .containsEntry("input_dataset", "shop.raw.orders")
                    .containsEntry("input_field", "email")
                    .containsEntry("transformation_type", "DIRECT")
                    .containsEntry("transformation_subtype", "IDENTITY");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void columnLineageInOutputFacetsIsStoredToo(String kind) {
        try (TestCatalog store = TestCatalog.open(kind)) {
            byte[] event = run("COMPLETE", UUID.randomUUID(), T0)
                    .output(dataset("s3://lake", "gold/customers")
                            .schema("email:string")
                            .lineage("email", "s3://lake", "silver/customers", "email_address", "IDENTITY")
                            .lineageInOutputFacets())
                    .bytes();
            store.ingest(event);

            long edges = store.catalog().jdbi().withHandle(h ->
                    h.createQuery("SELECT COUNT(*) FROM column_lineage_edge WHERE input_field = 'email_address'")
                            .mapTo(Long.class).one());
            assertThat(edges).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void duplicateEventChangesNothing(String kind) {
        try (TestCatalog store = TestCatalog.open(kind)) {
            byte[] event = ordersRun("COMPLETE", UUID.randomUUID(), T0).bytes();
            IngestReceipt first = store.ingest(event);
            Map<String, List<String>> before = store.snapshot();

            IngestReceipt second = store.ingest(event);

            assertThat(first.duplicate()).isFalse();
            assertThat(first.seq()).isPositive();
            assertThat(second.duplicate()).isTrue();
            assertThat(store.snapshot()).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void duplicatesWithinOneBatchAreLoggedOnce(String kind) {
        try (TestCatalog store = TestCatalog.open(kind)) {
            byte[] event = ordersRun("START", UUID.randomUUID(), T0).bytes();
            List<IngestReceipt> receipts = store.ingestTogether(List.of(event, event, event));

            assertThat(receipts).filteredOn(r -> !r.duplicate()).hasSize(1);
            assertThat(store.snapshot().get("lineage_event")).hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void completeBeforeStartEndsInTheSameStateAsInOrder(String kind) {
        UUID runId = UUID.randomUUID();
        byte[] start = ordersRun("START", runId, T0).bytes();
        byte[] complete = ordersRun("COMPLETE", runId, T0.plusSeconds(90)).bytes();
        try (TestCatalog inOrder = TestCatalog.open(kind); TestCatalog reversed = TestCatalog.open(kind)) {
            inOrder.ingest(start);
            inOrder.ingest(complete);
            reversed.ingest(complete);
            reversed.ingest(start);

            assertThat(reversed.snapshot()).isEqualTo(inOrder.snapshot());
            assertThat(reversed.reader().run(runId).orElseThrow().state()).isEqualTo("COMPLETED");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anyOrderAndAnyBatchingGiveTheSameCatalog(String kind) {
        List<byte[]> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            UUID runId = UUID.randomUUID();
            Instant start = T0.plusSeconds(600L * i);
            // The schema changes halfway: two dataset versions, and the later one must end current.
            String extra = i < 6 ? "note:text" : "note:varchar";
            events.add(schemaRun("START", runId, start, extra).bytes());
            events.add(schemaRun(i % 3 == 0 ? "FAIL" : "COMPLETE", runId, start.plusSeconds(30), extra).bytes());
        }
        List<byte[]> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(7));
        try (TestCatalog oneByOne = TestCatalog.open(kind); TestCatalog batched = TestCatalog.open(kind)) {
            events.forEach(oneByOne::ingest);
            batched.ingestTogether(shuffled);

            assertThat(batched.snapshot()).isEqualTo(oneByOne.snapshot());
            Dataset dataset = batched.reader().dataset("warehouse", "public.events").orElseThrow();
            assertThat(dataset.fields()).contains(new Field("note", "varchar", null));
            assertThat(batched.reader().datasetVersions("warehouse", "public.events", 10, 0).orElseThrow()
                    .totalCount()).isEqualTo(2);
        }
    }

    private static RunEventBuilder schemaRun(String type, UUID runId, Instant time, String extraField) {
        return run(type, runId, time)
                .job("dbt", "events_model")
                .input(dataset("warehouse", "raw.events").schema("id:int", "payload:text"))
                .output(dataset("warehouse", "public.events").schema("id:int", extraField)
                        .lineage("id", "warehouse", "raw.events", "id", "IDENTITY"));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void datasetAndJobEventsAreApplied(String kind) {
        try (TestCatalog store = TestCatalog.open(kind)) {
            String datasetEvent = """
                {"eventTime":"2025-03-01T10:00:00Z","producer":"https://example.com/p",
                 "schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent",
                 "dataset":{"namespace":"kafka://broker:9092","name":"clicks",
                            "facets":{"schema":{"fields":[{"name":"user","type":"struct",
                                      "fields":[{"name":"id","type":"string"},{"name":"ip","type":"string"}]}]}}}}
                """;
            String jobEvent = """
                {"eventTime":"2025-03-01T10:00:00Z","producer":"https://example.com/p",
                 "schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent",
                 "job":{"namespace":"flink","name":"sessionize","facets":{"jobType":{"processingType":"STREAMING",
                        "integration":"FLINK","jobType":"JOB"}}},
                 "inputs":[{"namespace":"kafka://broker:9092","name":"clicks"}],
                 "outputs":[{"namespace":"kafka://broker:9092","name":"sessions"}]}
                """;
            store.ingest(datasetEvent.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            store.ingest(jobEvent.getBytes(java.nio.charset.StandardCharsets.UTF_8));

            Dataset clicks = store.reader().dataset("kafka://broker:9092", "clicks").orElseThrow();
            assertThat(clicks.fields()).extracting(Field::name).containsExactly("user", "user.id", "user.ip");
            Job job = store.reader().job("flink", "sessionize").orElseThrow();
            // Marquez's job type; the facet's processingType stays in the job's version.
            assertThat(job.type()).isEqualTo("STREAM");
            assertThat(job.version().processingType()).isEqualTo("STREAMING");
            assertThat(job.outputs()).extracting(d -> d.name()).containsExactly("sessions");
            assertThat(store.reader().dataset("kafka://broker:9092", "sessions")).isPresent();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void unknownFacetsAreKeptAsReceived(String kind) {
        try (TestCatalog store = TestCatalog.open(kind)) {
            com.fasterxml.jackson.databind.node.ObjectNode custom =
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            custom.put("_producer", "https://acme.example/producer").putObject("nested").putArray("values").add(1).add(2);
            UUID runId = UUID.randomUUID();
            store.ingest(run("START", runId, T0).runFacet("acme_cost", custom)
                    .output(dataset("s3://b", "x").facet("acme_quality", custom)).bytes());

            assertThat(store.reader().run(runId).orElseThrow().facets().get("acme_cost")).isEqualTo(custom);
            assertThat(store.reader().dataset("s3://b", "x").orElseThrow().facets().get("acme_quality"))
                    .isEqualTo(custom);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void applyingJoinsTheCallersTransactionAndRollsBackWithIt(String kind) {
        try (TestCatalog store = TestCatalog.open(kind)) {
            EventApplier applier = new EventApplier();
            LineageEvent event = parser.parse(ordersRun("COMPLETE", UUID.randomUUID(), T0).bytes());
            Map<String, List<String>> before = store.snapshot();

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.catalog().jdbi().useTransaction(handle -> {
                applier.apply(handle.attach(IngestDao.class), List.of(new EventLogWriter.Logged(1, event)));
                throw new IllegalStateException("fail after applying");
            })).hasMessage("fail after applying");

            assertThat(store.snapshot()).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void loggedEventsNotYetAppliedAreAppliedWhenIngestionStarts(String kind) {
        try (TestDatabase database = TestDatabase.create(kind)) {
            CatalogDatabase catalog = database.migrate();
            // As if the process stopped after acknowledging two events and before applying them;
            // between them sits a row that is no longer a valid event.
            LineageEvent first = parser.parse(ordersRun("START", UUID.randomUUID(), T0).bytes());
            LineageEvent second = parser.parse(schemaRun("COMPLETE", UUID.randomUUID(), T0, "note:text").bytes());
            catalog.jdbi().useHandle(handle -> {
                IngestDao dao = handle.attach(IngestDao.class);
                dao.appendEvents(List.of(logged(first)));
                dao.appendEvents(List.of(new IngestDao.LoggedEvent("f".repeat(64), "RUN", "START", T0, null, "etl", "x",
                        "p", T0, "{\"not\": \"an event\"}", null)));
                dao.appendEvents(List.of(logged(second)));
            });

            LineageIngestor ingestor = new LineageIngestor(catalog.jdbi(), parser, Clock.systemUTC(),
                    LineageIngestor.Settings.defaults());
            CatalogReader reader = new CatalogReader(catalog.jdbi(), new ObjectMapper());
            // Building the ingestor does no work: recovery and threads wait for start().
            assertThat(reader.dataset("postgres://db:5432", "shop.analytics.orders")).isEmpty();
            assertThatThrownBy(() -> ingestor.submit(first)).isInstanceOf(RejectedExecutionException.class)
                    .hasMessageContaining("not started");

            ingestor.start();
            ingestor.close();

            assertThat(reader.dataset("postgres://db:5432", "shop.analytics.orders")).isPresent();
            assertThat(reader.dataset("warehouse", "public.events")).isPresent();
            assertThat(reader.unappliedEvents()).isEqualTo(1);
            long appliedSeq = catalog.jdbi().withHandle(h -> h.attach(IngestDao.class).appliedSeq());
            assertThat(appliedSeq).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void failuresRecordedBeforeTheyWereCountedApartAreStillReported(String kind) {
        try (TestDatabase database = TestDatabase.create(kind)) {
            CatalogDatabase.migrateTo(database.dataSource(), "2026.12.03.1100");
            LineageEvent first = parser.parse(ordersRun("START", UUID.randomUUID(), T0).bytes());
            LineageEvent second = parser.parse(ordersRun("COMPLETE", UUID.randomUUID(), T0.plusSeconds(1)).bytes());
            Jdbi before = Jdbi.create(database.dataSource()).installPlugin(new SqlObjectPlugin());
            before.useHandle(handle -> {
                IngestDao dao = handle.attach(IngestDao.class);
                long[] seqs = dao.appendEvents(List.of(logged(first), logged(second)));
                dao.markApplyError(seqs[1], "failed before failures were counted apart");
            });

            CatalogDatabase catalog = database.migrate();
            CatalogReader reader = new CatalogReader(catalog.jdbi(), new ObjectMapper());
            assertThat(reader.unappliedEvents()).isEqualTo(1);
        }
    }

    private static IngestDao.LoggedEvent logged(LineageEvent event) {
        return new IngestDao.LoggedEvent(event.key(), event.kind().name(), event.eventType().map(Enum::name).orElse(null),
                event.eventTime(), event.run().map(RunSpec::runId).orElse(null), "etl", "job", event.producer(),
                T0, event.json(), null);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void parentRunIsRecorded(String kind) {
        try (TestCatalog store = TestCatalog.open(kind)) {
            UUID parent = UUID.randomUUID();
            UUID child = UUID.randomUUID();
            store.ingest(run("START", child, T0).job("spark", "dag.task").parent(parent, "airflow", "dag").bytes());

            Run run = store.reader().run(child).orElseThrow();
            assertThat(run.parentRun().runId()).isEqualTo(parent);
            assertThat(run.parentRun().jobName()).isEqualTo("dag");
        }
    }
}
