package io.custodian.catalog.ingest;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodian.catalog.testing.Events.RunEventBuilder;
import io.custodian.catalog.testing.TestCatalog;
import io.custodian.catalog.testing.TestDatabase;
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
}
