package io.custodian.scanner.ingest;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodian.catalog.classification.Classification;
import io.custodian.catalog.classification.ClassificationStore;
import io.custodian.catalog.ingest.AppliedBatch;
import io.custodian.catalog.ingest.LineageIngestor;
import io.custodian.catalog.classification.ClassificationSource;
import io.custodian.catalog.classification.DatasetSensitivity;
import io.custodian.catalog.classification.Decision;
import io.custodian.catalog.classification.Finding;
import io.custodian.catalog.classification.ReviewItem;
import io.custodian.catalog.classification.ReviewKind;
import io.custodian.catalog.classification.ReviewQueue;
import io.custodian.catalog.classification.ReviewStatus;
import io.custodian.catalog.testing.TestDatabase;
import io.custodian.scanner.classify.PiiColumnClassifier;
import io.custodian.policy.PolicyInForce;
import io.custodian.scanner.policy.ScannerPolicies;
import io.custodian.scanner.testing.ScanFixture;
import io.custodian.scanner.testing.ValueShapeClassifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fields classified by name and type the moment ingestion brings them, the review items that
 * opens, and what a later scan and a steward do with them; on H2 and (when configured) PostgreSQL.
 */
class IngestClassificationTest {
    private static final String NS = "postgres://db:5432";
    private static final Instant T0 = Instant.parse("2025-05-01T10:00:00Z");

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    /** Each event a minute after the one before: the latest event's schema is the current one. */
    private final java.util.concurrent.atomic.AtomicInteger minutes = new java.util.concurrent.atomic.AtomicInteger();

    private Instant next() {
        return T0.plusSeconds(60L * minutes.incrementAndGet());
    }

    private byte[] customers(String... fields) {
        return run("COMPLETE", UUID.randomUUID(), next()).job("etl", "load_customers")
                .output(dataset(NS, "bronze.customers").schema(fields)).bytes();
    }

    private byte[] copyToSilver() {
        return run("COMPLETE", UUID.randomUUID(), next()).job("etl", "silver_customers")
                .input(dataset(NS, "bronze.customers"))
                .output(dataset(NS, "silver.customers").schema("c1:text")
                        .lineage("c1", NS, "bronze.customers", "email", "IDENTITY"))
                .bytes();
    }

    private static List<ReviewItem> open(ScanFixture f) {
        return queue(f).open(new ReviewQueue.Filter(null, null, null, null, null, null, 100));
    }

    private static ReviewQueue queue(ScanFixture f) {
        return new ReviewQueue(f.catalog.jdbi(), f.classifications, Clock.systemUTC());
    }

    private static List<Classification> of(ScanFixture f, String dataset) {
        try {
            assertThat(f.propagation.awaitIdle(30_000)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return f.classifications.classifications(NS, dataset).orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aNewDatasetsFieldsAreClassifiedByNameAtOnceAndAwaitReview(String kind) {
        try (ScanFixture f = new ScanFixture(kind, List.of(), new ValueShapeClassifier())) {
            f.classifyAtIngest = true;
            f.ingest(customers("loaded_at:timestamp", "email:text", "email_verified:boolean", "created_at:timestamp"));

            assertThat(of(f, "bronze.customers")).singleElement().satisfies(c -> {
                assertThat(c.field()).isEqualTo("email");
                assertThat(c.type()).isEqualTo("EMAIL_ADDRESS");
                assertThat(c.source()).isEqualTo(ClassificationSource.INGEST);
                assertThat(c.active()).isTrue();
                assertThat(c.sampleSize()).isZero();
                assertThat(c.explanation()).startsWith("at ingest, before any value was seen");
            });
            assertThat(open(f)).singleElement().satisfies(item -> {
                assertThat(item.kind()).isEqualTo(ReviewKind.NEW_CLASSIFICATION);
                assertThat(item.dataset()).isEqualTo("bronze.customers");
                assertThat(item.field()).isEqualTo("email");
                assertThat(item.type()).isEqualTo("EMAIL_ADDRESS");
                assertThat(item.sensitivity()).isEqualTo("CONFIDENTIAL");
                assertThat(item.status()).isEqualTo(ReviewStatus.OPEN);
            });
            // Propagation carries it at once, like any other classification.
            f.ingest(copyToSilver());
            assertThat(of(f, "silver.customers")).filteredOn(c -> c.type().equals("EMAIL_ADDRESS"))
                    .singleElement().satisfies(c -> assertThat(c.source()).isEqualTo(ClassificationSource.PROPAGATED));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aFieldAddedToADatasetHoldingPersonalDataIsClassifiedAndTheChangeReviewedWithWhatItFeeds(String kind) {
        try (ScanFixture f = new ScanFixture(kind, List.of(), new ValueShapeClassifier())) {
            f.classifyAtIngest = true;
            f.ingest(customers("loaded_at:timestamp", "email:text"));
            f.ingest(copyToSilver());
            f.ingest(customers("loaded_at:timestamp", "email:text", "phone_number:varchar"));

            assertThat(of(f, "bronze.customers")).filteredOn(c -> c.field().equals("phone_number"))
                    .extracting(Classification::type, Classification::source)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("PHONE_NUMBER", ClassificationSource.INGEST));
            List<ReviewItem> items = open(f);
            assertThat(items).extracting(ReviewItem::kind, ReviewItem::field).contains(
                    org.assertj.core.groups.Tuple.tuple(ReviewKind.NEW_CLASSIFICATION, "phone_number"));
            ReviewItem change = items.stream().filter(i -> i.kind() == ReviewKind.SCHEMA_CHANGE)
                    .filter(i -> i.dataset().equals("bronze.customers")).findFirst().orElseThrow();
            JsonNode detail = change.detail();
            assertThat(detail.get("added")).hasSize(1);
            assertThat(detail.get("added").get(0).get("name").asText()).isEqualTo("phone_number");
            assertThat(detail.get("feeds").get(0).get("name").asText()).isEqualTo("silver.customers");
            assertThat(detail.get("classifications").toString()).contains("EMAIL_ADDRESS", "PHONE_NUMBER");

            // a rename and a removal open items too; a dataset without personal data opens none
            f.ingest(customers("loaded_at:timestamp", "email_address:text", "phone_number:varchar"));
            assertThat(open(f)).filteredOn(i -> i.kind() == ReviewKind.SCHEMA_CHANGE)
                    .filteredOn(i -> i.dataset().equals("bronze.customers"))
                    .anySatisfy(i -> assertThat(i.detail().path("renamed").path(0).path("to").asText())
                            .isEqualTo("email_address"));
            f.ingest(run("COMPLETE", UUID.randomUUID(), next()).job("etl", "metrics")
                    .output(dataset(NS, "gold.metrics").schema("day:date", "orders:bigint")).bytes());
            f.ingest(run("COMPLETE", UUID.randomUUID(), next()).job("etl", "metrics")
                    .output(dataset(NS, "gold.metrics").schema("day:date", "orders:bigint", "revenue:decimal")).bytes());
            assertThat(open(f)).noneMatch(i -> i.dataset().equals("gold.metrics"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aScanWithValuesConfirmsOrWithdrawsWhatIngestFound(String kind) {
        try (ScanFixture f = new ScanFixture(kind, List.of(), new ValueShapeClassifier())) {
            f.classifyAtIngest = true;
            f.ingest(customers("loaded_at:timestamp", "email:text", "phone_number:varchar"));
            UUID id = f.classifications.dataset(NS, "bronze.customers").orElseThrow().id();
            f.classifications.recordScan(id, List.of("loaded_at", "email", "phone_number"),
                    List.of(new Finding("email", "EMAIL_ADDRESS", 0.97, "values", 100, 97)), UUID.randomUUID(), "v1",
                    "p1", T0);

            assertThat(of(f, "bronze.customers")).singleElement().satisfies(c -> {
                assertThat(c.field()).isEqualTo("email");
                assertThat(c.source()).isEqualTo(ClassificationSource.SCANNER);
            });
            assertThat(open(f)).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void whatWasAppliedWhileNotListeningIsClassifiedOnStart(String kind) throws Exception {
        try (ScanFixture f = new ScanFixture(kind, List.of(), new ValueShapeClassifier())) {
            f.ingest(customers("loaded_at:timestamp", "email:text"));
            assertThat(of(f, "bronze.customers")).isEmpty();

            f.ingestClassifier.start();
            assertThat(f.ingestClassifier.awaitIdle(30_000)).isTrue();
            assertThat(of(f, "bronze.customers")).extracting(Classification::type).containsExactly("EMAIL_ADDRESS");
            // classified once: starting again opens no second item
            f.ingestClassifier.start();
            assertThat(f.ingestClassifier.awaitIdle(30_000)).isTrue();
            assertThat(open(f)).hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void stewardsDecideItemsInBulkAndTheQueueFilters(String kind) {
        try (ScanFixture f = new ScanFixture(kind, List.of(), new ValueShapeClassifier())) {
            f.classifyAtIngest = true;
            f.ingest(customers("loaded_at:timestamp", "email:text", "phone_number:varchar", "ssn:varchar"));
            List<ReviewItem> items = open(f);
            assertThat(items).extracting(ReviewItem::type)
                    .containsExactlyInAnyOrder("EMAIL_ADDRESS", "PHONE_NUMBER", "US_SSN");
            ReviewQueue queue = queue(f);
            assertThat(queue.open(new ReviewQueue.Filter(null, null, null, null, "RESTRICTED", null, 100)))
                    .extracting(ReviewItem::type).containsExactly("US_SSN");
            assertThat(queue.open(new ReviewQueue.Filter(null, null, null, "PHONE_NUMBER", null, null, 100)))
                    .hasSize(1);
            assertThat(queue.open(new ReviewQueue.Filter(null, null, null, null, null, Duration.ofDays(1), 100)))
                    .isEmpty();
            assertThat(queue.open(new ReviewQueue.Filter(NS, "other", null, null, null, null, 100))).isEmpty();

            UUID email = items.stream().filter(i -> i.type().equals("EMAIL_ADDRESS")).findFirst().orElseThrow().id();
            UUID phone = items.stream().filter(i -> i.type().equals("PHONE_NUMBER")).findFirst().orElseThrow().id();
            List<ReviewQueue.Outcome> accepted = queue.decide(List.of(email, phone), ReviewQueue.Verdict.ACCEPT,
                    "checked", "steward-1");
            assertThat(accepted).allSatisfy(o -> assertThat(o.problem()).isNull());
            assertThat(queue.decide(List.of(email, UUID.randomUUID()), ReviewQueue.Verdict.REJECT, null, "steward-2"))
                    .extracting(ReviewQueue.Outcome::problem)
                    .containsExactly("already ACCEPTED", "no such review item");
            UUID ssn = items.stream().filter(i -> i.type().equals("US_SSN")).findFirst().orElseThrow().id();
            queue.decide(List.of(ssn), ReviewQueue.Verdict.REJECT, null, "steward-1");

            assertThat(open(f)).isEmpty();
            List<Classification> all = of(f, "bronze.customers");
            assertThat(all).filteredOn(c -> c.field().equals("email")).singleElement()
                    .satisfies(c -> assertThat(c.decision()).isEqualTo(Decision.CONFIRMED));
            assertThat(all).filteredOn(c -> c.field().equals("ssn")).singleElement()
                    .satisfies(c -> assertThat(c.decision()).isEqualTo(Decision.REJECTED));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aTopicWithoutSchemaInheritsTheSensitivityOfItsSourceTable(String kind) {
        try (ScanFixture f = new ScanFixture(kind, List.of(), new ValueShapeClassifier())) {
            f.classifyAtIngest = true;
            String kafka = "kafka://broker:9092";
            f.ingest(customers("loaded_at:timestamp", "email:text", "ssn:varchar"));
            f.ingest(run("COMPLETE", UUID.randomUUID(), next()).job("cdc", "customers_cdc")
                    .input(dataset(NS, "bronze.customers")).output(dataset(kafka, "cdc.customers")).bytes());
            f.ingest(run("COMPLETE", UUID.randomUUID(), next()).job("cdc", "mirror")
                    .input(dataset(kafka, "cdc.customers")).output(dataset(kafka, "mirror.customers")).bytes());
            f.ingest(run("COMPLETE", UUID.randomUUID(), next()).job("etl", "metrics")
                    .output(dataset(NS, "gold.metrics").schema("day:date", "orders:bigint")).bytes());
            f.ingest(run("COMPLETE", UUID.randomUUID(), next()).job("cdc", "metrics_cdc")
                    .input(dataset(NS, "gold.metrics")).output(dataset(kafka, "cdc.metrics")).bytes());
            DatasetSensitivity sensitivity = new DatasetSensitivity(f.catalog.jdbi());
            java.util.function.Function<String, String> taxonomy = type -> f.policies.get().taxonomy().type(type)
                    .sensitivity().name();

            assertThat(sensitivity.of(NS, "bronze.customers", taxonomy).orElseThrow()).satisfies(r -> {
                assertThat(r.basis()).isEqualTo(DatasetSensitivity.Basis.FIELDS);
                assertThat(r.sensitivity()).isEqualTo("RESTRICTED");
            });
            for (String topic : List.of("cdc.customers", "mirror.customers")) {
                assertThat(sensitivity.of(kafka, topic, taxonomy).orElseThrow()).satisfies(r -> {
                    assertThat(r.basis()).isEqualTo(DatasetSensitivity.Basis.INHERITED);
                    assertThat(r.sensitivity()).isEqualTo("RESTRICTED");
                    assertThat(r.types()).containsExactly("EMAIL_ADDRESS", "US_SSN");
                    assertThat(r.inheritedFrom()).extracting(ref -> ref.name()).containsExactly("bronze.customers");
                });
            }
            assertThat(sensitivity.of(kafka, "cdc.metrics", taxonomy).orElseThrow().sensitivity()).isNull();
            assertThat(sensitivity.of(kafka, "nothing", taxonomy)).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aReplicaTakingOverClassifiesWhatTheHolderAppliedButNeverClassified(String kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind)) {
            Jdbi jdbi = database.migrate().jdbi();
            ClassificationStore store = new ClassificationStore(jdbi, Clock.systemUTC());
            PolicyInForce policies = new PolicyInForce(ScannerPolicies.defaults());
            try (IngestClassifier classifier = new IngestClassifier(store,
                    new PiiColumnClassifier(policies, Clock.systemUTC()), policies).start()) {
                // The holder commits the batch and dies before classifying it: it hears nothing.
                LineageIngestor holder = replica(jdbi, "replica-a", batch -> {}).start();
                try (LineageIngestor follower = replica(jdbi, "replica-b", classifier)
                        .onTakeOver(classifier::classifyAwaiting).start()) {
                    holder.submit(ScanFixture.PARSER.parse(customers("loaded_at:timestamp", "email:text"))).join();
                    assertThat(holder.awaitApplied(Duration.ofSeconds(30))).isTrue();
                    assertThat(follower.awaitApplied(holder.appliedSeq(), Duration.ofSeconds(30))).isTrue();
                    assertThat(classifier.awaitIdle(30_000)).isTrue();
                    assertThat(store.classifications(NS, "bronze.customers").orElseThrow())
                            .as("what the follower heard carries no new schemas: the holder's work").isEmpty();

                    holder.close(); // gives the lease up
                    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (!follower.appliesLog() && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                    }
                    assertThat(follower.appliesLog()).isTrue();
                    while (store.classifications(NS, "bronze.customers").orElseThrow().isEmpty()
                            && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                    }
                    assertThat(classifier.awaitIdle(30_000)).isTrue();
                    assertThat(store.classifications(NS, "bronze.customers").orElseThrow())
                            .extracting(Classification::type).containsExactly("EMAIL_ADDRESS");
                } finally {
                    holder.close();
                }
            }
        }
    }

    private static LineageIngestor replica(Jdbi jdbi, String id, Consumer<AppliedBatch> onApplied) {
        return new LineageIngestor(jdbi, ScanFixture.PARSER, Clock.systemUTC(), LineageIngestor.Settings.defaults(),
                onApplied, Optional.of(new LineageIngestor.Replica(id, Duration.ofSeconds(2))));
    }
}
