package io.custodian.erasure.testing;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;

import io.custodian.catalog.classification.ClassificationStore;
import io.custodian.catalog.classification.Finding;
import io.custodian.catalog.testing.TestCatalog;
import io.custodian.erasure.plan.CatalogFacts;
import io.custodian.erasure.plan.StoreCatalogFacts;
import io.custodian.erasure.policy.ErasurePolicies;
import io.custodian.masking.policy.OtherSections;
import io.custodian.policy.PolicySet;
import io.custodian.policy.PolicySetLoader;
import io.custodian.policy.PolicySources;
import io.custodian.sources.DataSources;
import io.custodian.sources.SourceSettings;
import io.custodian.sources.Sources;
import io.custodian.sources.testing.TargetDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A small shop: a source database with customers, their orders and payments, a legal hold, a
 * revenue aggregate and more, described to a catalog by OpenLineage events and classified as a scan
 * would; plus a Kafka topic and an S3 export no source serves. Three customers: Alice (1), Bob (2),
 * Carol (3).
 */
public final class ShopFixture implements AutoCloseable {
    public static final String SHOP = "postgres://shop";
    public static final String KAFKA = "kafka://broker";
    public static final String S3 = "s3://exports";
    public static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    public final TestCatalog catalog;
    public final TargetDatabase target;
    public final String schema;
    public final DataSources dataSources;
    public final ClassificationStore classifications;
    public final CatalogFacts facts;
    private final Path policyDir;

    private ShopFixture(TestCatalog catalog, TargetDatabase target, String schema, DataSources dataSources,
            ClassificationStore classifications, CatalogFacts facts, Path policyDir) {
        this.catalog = catalog;
        this.target = target;
        this.schema = schema;
        this.dataSources = dataSources;
        this.classifications = classifications;
        this.facts = facts;
        this.policyDir = policyDir;
    }

    public static ShopFixture open(String storeKind, String sourceKind) {
        TestCatalog catalog = TestCatalog.open(storeKind);
        TargetDatabase target = TargetDatabase.create(sourceKind);
        String schema = "shop_" + UUID.randomUUID().toString().substring(0, 8);
        target.execute("CREATE SCHEMA \"" + schema + "\"");
        target.dropOnClose("\"" + schema + "\"");
        String s = "\"" + schema + "\".";
        target.execute(
                "CREATE TABLE " + s + "\"customers\" (\"id\" BIGINT PRIMARY KEY, \"email\" VARCHAR(200), \"name\" VARCHAR(200), \"city\" VARCHAR(100))",
                "CREATE TABLE " + s + "\"orders\" (\"order_id\" BIGINT PRIMARY KEY, \"customer_id\" BIGINT REFERENCES " + s + "\"customers\" (\"id\"), \"amount\" NUMERIC(10, 2))",
                "CREATE TABLE " + s + "\"payments\" (\"payment_id\" BIGINT PRIMARY KEY, \"customer_id\" BIGINT, \"card\" VARCHAR(30), \"amount\" NUMERIC(10, 2))",
                "CREATE TABLE " + s + "\"legal_cases\" (\"case_id\" BIGINT PRIMARY KEY, \"customer_email\" VARCHAR(200))",
                "CREATE TABLE " + s + "\"clean_customers\" (\"id\" BIGINT, \"email\" VARCHAR(200))",
                "CREATE TABLE " + s + "\"email_stats\" (\"email_domain\" VARCHAR(200), \"n\" BIGINT)",
                "CREATE TABLE " + s + "\"daily_revenue_by_city\" (\"city\" VARCHAR(100), \"revenue\" NUMERIC(12, 2), \"customers\" BIGINT)",
                "CREATE TABLE " + s + "\"staff_notes\" (\"author\" VARCHAR(200), \"note\" VARCHAR(2000))",
                "CREATE TABLE " + s + "\"phone_book\" (\"phone\" VARCHAR(40))",
                "INSERT INTO " + s + "\"customers\" VALUES (1, 'Alice@Example.com', 'Alice Liddell', 'Oxford'), "
                        + "(2, 'bob@example.com', 'Bob Dylan', 'Duluth'), (3, 'carol@example.com', 'Carol King', 'Oxford')",
                "INSERT INTO " + s + "\"orders\" VALUES (10, 1, 12.50), (11, 1, 7.25), (12, 2, 99.00), (13, 3, 5.00)",
                "INSERT INTO " + s + "\"payments\" VALUES (20, 1, '4111111111111111', 12.50), (21, 2, '5500000000000004', 99.00)",
                "INSERT INTO " + s + "\"legal_cases\" VALUES (30, 'alice@example.com')",
                "INSERT INTO " + s + "\"clean_customers\" VALUES (1, 'alice@example.com'), (2, 'bob@example.com')",
                "INSERT INTO " + s + "\"daily_revenue_by_city\" VALUES ('Oxford', 24.75, 2), ('Duluth', 99.00, 1)");
        String ds = schema + ".";
        catalog.ingest(
                run("COMPLETE", UUID.randomUUID(), T0).job("shop", "load_customers")
                        .output(dataset(SHOP, ds + "customers").schema("id:bigint", "email:varchar(200)", "name:varchar(200)", "city:varchar(100)"))
                        .output(dataset(SHOP, ds + "orders").schema("order_id:bigint", "customer_id:bigint", "amount:numeric(10,2)"))
                        .output(dataset(SHOP, ds + "payments").schema("payment_id:bigint", "customer_id:bigint", "card:varchar(30)", "amount:numeric(10,2)"))
                        .output(dataset(SHOP, ds + "legal_cases").schema("case_id:bigint", "customer_email:varchar(200)"))
                        .output(dataset(SHOP, ds + "staff_notes").schema("author:varchar(200)", "note:varchar(2000)"))
                        .output(dataset(SHOP, ds + "phone_book").schema("phone:varchar(40)")),
                run("COMPLETE", UUID.randomUUID(), T0).job("shop", "refresh_clean")
                        .input(dataset(SHOP, ds + "customers"))
                        .input(dataset(SHOP, ds + "legal_cases"))
                        .output(dataset(SHOP, ds + "clean_customers").schema("id:bigint", "email:varchar(200)")
                                .lineage("id", SHOP, ds + "customers", "id", "IDENTITY")
                                .lineage("email", SHOP, ds + "customers", "email", "TRANSFORMATION")),
                run("COMPLETE", UUID.randomUUID(), T0).job("shop", "email_stats")
                        .input(dataset(SHOP, ds + "customers"))
                        .output(dataset(SHOP, ds + "email_stats").schema("email_domain:varchar(200)", "n:bigint")
                                .lineage("email_domain", SHOP, ds + "customers", "email", "TRANSFORMATION")
                                .lineage("n", SHOP, ds + "customers", "id", "DIRECT", "AGGREGATION", "", false)),
                run("COMPLETE", UUID.randomUUID(), T0).job("shop", "revenue")
                        .input(dataset(SHOP, ds + "customers"))
                        .input(dataset(SHOP, ds + "orders"))
                        .output(dataset(SHOP, ds + "daily_revenue_by_city").schema("city:varchar(100)", "revenue:numeric(12,2)", "customers:bigint")
                                .lineage("city", SHOP, ds + "customers", "city", "IDENTITY")
                                .lineage("revenue", SHOP, ds + "orders", "amount", "DIRECT", "AGGREGATION", "sum", false)
                                .lineage("customers", SHOP, ds + "customers", "id", "DIRECT", "AGGREGATION", "count", false)
                                .datasetLineage(SHOP, ds + "orders", "customer_id", "JOIN")),
                run("COMPLETE", UUID.randomUUID(), T0).job("shop", "cdc")
                        .input(dataset(SHOP, ds + "customers"))
                        .output(dataset(KAFKA, "customer-events")),
                run("COMPLETE", UUID.randomUUID(), T0).job("marketing", "export")
                        .output(dataset(S3, "marketing/customers.csv").schema("email:string", "segment:string")));
        ClassificationStore store = new ClassificationStore(catalog.jdbi(), Clock.systemUTC());
        scan(store, SHOP, ds + "customers", List.of("id", "email", "name", "city"),
                new Finding("id", "PERSON_ID", 0.9, "column name", 3, 3),
                new Finding("email", "EMAIL_ADDRESS", 0.99, "values look like e-mail addresses", 3, 3),
                new Finding("name", "PERSON_NAME", 0.8, "values look like names", 3, 3));
        scan(store, SHOP, ds + "payments", List.of("payment_id", "customer_id", "card", "amount"),
                new Finding("customer_id", "PERSON_ID", 0.8, "column name", 2, 2),
                new Finding("card", "CREDIT_CARD", 0.99, "Luhn", 2, 2));
        scan(store, SHOP, ds + "legal_cases", List.of("case_id", "customer_email"),
                new Finding("customer_email", "EMAIL_ADDRESS", 0.99, "values", 1, 1));
        scan(store, SHOP, ds + "clean_customers", List.of("id", "email"),
                new Finding("id", "PERSON_ID", 0.9, "column name", 2, 2),
                new Finding("email", "EMAIL_ADDRESS", 0.99, "values", 2, 2));
        scan(store, SHOP, ds + "staff_notes", List.of("author", "note"),
                new Finding("author", "PERSON_NAME", 0.7, "values look like names", 5, 4));
        scan(store, SHOP, ds + "phone_book", List.of("phone"),
                new Finding("phone", "PHONE_NUMBER", 0.9, "values", 5, 5));
        scan(store, S3, "marketing/customers.csv", List.of("email", "segment"),
                new Finding("email", "EMAIL_ADDRESS", 0.95, "values", 10, 10));
        Sources sources = new Sources(List.of(SourceSettings.of("shop", target.url, target.user, target.password, SHOP,
                Optional.empty()).withWriter(target.user, target.password)));
        DataSources dataSources = new DataSources(sources);
        dataSources.start();
        Path policyDir;
        try {
            policyDir = Files.createTempDirectory("erasure-policy-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ShopFixture fixture = new ShopFixture(catalog, target, schema, dataSources, store,
                new StoreCatalogFacts(catalog.jdbi(), store, sources), policyDir);
        fixture.policy(defaultPolicy(schema, 10));
        return fixture;
    }

    /** The shop's erasure policy: the orders key, payments anonymized, legal cases held. */
    public static String defaultPolicy(String schema, int maxValues) {
        return """
                erasure:
                  resolution: {max_values: %2$d}
                  keys:
                    - {dataset: "%1$s.orders", column: customer_id, references: {dataset: "%1$s.customers", column: id}}
                  rules:
                    - dataset: "%1$s.payments"
                      action: ANONYMIZE
                      reason: "payments are kept seven years under tax law"
                      anonymize: {CREDIT_CARD: {strategy: REDACT, parameters: {value: "erased"}}}
                    - dataset: "%1$s.legal_cases"
                      action: RETAIN
                      reason: "litigation hold"
                      basis: "Case 2026-114"
                      until: 2099-12-31
                """.formatted(schema, maxValues);
    }

    private static void scan(ClassificationStore store, String namespace, String name, List<String> fields,
            Finding... findings) {
        UUID id = store.dataset(namespace, name).orElseThrow().id();
        store.recordScan(id, fields, new ArrayList<>(List.of(findings)), UUID.randomUUID(), "detectors-1", "policy-1",
                T0.plusSeconds(60));
    }

    /** Replaces the erasure policy file. */
    public void policy(String yaml) {
        try {
            Files.writeString(policyDir.resolve("erasure.yml"), yaml);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The policy set with the current erasure file. */
    public PolicySet policies() {
        List<io.custodian.policy.PolicySection<?>> sections = new ArrayList<>(OtherSections.SHIPPED);
        sections.addAll(ErasurePolicies.sections());
        return new PolicySetLoader(sections).load(PolicySources.folder(policyDir));
    }

    /** {@code schema.table}, the shop's dataset name of a table. */
    public String name(String table) {
        return schema + "." + table;
    }

    @Override
    public void close() {
        dataSources.stop();
        target.close();
        catalog.close();
    }
}
