package io.custodian.catalog.sql;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.catalog.classification.ClassificationStore;
import io.custodian.catalog.classification.Decision;
import io.custodian.catalog.classification.Finding;
import io.custodian.catalog.sql.CatalogTables.CatalogColumn;
import io.custodian.catalog.sql.CatalogTables.Resolution;
import io.custodian.catalog.testing.TestCatalog;
import io.custodian.catalog.testing.TestDatabase;
import io.custodian.lineage.sql.TableName;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Tables as gateways name them, resolved among the catalog's datasets, on H2 and PostgreSQL. */
class CatalogTablesTest {
    private static final String NS = "postgres://db:5432";
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    private static TestCatalog seeded(String kind) {
        TestCatalog catalog = TestCatalog.open(kind);
        catalog.ingest(run("COMPLETE", UUID.randomUUID(), T0)
                .output(dataset(NS, "shop.public.customers").schema("id:bigint", "email:varchar(200)", "note:text",
                        "untyped"))
                .output(dataset(NS, "crm.public.customers").schema("id:bigint"))
                .output(dataset(NS, "shop.public.orders_2024").schema("id:bigint"))
                .output(dataset(NS, "public.items").schema("sku:text"))
                .output(dataset(NS, "shop.public.pending"))
                .output(dataset("other://ns", "shop.public.orders").schema("id:bigint")));
        return catalog;
    }

    private static Map<String, Resolution> resolve(TestCatalog catalog, String... names) {
        return new CatalogTables(catalog.jdbi()).resolve(NS, java.util.Arrays.stream(names).map(TableName::parse).toList());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void namesResolveByTheLineageRuleWithColumnsInOrderAndTheirTypes(String kind) {
        try (TestCatalog catalog = seeded(kind)) {
            Map<String, Resolution> r = resolve(catalog, "SHOP.public.Customers", "public.items", "wh.public.items",
                    "orders_2024");
            assertThat(r.get("shop.public.customers").table()).hasValueSatisfying(t -> {
                assertThat(t.name()).isEqualTo("shop.public.customers");
                assertThat(t.namespace()).isEqualTo(NS);
                assertThat(t.columns()).extracting(CatalogColumn::name).containsExactly("id", "email", "note",
                        "untyped");
                assertThat(t.columns()).extracting(CatalogColumn::type).containsExactly("bigint", "varchar(200)",
                        "text", null);
                assertThat(t.column("EMAIL")).isPresent();
                assertThat(t.column("missing")).isEmpty();
            });
            // the name ends with a dataset's name (step 3), and a dataset's name ends with the name (step 2)
            assertThat(r.get("wh.public.items").table()).hasValueSatisfying(t -> assertThat(t.name())
                    .isEqualTo("public.items"));
            assertThat(r.get("orders_2024").table()).hasValueSatisfying(t -> assertThat(t.name())
                    .isEqualTo("shop.public.orders_2024"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void ambiguousUnknownAndSchemalessNames(String kind) {
        try (TestCatalog catalog = seeded(kind)) {
            Map<String, Resolution> r = resolve(catalog, "customers", "orders", "pending", "orders_%", "_rders_2024");
            assertThat(r.get("customers").table()).isEmpty();
            assertThat(r.get("customers").ambiguous()).extracting(TableName::toString)
                    .containsExactlyInAnyOrder("shop.public.customers", "crm.public.customers");
            // a dataset of another namespace is not found
            assertThat(r.get("orders").table()).isEmpty();
            assertThat(r.get("orders").ambiguous()).isEmpty();
            assertThat(r.get("pending").table()).hasValueSatisfying(t -> assertThat(t.columns()).isEmpty());
            // LIKE wildcards in names are plain characters
            assertThat(r.get("orders_%").table()).isEmpty();
            assertThat(r.get("_rders_2024").table()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void oneEntryPerDistinctNameInTheOrderGiven(String kind) {
        try (TestCatalog catalog = seeded(kind)) {
            Map<String, Resolution> r = resolve(catalog, "public.items", "PUBLIC.ITEMS", "shop.public.customers");
            assertThat(r.keySet()).containsExactly("public.items", "shop.public.customers");
            assertThat(r.get("public.items").name().toString()).isEqualTo("public.items");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void columnsCarryTheClassificationsInForceAndNotRejectedOnes(String kind) {
        try (TestCatalog catalog = seeded(kind)) {
            ClassificationStore store = new ClassificationStore(catalog.jdbi(), Clock.systemUTC());
            UUID customers = store.dataset(NS, "shop.public.customers").orElseThrow().id();
            store.recordScan(customers, List.of("email", "note"), List.of(
                    new Finding("email", "EMAIL_ADDRESS", 0.9, "values", 100, 97),
                    new Finding("note", "EMAIL_ADDRESS", 0.6, "values", 100, 40),
                    new Finding("note", "PHONE_NUMBER", 0.7, "values", 100, 50)), UUID.randomUUID(), "v1", "p1", T0);
            store.decide(NS, "shop.public.customers", "note", "EMAIL_ADDRESS", Decision.REJECTED, "not emails", "s1");
            store.decide(NS, "shop.public.customers", "id", "PERSON_ID", Decision.CONFIRMED, null, "s1");

            var table = resolve(catalog, "shop.public.customers").get("shop.public.customers").table().orElseThrow();
            assertThat(table.column("email").orElseThrow().classifications()).containsExactly("EMAIL_ADDRESS");
            assertThat(table.column("note").orElseThrow().classifications()).containsExactly("PHONE_NUMBER");
            assertThat(table.column("id").orElseThrow().classifications()).containsExactly("PERSON_ID");
            assertThat(table.column("untyped").orElseThrow().isClassified()).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aNewSchemaVersionGivesTheCurrentColumns(String kind) {
        try (TestCatalog catalog = seeded(kind)) {
            catalog.ingest(run("COMPLETE", UUID.randomUUID(), T0.plusSeconds(60))
                    .output(dataset(NS, "public.items").schema("sku:text", "price:numeric(10,2)")));
            var table = resolve(catalog, "public.items").get("public.items").table().orElseThrow();
            assertThat(table.columns()).extracting(CatalogColumn::name).containsExactly("sku", "price");
        }
    }
}
