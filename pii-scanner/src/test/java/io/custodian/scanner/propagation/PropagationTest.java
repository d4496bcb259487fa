package io.custodian.scanner.propagation;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.catalog.classification.Classification;
import io.custodian.catalog.classification.ClassificationSource;
import io.custodian.catalog.classification.Decision;
import io.custodian.catalog.classification.Finding;
import io.custodian.catalog.classification.PathStep;
import io.custodian.catalog.testing.TestDatabase;
import io.custodian.scanner.testing.ScanFixture;
import io.custodian.scanner.testing.ValueShapeClassifier;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.custodian.scanner.policy.PropagationPolicy;
import io.custodian.scanner.policy.ScannerPolicies;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Classifications carried along column lineage that arrived as OpenLineage columnLineage facets
 * through ingestion, on H2 and (when configured) PostgreSQL.
 */
class PropagationTest {
    private static final String NS = "postgres://db:5432";
    private static final Instant T0 = Instant.parse("2025-05-01T10:00:00Z");

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    /** raw.users.email -> copy.users.email (identity) -> mart.users.email_lower (transformation); raw -> stats.count (aggregation). */
    private static void lineage(ScanFixture f) {
        f.ingest(run("COMPLETE", UUID.randomUUID(), T0).job("etl", "copy_users")
                .input(dataset(NS, "raw.users").schema("id:bigint", "email:text"))
                .output(dataset(NS, "copy.users").schema("id:bigint", "email:text")
                        .lineage("email", NS, "raw.users", "email", "IDENTITY")
                        .lineage("id", NS, "raw.users", "id", "IDENTITY"))
                .bytes());
        f.ingest(run("COMPLETE", UUID.randomUUID(), T0).job("etl", "mart_users")
                .input(dataset(NS, "copy.users"))
                .output(dataset(NS, "mart.users").schema("email_lower:text")
                        .lineage("email_lower", NS, "copy.users", "email", "TRANSFORMATION"))
                .bytes());
        f.ingest(run("COMPLETE", UUID.randomUUID(), T0).job("etl", "user_stats")
                .input(dataset(NS, "raw.users"))
                .output(dataset(NS, "stats.users").schema("emails:bigint")
                        .lineage("emails", NS, "raw.users", "email", "AGGREGATION"))
                .bytes());
    }

    private static void detectEmail(ScanFixture f) {
        UUID raw = f.classifications.dataset(NS, "raw.users").orElseThrow().id();
        f.classifications.recordScan(raw, List.of("id", "email"),
                List.of(new Finding("email", "EMAIL_ADDRESS", 0.97, "values", 100, 97)), UUID.randomUUID(), "v1", "p1", T0);
    }

    private static List<Classification> of(ScanFixture f, String name) {
        try {
            assertThat(f.propagation.awaitIdle(30_000)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return f.classifications.classifications(NS, name).orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aClassificationFlowsToCopiesAndTransformationsButNotToAggregates(String kind) {
        try (ScanFixture f = new ScanFixture(kind, List.of(), new ValueShapeClassifier())) {
            lineage(f);
            detectEmail(f);

            assertThat(of(f, "copy.users")).singleElement().satisfies(c -> {
                assertThat(c.field()).isEqualTo("email");
                assertThat(c.type()).isEqualTo("EMAIL_ADDRESS");
                assertThat(c.source()).isEqualTo(ClassificationSource.PROPAGATED);
                assertThat(c.confidence()).isEqualTo(0.97);
                assertThat(c.policyVersion()).isEqualTo(f.policies.get().version());
                assertThat(c.path()).containsExactly(new PathStep(NS, "raw.users", "email", null),
                        new PathStep(NS, "copy.users", "email", "DIRECT/IDENTITY"));
            });
            assertThat(of(f, "mart.users")).singleElement().satisfies(c -> {
                assertThat(c.field()).isEqualTo("email_lower");
                assertThat(c.path()).extracting(PathStep::dataset)
                        .containsExactly("raw.users", "copy.users", "mart.users");
            });
            assertThat(of(f, "stats.users")).isEmpty();
            // shown on the field in the dataset view too
            assertThat(f.reader.dataset(NS, "copy.users").orElseThrow().fields())
                    .filteredOn(x -> x.name().equals("email")).singleElement()
                    .satisfies(x -> assertThat(x.classifications()).hasSize(1));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRecomputationReadsTheRulesInForceAndRecordsTheirVersion(String kind) throws Exception {
        try (ScanFixture f = new ScanFixture(kind, List.of(), new ValueShapeClassifier())) {
            lineage(f);
            detectEmail(f);
            assertThat(of(f, "stats.users")).isEmpty();

            java.nio.file.Path file = java.nio.file.Files.createTempFile("counting", ".yml");
            try {
                java.nio.file.Files.writeString(file,
                        "propagation:\n  by_type:\n    EMAIL_ADDRESS: {DIRECT/AGGREGATION: true}\n");
                f.policies.replace(ScannerPolicies.withFile(file));
            } finally {
                java.nio.file.Files.delete(file);
            }
            f.propagation.recompute();

            String version = f.policies.get().version();
            assertThat(of(f, "stats.users")).singleElement()
                    .satisfies(c -> assertThat(c.policyVersion()).isEqualTo(version));
            assertThat(of(f, "copy.users")).singleElement()
                    .satisfies(c -> assertThat(c.policyVersion()).isEqualTo(version));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void lineageArrivingAfterTheClassificationPropagatesIt(String kind) {
        try (ScanFixture f = new ScanFixture(kind, List.of(), new ValueShapeClassifier())) {
            f.ingest(run("COMPLETE", UUID.randomUUID(), T0).job("etl", "seed")
                    .output(dataset(NS, "raw.users").schema("id:bigint", "email:text")).bytes());
            detectEmail(f);
            assertThat(f.classifications.dataset(NS, "copy.users")).isEmpty();
            lineage(f);
            assertThat(of(f, "copy.users")).extracting(Classification::type).containsExactly("EMAIL_ADDRESS");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aStewardRejectingTheOriginRemovesWhatItPropagated(String kind) {
        try (ScanFixture f = new ScanFixture(kind, List.of(), new ValueShapeClassifier())) {
            lineage(f);
            detectEmail(f);
            assertThat(of(f, "mart.users")).hasSize(1);

            f.classifications.decide(NS, "raw.users", "email", "EMAIL_ADDRESS", Decision.REJECTED, null, "steward-1");

            assertThat(of(f, "copy.users")).isEmpty();
            assertThat(of(f, "mart.users")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aStewardsDecisionDownstreamWinsAndStopsTheFlow(String kind) {
        try (ScanFixture f = new ScanFixture(kind, List.of(), new ValueShapeClassifier())) {
            lineage(f);
            detectEmail(f);
            f.classifications.decide(NS, "copy.users", "email", "EMAIL_ADDRESS", Decision.REJECTED, "hashed", "s");

            assertThat(of(f, "copy.users")).singleElement().satisfies(c -> {
                assertThat(c.source()).isEqualTo(ClassificationSource.STEWARD);
                assertThat(c.decision()).isEqualTo(Decision.REJECTED);
            });
            assertThat(of(f, "mart.users")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aLineageCycleEnds(String kind) {
        try (ScanFixture f = new ScanFixture(kind, List.of(), new ValueShapeClassifier())) {
            lineage(f);
            // copy.users.email is also computed from mart.users.email_lower: a cycle.
            f.ingest(run("COMPLETE", UUID.randomUUID(), T0.plusSeconds(60)).job("etl", "back_fill")
                    .input(dataset(NS, "mart.users"))
                    .output(dataset(NS, "raw.users").schema("id:bigint", "email:text")
                            .lineage("email", NS, "mart.users", "email_lower", "IDENTITY"))
                    .bytes());
            detectEmail(f);
            assertThat(of(f, "mart.users")).hasSize(1);
            assertThat(of(f, "raw.users")).singleElement()
                    .satisfies(c -> assertThat(c.source()).isEqualTo(ClassificationSource.SCANNER));
            assertThat(f.propagation.recompute()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRuleForOneClassificationChangesWhereOnlyItFlows(String kind) {
        // Counting emails still counts people: for EMAIL_ADDRESS only, aggregation carries.
        PropagationPolicy.EdgeKind aggregation = PropagationPolicy.EdgeKind.parse("DIRECT/AGGREGATION");
        PropagationPolicy rules = new PropagationPolicy(ScannerPolicies.propagation(ScannerPolicies.defaults()).defaults(),
                Map.of("EMAIL_ADDRESS", Map.of(aggregation, true)));
        assertThat(rules.carries("EMAIL_ADDRESS", "DIRECT", "AGGREGATION")).isTrue();
        try (ScanFixture f = new ScanFixture(kind, List.of(), new ValueShapeClassifier(), rules::carries)) {
            lineage(f);
            detectEmail(f);
            UUID raw = f.classifications.dataset(NS, "raw.users").orElseThrow().id();
            f.classifications.recordScan(raw, List.of("id"),
                    List.of(new Finding("id", "PERSON_ID", 0.9, "name", 100, 100)), UUID.randomUUID(), "v1", "p1", T0);

            assertThat(of(f, "stats.users")).extracting(Classification::type).containsExactly("EMAIL_ADDRESS");
            assertThat(of(f, "copy.users")).extracting(Classification::type)
                    .containsExactly("EMAIL_ADDRESS", "PERSON_ID");
        }
    }
}
