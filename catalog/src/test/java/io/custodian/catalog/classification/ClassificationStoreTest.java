package io.custodian.catalog.classification;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodian.catalog.field.FieldRef;
import io.custodian.catalog.ingest.LineageEventParser;
import io.custodian.catalog.ingest.LineageIngestor;
import io.custodian.catalog.read.CatalogReader;
import io.custodian.catalog.read.Views.Field;
import io.custodian.catalog.store.CatalogDatabase;
import io.custodian.catalog.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Classifications stored on fields, on H2 and (when configured) PostgreSQL. */
class ClassificationStoreTest {
    private static final String NS = "postgres://db:5432";
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final LineageEventParser parser = new LineageEventParser();

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    private record Fixture(TestDatabase database, LineageIngestor ingestor, ClassificationStore store,
            CatalogReader reader, UUID users, org.jdbi.v3.core.Jdbi jdbi) implements AutoCloseable {
        static Fixture open(String kind) {
            TestDatabase database = TestDatabase.create(kind);
            CatalogDatabase catalog = database.migrate();
            LineageIngestor ingestor = new LineageIngestor(catalog.jdbi(), parser, Clock.systemUTC(),
                    LineageIngestor.Settings.defaults()).start();
            ingestor.submit(parser.parse(run("COMPLETE", UUID.randomUUID(), T0)
                    .output(dataset(NS, "shop.users").schema("id:bigint", "email:text", "note:text"))
                    .bytes())).join();
            assertThat(ingestor.awaitApplied(Duration.ofSeconds(30))).isTrue();
            ClassificationStore store = new ClassificationStore(catalog.jdbi(), Clock.systemUTC());
            return new Fixture(database, ingestor, store, new CatalogReader(catalog.jdbi(), new ObjectMapper()),
                    store.dataset(NS, "shop.users").orElseThrow().id(), catalog.jdbi());
        }

        List<Field> fields() {
            return reader.dataset(NS, "shop.users").orElseThrow().fields();
        }

        @Override
        public void close() {
            ingestor.close();
            database.close();
        }
    }

    private static Finding email(double confidence) {
        return new Finding("email", "EMAIL_ADDRESS", confidence, "name and values", 100, 97);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void scanFindingsAppearOnTheDatasetFields(String kind) {
        try (Fixture f = Fixture.open(kind)) {
            f.store().recordScan(f.users(), List.of("id", "email", "note"), List.of(email(0.9)), UUID.randomUUID(),
                    "v1", "p1", T0);

            Field emailField = f.fields().stream().filter(x -> x.name().equals("email")).findFirst().orElseThrow();
            assertThat(emailField.classifications()).singleElement().satisfies(c -> {
                assertThat(c.type()).isEqualTo("EMAIL_ADDRESS");
                assertThat(c.policyVersion()).isEqualTo("p1");
                assertThat(c.source()).isEqualTo(ClassificationSource.SCANNER);
                assertThat(c.confidence()).isEqualTo(0.9);
                assertThat(c.sampleSize()).isEqualTo(100);
                assertThat(c.matchedCount()).isEqualTo(97);
                assertThat(c.detectorVersion()).isEqualTo("v1");
            });
            assertThat(f.fields().stream().filter(x -> !x.name().equals("email")))
                    .allSatisfy(x -> assertThat(x.classifications()).isEmpty());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aFieldNoLongerDetectedLosesItsScannerClassification(String kind) {
        try (Fixture f = Fixture.open(kind)) {
            f.store().recordScan(f.users(), List.of("email"), List.of(email(0.9)), UUID.randomUUID(), "v1", "p1", T0);
            f.store().recordScan(f.users(), List.of("email"), List.of(), UUID.randomUUID(), "v1", "p1", T0.plusSeconds(60));
            assertThat(f.store().classifications(NS, "shop.users").orElseThrow()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aFieldNotScannedKeepsWhatItHad(String kind) {
        try (Fixture f = Fixture.open(kind)) {
            f.store().recordScan(f.users(), List.of("email"), List.of(email(0.9)), UUID.randomUUID(), "v1", "p1", T0);
            f.store().recordScan(f.users(), List.of("note"), List.of(), UUID.randomUUID(), "v1", "p1", T0.plusSeconds(60));
            assertThat(f.store().classifications(NS, "shop.users").orElseThrow()).hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aStewardRejectionSurvivesARescanAndHidesTheType(String kind) {
        try (Fixture f = Fixture.open(kind)) {
            f.store().recordScan(f.users(), List.of("email"), List.of(email(0.9)), UUID.randomUUID(), "v1", "p1", T0);
            Classification rejected = f.store().decide(NS, "shop.users", "email", "EMAIL_ADDRESS", Decision.REJECTED,
                    "test accounts only", "steward-1");
            assertThat(rejected.decision()).isEqualTo(Decision.REJECTED);
            assertThat(rejected.source()).isEqualTo(ClassificationSource.STEWARD);

            f.store().recordScan(f.users(), List.of("email"), List.of(email(0.95)), UUID.randomUUID(), "v2", "p1",
                    T0.plusSeconds(60));

            assertThat(f.fields()).allSatisfy(x -> assertThat(x.classifications()).isEmpty());
            Classification listed = f.store().classifications(NS, "shop.users").orElseThrow().get(0);
            assertThat(listed.decision()).isEqualTo(Decision.REJECTED);
            assertThat(listed.decidedBy()).isEqualTo("steward-1");
            assertThat(listed.note()).isEqualTo("test accounts only");
            // the scanner's evidence from before the decision stays; the later scan did not touch it
            assertThat(listed.detectorVersion()).isEqualTo("v1");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aStewardConfirmationSurvivesAScanThatNoLongerFindsTheType(String kind) {
        try (Fixture f = Fixture.open(kind)) {
            f.store().decide(NS, "shop.users", "note", "PERSON_NAME", Decision.CONFIRMED, null, "steward-1");
            f.store().recordScan(f.users(), List.of("note"), List.of(), UUID.randomUUID(), "v1", "p1", T0);
            Field note = f.fields().stream().filter(x -> x.name().equals("note")).findFirst().orElseThrow();
            assertThat(note.classifications()).singleElement().satisfies(c -> {
                assertThat(c.source()).isEqualTo(ClassificationSource.STEWARD);
                assertThat(c.decision()).isEqualTo(Decision.CONFIRMED);
            });
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void decisionsOnUnknownDatasetsOrFieldsAreRefusedAndWriteNothing(String kind) {
        try (Fixture f = Fixture.open(kind)) {
            assertThatThrownBy(() -> f.store().decide(NS, "shop.nope", "email", "EMAIL_ADDRESS", Decision.CONFIRMED,
                    null, "s")).isInstanceOfSatisfying(UnknownTargetException.class,
                            e -> assertThat(e.what()).isEqualTo("dataset"));
            assertThatThrownBy(() -> f.store().decide(NS, "shop.users", "mail", "EMAIL_ADDRESS", Decision.CONFIRMED,
                    null, "s")).isInstanceOfSatisfying(UnknownTargetException.class,
                            e -> assertThat(e.what()).isEqualTo("field"));
            assertThatThrownBy(() -> f.store().decide(NS, "shop.users", "email", "email'; DROP TABLE x",
                    Decision.CONFIRMED, null, "s")).isInstanceOf(IllegalArgumentException.class);
            assertThat(f.store().classifications(NS, "shop.users").orElseThrow()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void propagatedClassificationsAreReplacedByDifferenceAndListenersHearOfIt(String kind) {
        try (Fixture f = Fixture.open(kind)) {
            List<Set<UUID>> heard = new ArrayList<>();
            f.store().addListener(heard::add);
            List<PathStep> path = List.of(new PathStep("raw", "users", "mail", null),
                    new PathStep(NS, "shop.users", "email", "DIRECT/IDENTITY"));
            Propagated p = new Propagated(new FieldRef(NS, "shop.users", "email"), "EMAIL_ADDRESS", 0.8, "v1", "p1", path);

            assertThat(f.store().replacePropagated(List.of(p))).containsExactly(f.users());
            assertThat(f.store().replacePropagated(List.of(p))).isEmpty();
            Classification shown = f.store().classifications(NS, "shop.users").orElseThrow().get(0);
            assertThat(shown.source()).isEqualTo(ClassificationSource.PROPAGATED);
            assertThat(shown.path()).isEqualTo(path);
            assertThat(shown.confidence()).isEqualTo(0.8);
            assertThat(shown.policyVersion()).isEqualTo("p1");

            assertThat(f.store().replacePropagated(List.of())).containsExactly(f.users());
            assertThat(f.store().classifications(NS, "shop.users").orElseThrow()).isEmpty();
            assertThat(heard).containsExactly(Set.of(f.users()), Set.of(f.users()));
        }
    }
    @ParameterizedTest
    @MethodSource("databases")
    void twoReplicasRecomputingPropagationAtOnceTakeTurnsTheSecondSeeingTheFirstsResult(String kind) throws Exception {
        try (Fixture f = Fixture.open(kind)) {
            // A second store on the same database: another replica's, with a lock of its own in its process.
            ClassificationStore other = new ClassificationStore(f.jdbi(), Clock.systemUTC());
            Propagated p = new Propagated(new FieldRef(NS, "shop.users", "email"), "EMAIL_ADDRESS", 0.8, "v1", "p1",
                    List.of(new PathStep("raw", "users", "mail", null),
                            new PathStep(NS, "shop.users", "email", "DIRECT/IDENTITY")));
            java.util.concurrent.CountDownLatch bothComputing = new java.util.concurrent.CountDownLatch(2);
            java.util.function.Supplier<List<Propagated>> slowly = () -> {
                bothComputing.countDown();
                try {
                    // Long enough for the other recomputation to reach the lock while this one holds it.
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return List.of(p);
            };
            java.util.concurrent.ExecutorService replicas = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                java.util.concurrent.Future<Set<UUID>> first = replicas.submit(() -> f.store().replacePropagated(slowly));
                java.util.concurrent.Future<Set<UUID>> second = replicas.submit(() -> other.replacePropagated(slowly));
                List<Set<UUID>> changed = List.of(first.get(30, java.util.concurrent.TimeUnit.SECONDS),
                        second.get(30, java.util.concurrent.TimeUnit.SECONDS));
                assertThat(changed).as("one wrote the row; the other computed after it and found nothing to change")
                        .containsExactlyInAnyOrder(Set.of(f.users()), Set.of());
                assertThat(bothComputing.getCount()).isZero();
            } finally {
                replicas.shutdownNow();
            }
            assertThat(f.store().classifications(NS, "shop.users").orElseThrow()).hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void importedClassificationsAreReplacedWholeAndRankBelowTheCatalogsOwnSources(String kind) {
        try (Fixture f = Fixture.open(kind)) {
            f.store().recordScan(f.users(), List.of("email"), List.of(email(0.9)), UUID.randomUUID(), "v1", "p1", T0);
            int recorded = f.store().replaceImported(f.users(), List.of(
                    new ImportedClassification("email", "EMAIL_ADDRESS", "Atlas hive_column shop.users.email@prod"),
                    new ImportedClassification("note", "PERSON_NAME", "Atlas hive_column shop.users.note@prod"),
                    new ImportedClassification("gone", "PERSON_NAME", "a column the schema does not have")));

            assertThat(recorded).isEqualTo(2);
            List<Classification> all = f.store().classifications(NS, "shop.users").orElseThrow();
            assertThat(all).extracting(c -> c.field() + ":" + c.source() + ":" + c.sources())
                    .containsExactly("email:SCANNER:[SCANNER, ATLAS]", "note:ATLAS:[ATLAS]");

            f.store().replaceImported(f.users(), List.of(
                    new ImportedClassification("email", "EMAIL_ADDRESS", "Atlas hive_column shop.users.email@prod")));
            assertThat(f.store().classifications(NS, "shop.users").orElseThrow()).extracting(Classification::field)
                    .containsExactly("email");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aStewardsRejectionOfWhatAtlasHoldsIsInForceAndShownAsAConflict(String kind) {
        try (Fixture f = Fixture.open(kind)) {
            f.store().replaceImported(f.users(), List.of(
                    new ImportedClassification("note", "PERSON_NAME", "Atlas hive_column shop.users.note@prod")));
            f.store().decide(NS, "shop.users", "note", "PERSON_NAME", Decision.REJECTED, null, "steward");

            Classification note = f.store().classifications(NS, "shop.users").orElseThrow().get(0);
            assertThat(note.active()).isFalse();
            assertThat(note.source()).isEqualTo(ClassificationSource.STEWARD);
            assertThat(note.conflict()).startsWith("Atlas classifies the field as PERSON_NAME; a steward rejected it");
            assertThat(f.fields()).allSatisfy(field -> assertThat(field.classifications()).isEmpty());
        }
    }
}
