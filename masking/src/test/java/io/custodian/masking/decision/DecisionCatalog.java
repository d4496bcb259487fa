package io.custodian.masking.decision;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;

import io.custodian.catalog.classification.ClassificationStore;
import io.custodian.catalog.classification.Decision;
import io.custodian.catalog.classification.Finding;
import io.custodian.catalog.sql.CatalogTables;
import io.custodian.catalog.testing.TestCatalog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A catalog seeded through its real write paths (lineage events with schema facets; scanner
 * findings and steward decisions) with the tables the decision tests read.
 */
final class DecisionCatalog implements AutoCloseable {
    static final String NS = "postgres://db:5432";
    static final String CUSTOMERS = "shop.public.customers";
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private final TestCatalog catalog;
    private final CatalogTables tables;

    private DecisionCatalog(TestCatalog catalog) {
        this.catalog = catalog;
        this.tables = new CatalogTables(catalog.jdbi());
    }

    static DecisionCatalog open(String kind) {
        TestCatalog catalog = TestCatalog.open(kind);
        catalog.ingest(run("COMPLETE", UUID.randomUUID(), T0)
                .output(dataset(NS, CUSTOMERS).schema("id:bigint", "email:varchar(200)", "phone:varchar(20)",
                        "full_name:text", "birth_date:date", "notes:text", "contact:text", "test_email:text",
                        "Mixed Case:text", "legacy_name"))
                .output(dataset(NS, "crm.public.customers").schema("id:bigint", "email:text"))
                .output(dataset(NS, "shop.public.orders").schema("id:bigint", "buyer_email:text", "amount:numeric"))
                .output(dataset(NS, "shop.public.pending")));
        ClassificationStore store = new ClassificationStore(catalog.jdbi(), Clock.systemUTC());
        confirm(store, CUSTOMERS, "email", "EMAIL_ADDRESS");
        confirm(store, CUSTOMERS, "phone", "PHONE_NUMBER");
        confirm(store, CUSTOMERS, "full_name", "PERSON_NAME");
        confirm(store, CUSTOMERS, "birth_date", "DATE_OF_BIRTH");
        confirm(store, CUSTOMERS, "contact", "EMAIL_ADDRESS");
        confirm(store, CUSTOMERS, "contact", "PHONE_NUMBER");
        confirm(store, CUSTOMERS, "Mixed Case", "PERSON_NAME");
        confirm(store, CUSTOMERS, "legacy_name", "PERSON_NAME");
        confirm(store, "crm.public.customers", "email", "EMAIL_ADDRESS");
        confirm(store, "shop.public.orders", "buyer_email", "EMAIL_ADDRESS");
        // the scanner finds an email address in test_email; a steward says it is not personal data
        UUID customers = store.dataset(NS, CUSTOMERS).orElseThrow().id();
        store.recordScan(customers, List.of("test_email"), List.of(new Finding("test_email", "EMAIL_ADDRESS", 0.9,
                "name and values", 100, 95)), UUID.randomUUID(), "v1", "p1", T0);
        store.decide(NS, CUSTOMERS, "test_email", "EMAIL_ADDRESS", Decision.REJECTED, "synthetic test accounts",
                "steward-1");
        return new DecisionCatalog(catalog);
    }

    private static void confirm(ClassificationStore store, String dataset, String field, String type) {
        store.decide(NS, dataset, field, type, Decision.CONFIRMED, null, "steward-1");
    }

    CatalogTables tables() {
        return tables;
    }

    @Override
    public void close() {
        catalog.close();
    }
}
