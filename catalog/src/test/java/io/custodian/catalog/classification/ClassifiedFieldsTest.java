package io.custodian.catalog.classification;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.custodian.catalog.field.FieldRef;
import io.custodian.catalog.testing.TestCatalog;
import io.custodian.catalog.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Fields classified as given types, with the provenance of each, on H2 and (when configured) PostgreSQL. */
class ClassifiedFieldsTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final String NS = "warehouse";
    private static final String OTHER = "lake";

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    /** A store where raw.users has scanner findings, one rejected by a steward, and staging.users a propagated one. */
    private record Fixture(TestCatalog catalog, ClassificationStore store, ClassifiedFields fields)
            implements AutoCloseable {
        static Fixture open(String kind) {
            TestCatalog catalog = TestCatalog.open(kind);
            catalog.ingest(run("COMPLETE", UUID.randomUUID(), T0)
                    .input(dataset(NS, "raw.users").schema("id:int", "email:text", "name:text"))
                    .output(dataset(NS, "staging.users").schema("email:text")
                            .lineage("email", NS, "raw.users", "email", "IDENTITY")),
                    run("COMPLETE", UUID.randomUUID(), T0).job("lake", "copy")
                            .output(dataset(OTHER, "users").schema("email:text")));
            ClassificationStore store = new ClassificationStore(catalog.jdbi(), Clock.systemUTC());
            UUID raw = store.dataset(NS, "raw.users").orElseThrow().id();
            store.recordScan(raw, List.of("id", "email", "name"), List.of(
                    new Finding("email", "EMAIL_ADDRESS", 0.97, "values look like e-mail addresses", 100, 97),
                    new Finding("name", "PERSON_NAME", 0.6, "values look like names", 100, 60),
                    new Finding("id", "PERSON_ID", 0.8, "column name", 100, 100)), UUID.randomUUID(), "detectors-7", "policy-1", T0);
            store.decide(NS, "raw.users", "name", "PERSON_NAME", Decision.REJECTED, "product names", "steward");
            store.replacePropagated(List.of(new Propagated(new FieldRef(NS, "staging.users", "email"),
                    "EMAIL_ADDRESS", 0.97, "detectors-7", "policy-1", List.of(new PathStep(NS, "raw.users", "email", null),
                            new PathStep(NS, "staging.users", "email", "DIRECT/IDENTITY")))));
            UUID lake = store.dataset(OTHER, "users").orElseThrow().id();
            store.recordScan(lake, List.of("email"), List.of(new Finding("email", "EMAIL_ADDRESS", 0.9, "values", 10,
                    9)), UUID.randomUUID(), "detectors-7", "policy-1", T0);
            return new Fixture(catalog, store, new ClassifiedFields(catalog.jdbi(), store));
        }

        @Override
        public void close() {
            catalog.close();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void everyFieldOfTheTypesWithItsProvenanceButNotWhatAStewardRejected(String kind) {
        try (Fixture f = Fixture.open(kind)) {
            List<ClassifiedField> found = f.fields().classifiedAs(Set.of("EMAIL_ADDRESS", "PERSON_NAME"),
                    Optional.empty());

            assertThat(found).extracting(c -> c.field().toString(), c -> c.classification().type(),
                    c -> c.classification().source()).containsExactly(
                    tuple("lake/users/email", "EMAIL_ADDRESS", ClassificationSource.SCANNER),
                    tuple("warehouse/raw.users/email", "EMAIL_ADDRESS", ClassificationSource.SCANNER),
                    tuple("warehouse/staging.users/email", "EMAIL_ADDRESS", ClassificationSource.PROPAGATED));
            Classification scanned = found.get(1).classification();
            assertThat(scanned.confidence()).isEqualTo(0.97);
            assertThat(scanned.detectorVersion()).isEqualTo("detectors-7");
            assertThat(scanned.decision()).isNull();
            assertThat(found.get(2).classification().path()).extracting(PathStep::dataset, PathStep::transformation)
                    .containsExactly(tuple("raw.users", null), tuple("staging.users", "DIRECT/IDENTITY"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aStewardsConfirmationShowsWithTheScannersEvidence(String kind) {
        try (Fixture f = Fixture.open(kind)) {
            f.store().decide(NS, "raw.users", "id", "PERSON_ID", Decision.CONFIRMED, null, "steward");

            assertThat(f.fields().classifiedAs(Set.of("PERSON_ID"), Optional.empty())).singleElement()
                    .satisfies(c -> {
                        assertThat(c.field()).isEqualTo(new FieldRef(NS, "raw.users", "id"));
                        assertThat(c.classification().source()).isEqualTo(ClassificationSource.STEWARD);
                        assertThat(c.classification().decision()).isEqualTo(Decision.CONFIRMED);
                        assertThat(c.classification().confidence()).isEqualTo(0.8);
                    });
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aNamespaceNarrowsTheAnswerAndUnknownTypesFindNothing(String kind) {
        try (Fixture f = Fixture.open(kind)) {
            assertThat(f.fields().classifiedAs(Set.of("EMAIL_ADDRESS"), Optional.of(OTHER)))
                    .extracting(c -> c.field().toString()).containsExactly("lake/users/email");
            assertThat(f.fields().classifiedAs(Set.of("IBAN"), Optional.empty())).isEmpty();
            assertThat(f.fields().classifiedAs(Set.of(), Optional.empty())).isEmpty();
            assertThatThrownBy(() -> f.fields().classifiedAs(Set.of("email'; DROP TABLE x"), Optional.empty()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("classification type");
        }
    }
}
