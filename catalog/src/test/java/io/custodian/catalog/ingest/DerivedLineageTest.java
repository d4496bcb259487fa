package io.custodian.catalog.ingest;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodian.catalog.testing.Events.RunEventBuilder;
import io.custodian.catalog.testing.TestCatalog;
import io.custodian.catalog.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Column lineage derived from a job's SQL on ingest, on H2 and (when configured) PostgreSQL. */
class DerivedLineageTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final String NS = "postgres://db:5432";

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    /** "output_field <- input_dataset.input_field TYPE/SUBTYPE provenance", sorted. */
    private static List<String> edges(TestCatalog store) {
        return store.jdbi().withHandle(h -> h.createQuery("""
                SELECT COALESCE(e.output_field, '*') || ' <- ' || d.name || '.' || e.input_field || ' '
                       || e.transformation_type || '/' || e.transformation_subtype || ' ' || o.provenance
                FROM column_lineage_edge e
                JOIN column_lineage_origin o ON o.id = e.origin_id
                JOIN dataset d ON d.id = e.input_dataset_id
                ORDER BY 1
                """).mapTo(String.class).list());
    }

    private static RunEventBuilder dailyTotals(Instant time) {
        return run("COMPLETE", UUID.randomUUID(), time)
                .job("airflow", "daily_totals")
                .sql("INSERT INTO analytics.daily (day, total) SELECT created_at, sum(amount) FROM raw.orders "
                        + "WHERE status = 'paid' GROUP BY created_at")
                .input(dataset(NS, "shop.raw.orders").schema("id:bigint", "amount:numeric", "status:text",
                        "created_at:date"))
                .output(dataset(NS, "shop.analytics.daily").schema("day:date", "total:numeric"));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void sqlWithoutColumnLineageFacetGivesDerivedEdges(String kind) {
        try (TestCatalog store = TestCatalog.open(kind)) {
            store.ingest(dailyTotals(T0));

            assertThat(edges(store)).containsExactly(
                    "* <- shop.raw.orders.created_at INDIRECT/GROUP_BY DERIVED",
                    "* <- shop.raw.orders.status INDIRECT/FILTER DERIVED",
                    "day <- shop.raw.orders.created_at DIRECT/IDENTITY DERIVED",
                    "total <- shop.raw.orders.amount DIRECT/AGGREGATION DERIVED");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void producerFacetWinsOverDerivedLineageInEitherOrder(String kind) {
        RunEventBuilder derived = dailyTotals(T0.plusSeconds(3600));
        RunEventBuilder producer = run("COMPLETE", UUID.randomUUID(), T0).job("airflow", "daily_totals")
                .sql("INSERT INTO analytics.daily (day, total) SELECT created_at, sum(amount) FROM raw.orders GROUP BY 1")
                .input(dataset(NS, "shop.raw.orders").schema("id:bigint", "amount:numeric", "status:text",
                        "created_at:date"))
                .output(dataset(NS, "shop.analytics.daily").schema("day:date", "total:numeric")
                        .lineage("total", NS, "shop.raw.orders", "amount", "AGGREGATION"));
        try (TestCatalog first = TestCatalog.open(kind); TestCatalog second = TestCatalog.open(kind)) {
            first.ingest(producer);
            first.ingest(derived); // later in time, but derived: must not replace the producer's facet
            second.ingest(derived);
            assertThat(edges(second)).allMatch(e -> e.endsWith("DERIVED"));
            second.ingest(producer); // earlier in time, but the producer's: replaces derived edges

            assertThat(edges(first)).containsExactly("total <- shop.raw.orders.amount DIRECT/AGGREGATION PRODUCER");
            assertThat(edges(second)).isEqualTo(edges(first));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void reapplyingTheSameEventChangesNothing(String kind) {
        try (TestCatalog store = TestCatalog.open(kind)) {
            RunEventBuilder event = dailyTotals(T0);
            store.ingest(event);
            Map<String, List<String>> before = store.snapshot();

            store.ingest(event);

            assertThat(store.snapshot()).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void sqlThatDoesNotParseRecordsNoLineageAndTheEventStillApplies(String kind) {
        try (TestCatalog store = TestCatalog.open(kind)) {
            store.ingest(run("COMPLETE", UUID.randomUUID(), T0).job("airflow", "broken")
                    .sql("INSERT INTO analytics.daily SELEC garbage ((( FROM")
                    .input(dataset(NS, "shop.raw.orders").schema("id:bigint"))
                    .output(dataset(NS, "shop.analytics.daily").schema("day:date")));

            assertThat(edges(store)).isEmpty();
            long jobs = store.catalog().jdbi().withHandle(h ->
                    h.createQuery("SELECT COUNT(*) FROM job WHERE name = 'broken'").mapTo(Long.class).one());
            assertThat(jobs).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void catalogSchemaExpandsStarWhenTheEventCarriesNone(String kind) {
        try (TestCatalog store = TestCatalog.open(kind)) {
            store.ingest(run("COMPLETE", UUID.randomUUID(), T0).job("airflow", "register")
                    .output(dataset(NS, "shop.raw.customers").schema("id:bigint", "email:text")));

            store.ingest(run("COMPLETE", UUID.randomUUID(), T0.plusSeconds(60)).job("airflow", "copy")
                    .jobFacet("sql", sqlFacet("SELECT * FROM raw.customers", "postgresql"))
                    .input(dataset(NS, "shop.raw.customers"))
                    .output(dataset(NS, "shop.staging.customers")));

            assertThat(edges(store)).containsExactly(
                    "email <- shop.raw.customers.email DIRECT/IDENTITY DERIVED",
                    "id <- shop.raw.customers.id DIRECT/IDENTITY DERIVED");
        }
    }

    private static ObjectNode sqlFacet(String query, String dialect) {
        ObjectNode facet = JsonNodeFactory.instance.objectNode();
        facet.put("_producer", "https://github.com/custodian/tests");
        facet.put("_schemaURL", "https://openlineage.io/spec/facets/1-1-0/SQLJobFacet.json");
        facet.put("query", query);
        facet.put("dialect", dialect);
        return facet;
    }

    /** A script that takes the analyser seconds: 200 statements of 100 computed columns. */
    private static String slowScript() {
        StringBuilder statement = new StringBuilder("INSERT INTO analytics.daily (day, total) SELECT created_at");
        for (int i = 1; i < 100; i++) {
            statement.append(", amount * ").append(i).append(" + id");
        }
        statement.append(" FROM raw.orders");
        return String.join(";\n", java.util.Collections.nCopies(200, statement.toString()));
    }

    private static String derivation(TestCatalog store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT status || ': ' || COALESCE(reason, '') FROM sql_derivation")
                .mapTo(String.class).list()).toString();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void sqlIsAnalysedOffTheApplyPathSoNoSqlDelaysApplyingEvents(String kind) {
        try (TestDatabase database = TestDatabase.create(kind);
                LineageIngestor ingestor = new LineageIngestor(database.migrate().jdbi(), new LineageEventParser(),
                        java.time.Clock.systemUTC(), LineageIngestor.Settings.defaults().withSqlBudget(
                                io.custodian.lineage.sql.AnalysisBudget.DEFAULT.withTimeLimit(Duration.ofMinutes(2))))
                        .start()) {
            LineageEventParser parser = new LineageEventParser();
            ingestor.submit(parser.parse(run("COMPLETE", UUID.randomUUID(), T0).job("airflow", "slow").sql(slowScript())
                    .input(dataset(NS, "shop.raw.orders").schema("id:bigint", "amount:numeric", "created_at:date"))
                    .output(dataset(NS, "shop.analytics.daily")).bytes())).join();
            assertThat(ingestor.awaitApplied(Duration.ofSeconds(30))).isTrue();

            // While the slow SQL is analysed, another event is applied at once.
            long start = System.nanoTime();
            ingestor.submit(parser.parse(run("COMPLETE", UUID.randomUUID(), T0).job("airflow", "quick")
                    .output(dataset(NS, "shop.analytics.other")).bytes())).join();
            assertThat(ingestor.awaitApplied(Duration.ofSeconds(30))).isTrue();
            Duration applied = Duration.ofNanos(System.nanoTime() - start);

            assertThat(ingestor.pendingDerivations()).as("the slow SQL is still being analysed").isEqualTo(1);
            assertThat(applied).isLessThan(Duration.ofSeconds(1));
            assertThat(ingestor.awaitDerived(Duration.ofMinutes(2))).isTrue();
            assertThat(ingestor.pendingDerivations()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void sqlOverTheBudgetIsRecordedAsSkippedWithItsReasonAndTheEventApplies(String kind) {
        try (TestCatalog store = TestCatalog.open(kind)) {
            // 80,000 chained operators: about 16 s of parsing unbounded.
            String chain = "INSERT INTO analytics.daily (total) SELECT amount" + "+amount".repeat(80_000)
                    + " FROM raw.orders";
            long start = System.nanoTime();
            store.ingest(run("COMPLETE", UUID.randomUUID(), T0).job("airflow", "chain").sql(chain)
                    .input(dataset(NS, "shop.raw.orders").schema("id:bigint", "amount:numeric"))
                    .output(dataset(NS, "shop.analytics.daily").schema("total:numeric")));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).isLessThan(Duration.ofSeconds(5));
            assertThat(edges(store)).isEmpty();
            assertThat(derivation(store)).isEqualTo(
                    "[SKIPPED: statement 1 skipped: an expression chains 80000 operators, more than the 5000 analysed]");
            long jobs = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM job WHERE name = 'chain'")
                    .mapTo(Long.class).one());
            assertThat(jobs).isEqualTo(1);

            // The job's next SQL that can be analysed is, and its outcome replaces the skipped one.
            store.ingest(dailyTotals(T0.plusSeconds(60)).job("airflow", "chain"));
            assertThat(edges(store)).contains("total <- shop.raw.orders.amount DIRECT/AGGREGATION DERIVED");
            assertThat(derivation(store)).isEqualTo("[]");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void derivationsQueuedBeforeAStopAreDoneAfterTheNextStart(String kind) {
        try (TestDatabase database = TestDatabase.create(kind)) {
            io.custodian.catalog.store.CatalogDatabase catalog = database.migrate();
            LineageEventParser parser = new LineageEventParser();
            try (LineageIngestor ingestor = new LineageIngestor(catalog.jdbi(), parser, java.time.Clock.systemUTC(),
                    LineageIngestor.Settings.defaults()).start()) {
                // Queued behind a slow script, the quick SQL is still waiting when ingestion stops.
                ingestor.submit(parser.parse(run("COMPLETE", UUID.randomUUID(), T0).job("airflow", "slow")
                        .sql(slowScript()).input(dataset(NS, "shop.raw.orders").schema("id:bigint", "amount:numeric",
                                "created_at:date")).output(dataset(NS, "shop.analytics.daily")).bytes())).join();
                ingestor.submit(parser.parse(dailyTotals(T0).bytes())).join();
                assertThat(ingestor.awaitApplied(Duration.ofSeconds(30))).isTrue();
            }
            long pending = catalog.jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM sql_derivation WHERE status = 'PENDING'").mapTo(Long.class).one());
            assertThat(pending).isPositive();

            try (LineageIngestor ingestor = new LineageIngestor(catalog.jdbi(), parser, java.time.Clock.systemUTC(),
                    LineageIngestor.Settings.defaults()).start()) {
                assertThat(ingestor.awaitDerived(Duration.ofSeconds(60))).isTrue();
            }
            List<String> edges = catalog.jdbi().withHandle(h -> h.createQuery("""
                    SELECT e.output_field || ' <- ' || e.input_field FROM column_lineage_edge e
                    JOIN column_lineage_origin o ON o.id = e.origin_id JOIN job j ON j.id = o.job_id
                    WHERE j.name = 'daily_totals' AND e.output_field IS NOT NULL ORDER BY 1
                    """).mapTo(String.class).list());
            assertThat(edges).containsExactly("day <- created_at", "total <- amount");
        }
    }
}
