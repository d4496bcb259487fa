package io.custodian.catalog.lineage;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.custodian.catalog.field.FieldRef;
import io.custodian.catalog.lineage.Closure.Edge;
import io.custodian.catalog.lineage.Closure.Reached;
import io.custodian.catalog.lineage.Closure.Step;
import io.custodian.catalog.testing.Events.RunEventBuilder;
import io.custodian.catalog.testing.TestCatalog;
import io.custodian.catalog.testing.TestDatabase;
import io.custodian.lineage.graph.Direction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The column lineage closure over ingested events, on H2 and (when configured) PostgreSQL. */
class ColumnLineageClosureTest {
    private static final Instant T0 = Instant.parse("2025-04-01T00:00:00Z");
    private static final String NS = "warehouse";
    private static final ClosureBudget PLENTY = ClosureBudget.fields(10_000);

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    private static FieldRef field(String dataset, String field) {
        return new FieldRef(NS, dataset, field);
    }

    /** A test store with the closure under test. */
    private record Store(TestCatalog catalog, ColumnLineageClosure closure) implements AutoCloseable {
        static Store open(String kind, RunEventBuilder... events) {
            TestCatalog catalog = TestCatalog.open(kind);
            catalog.ingest(events);
            return new Store(catalog, new ColumnLineageClosure(catalog.jdbi(), Clock.systemUTC()));
        }

        Closure of(Direction direction, FieldRef... starts) {
            return closure.closure(List.of(starts), direction, PLENTY);
        }

        @Override
        public void close() {
            catalog.close();
        }
    }

    /**
     * raw.users -> staging.users -> gold.users -> mart.counts, producer lineage throughout;
     * staging.users.email fans out to three exports.
     */
    private static RunEventBuilder[] pipeline() {
        return new RunEventBuilder[] {
            run("COMPLETE", UUID.randomUUID(), T0).job("etl", "stage_users")
                    .input(dataset(NS, "raw.users").schema("id:int", "email:text", "name:text"))
                    .output(dataset(NS, "staging.users").schema("user_id:int", "email:text", "email_hash:text")
                            .lineage("user_id", NS, "raw.users", "id", "IDENTITY")
                            .lineage("email", NS, "raw.users", "email", "IDENTITY")
                            .lineage("email_hash", NS, "raw.users", "email", "DIRECT", "TRANSFORMATION",
                                    "sha256(email || name)", true)
                            .lineage("email_hash", NS, "raw.users", "name", "DIRECT", "TRANSFORMATION",
                                    "sha256(email || name)", true)),
            run("COMPLETE", UUID.randomUUID(), T0).job("etl", "gold_users")
                    .input(dataset(NS, "staging.users"))
                    .output(dataset(NS, "gold.users").schema("user_id:int", "contact:text")
                            .lineage("user_id", NS, "staging.users", "user_id", "IDENTITY")
                            .lineage("contact", NS, "staging.users", "email", "IDENTITY")),
            run("COMPLETE", UUID.randomUUID(), T0).job("etl", "count_users")
                    .input(dataset(NS, "gold.users"))
                    .output(dataset(NS, "mart.counts").schema("n:bigint")
                            .lineage("n", NS, "gold.users", "user_id", "INDIRECT", "AGGREGATION", "count(*)",
                                    false)),
            run("COMPLETE", UUID.randomUUID(), T0).job("etl", "export_emails")
                    .input(dataset(NS, "staging.users"))
                    .output(dataset(NS, "exports.a").schema("email:text")
                            .lineage("email", NS, "staging.users", "email", "IDENTITY"))
                    .output(dataset(NS, "exports.b").schema("email:text")
                            .lineage("email", NS, "staging.users", "email", "IDENTITY"))
                    .output(dataset(NS, "exports.c").schema("email:text")
                            .lineage("email", NS, "staging.users", "email", "IDENTITY")),
        };
    }

    private static List<Object> fields(Closure closure) {
        return closure.fields().stream().map(r -> (Object) tuple(r.field().dataset() + "." + r.field().field(),
                r.direction(), r.distance())).toList();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void downstreamReachesEveryFieldComputedFromTheStartThroughSeveralHops(String kind) {
        try (Store store = Store.open(kind, pipeline())) {
            Closure closure = store.of(Direction.DOWNSTREAM, field("raw.users", "email"));

            assertThat(closure.starts()).containsExactly(field("raw.users", "email"));
            assertThat(closure.fields()).extracting(r -> r.field().dataset() + "." + r.field().field(),
                    Reached::direction, Reached::distance).containsExactlyInAnyOrder(
                    tuple("staging.users.email", Direction.DOWNSTREAM, 1),
                    tuple("staging.users.email_hash", Direction.DOWNSTREAM, 1),
                    tuple("gold.users.contact", Direction.DOWNSTREAM, 2),
                    tuple("exports.a.email", Direction.DOWNSTREAM, 2),
                    tuple("exports.b.email", Direction.DOWNSTREAM, 2),
                    tuple("exports.c.email", Direction.DOWNSTREAM, 2));
            assertThat(closure.fields()).extracting(Reached::distance).isSorted();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void upstreamReachesEveryFieldTheStartIsComputedFrom(String kind) {
        try (Store store = Store.open(kind, pipeline())) {
            Closure closure = store.of(Direction.UPSTREAM, field("mart.counts", "n"));

            assertThat(closure.fields()).extracting(r -> r.field().dataset() + "." + r.field().field(),
                    Reached::distance).containsExactly(
                    tuple("gold.users.user_id", 1), tuple("staging.users.user_id", 2), tuple("raw.users.id", 3));
            Edge aggregation = closure.fields().get(0).reachedBy().get(0);
            assertThat(aggregation.origin()).isEqualTo(field("gold.users", "user_id"));
            assertThat(aggregation.destination()).isEqualTo(field("mart.counts", "n"));
            assertThat(aggregation.type()).isEqualTo("INDIRECT");
            assertThat(aggregation.subtype()).isEqualTo("AGGREGATION");
            assertThat(aggregation.description()).isEqualTo("count(*)");
            assertThat(aggregation.provenance()).isEqualTo(Provenance.PRODUCER);
            assertThat(aggregation.job()).isEqualTo(new Closure.Job("etl", "count_users"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aFieldCarriesAShortestPathFromAStartFieldWithTheEdgeOfEachStep(String kind) {
        try (Store store = Store.open(kind, pipeline())) {
            Closure closure = store.of(Direction.DOWNSTREAM, field("raw.users", "email"));

            Reached contact = closure.fields().stream()
                    .filter(r -> r.field().equals(field("gold.users", "contact"))).findFirst().orElseThrow();
            assertThat(contact.path()).extracting(Step::field).containsExactly(field("raw.users", "email"),
                    field("staging.users", "email"), field("gold.users", "contact"));
            assertThat(contact.path().get(0).via()).isNull();
            Edge last = contact.path().get(2).via();
            assertThat(last.origin()).isEqualTo(field("staging.users", "email"));
            assertThat(last.destination()).isEqualTo(field("gold.users", "contact"));
            assertThat(last.subtype()).isEqualTo("IDENTITY");
            assertThat(last.job()).isEqualTo(new Closure.Job("etl", "gold_users"));
            assertThat(contact.reachedBy()).containsExactly(last);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aFieldComputedFromTwoStartFieldsListsBothEdgesWithTheirMasking(String kind) {
        try (Store store = Store.open(kind, pipeline())) {
            Closure closure = store.of(Direction.DOWNSTREAM, field("raw.users", "email"), field("raw.users", "name"));

            Reached hash = closure.fields().stream()
                    .filter(r -> r.field().equals(field("staging.users", "email_hash"))).findFirst().orElseThrow();
            assertThat(hash.distance()).isEqualTo(1);
            assertThat(hash.reachedBy()).extracting(Edge::origin, Edge::subtype, Edge::masking)
                    .containsExactlyInAnyOrder(tuple(field("raw.users", "email"), "TRANSFORMATION", true),
                            tuple(field("raw.users", "name"), "TRANSFORMATION", true));
            assertThat(hash.path()).hasSize(2);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void producerLineageOfAnOutputDatasetHidesLineageDerivedFromSqlForIt(String kind) {
        RunEventBuilder derivedOnly = run("COMPLETE", UUID.randomUUID(), T0).job("etl", "copy_emails")
                .sql("INSERT INTO analytics.emails (email) SELECT email FROM raw.users")
                .input(dataset(NS, "raw.users").schema("id:int", "email:text", "name:text"))
                .output(dataset(NS, "analytics.emails").schema("email:text"));
        RunEventBuilder derivedContacts = run("COMPLETE", UUID.randomUUID(), T0).job("etl", "contacts_from_sql")
                .sql("INSERT INTO analytics.contacts (contact) SELECT email FROM raw.users")
                .input(dataset(NS, "raw.users").schema("id:int", "email:text", "name:text"))
                .output(dataset(NS, "analytics.contacts").schema("contact:text"));
        RunEventBuilder producerContacts = run("COMPLETE", UUID.randomUUID(), T0).job("etl", "contacts")
                .input(dataset(NS, "raw.users"))
                .output(dataset(NS, "analytics.contacts").schema("contact:text")
                        .lineage("contact", NS, "raw.users", "name", "IDENTITY"));
        try (Store store = Store.open(kind, derivedOnly, derivedContacts, producerContacts)) {
            Closure fromEmail = store.of(Direction.DOWNSTREAM, field("raw.users", "email"));
            Closure fromName = store.of(Direction.DOWNSTREAM, field("raw.users", "name"));

            assertThat(fromEmail.fields()).singleElement().satisfies(r -> {
                assertThat(r.field()).isEqualTo(field("analytics.emails", "email"));
                assertThat(r.reachedBy()).extracting(Edge::provenance, Edge::job)
                        .containsExactly(tuple(Provenance.DERIVED, new Closure.Job("etl", "copy_emails")));
            });
            assertThat(fromName.fields()).singleElement().satisfies(r -> {
                assertThat(r.field()).isEqualTo(field("analytics.contacts", "contact"));
                assertThat(r.reachedBy()).extracting(Edge::provenance).containsExactly(Provenance.PRODUCER);
            });
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aCycleEndsAndBothDirectionsReachItsOtherField(String kind) {
        RunEventBuilder forth = run("COMPLETE", UUID.randomUUID(), T0).job("etl", "forth")
                .input(dataset(NS, "loop.a").schema("x:int"))
                .output(dataset(NS, "loop.b").schema("x:int").lineage("x", NS, "loop.a", "x", "IDENTITY"));
        RunEventBuilder back = run("COMPLETE", UUID.randomUUID(), T0).job("etl", "back")
                .input(dataset(NS, "loop.b"))
                .output(dataset(NS, "loop.a").schema("x:int").lineage("x", NS, "loop.b", "x", "IDENTITY"));
        try (Store store = Store.open(kind, forth, back)) {
            assertThat(fields(store.of(Direction.DOWNSTREAM, field("loop.a", "x"))))
                    .containsExactly(tuple("loop.b.x", Direction.DOWNSTREAM, 1));
            assertThat(fields(store.of(Direction.BOTH, field("loop.a", "x")))).containsExactly(
                    tuple("loop.b.x", Direction.DOWNSTREAM, 1), tuple("loop.b.x", Direction.UPSTREAM, 1));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aClosureLargerThanItsFieldBudgetThrowsSayingHowFarItGot(String kind) {
        try (Store store = Store.open(kind, pipeline())) {
            // The start and the six fields downstream of it: seven in all.
            assertThat(store.closure().closure(Set.of(field("raw.users", "email")), Direction.DOWNSTREAM,
                    ClosureBudget.fields(7)).fields()).hasSize(6);

            assertThatThrownBy(() -> store.closure().closure(Set.of(field("raw.users", "email")),
                    Direction.DOWNSTREAM, ClosureBudget.fields(6)))
                    .isInstanceOfSatisfying(ClosureBudgetExceededException.class, e -> {
                        assertThat(e.limit()).isEqualTo(ClosureBudgetExceededException.Limit.FIELDS);
                        assertThat(e.fieldsVisited()).isEqualTo(7);
                        assertThat(e.distanceReached()).isEqualTo(2);
                        assertThat(e.getMessage()).contains("more than 6 fields");
                    });
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aClosureOutOfTimeThrowsRatherThanReturningWhatItHas(String kind) {
        try (Store store = Store.open(kind, pipeline())) {
            assertThatThrownBy(() -> store.closure().closure(Set.of(field("raw.users", "email")),
                    Direction.DOWNSTREAM, PLENTY.within(Duration.ZERO)))
                    .isInstanceOfSatisfying(ClosureBudgetExceededException.class,
                            e -> assertThat(e.limit()).isEqualTo(ClosureBudgetExceededException.Limit.TIME));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void unknownStartFieldsAreNamedInTheError(String kind) {
        try (Store store = Store.open(kind, pipeline())) {
            assertThatThrownBy(() -> store.of(Direction.DOWNSTREAM, field("raw.users", "email"),
                    field("raw.users", "no_such_field"), field("no.such.dataset", "email")))
                    .isInstanceOfSatisfying(UnknownFieldsException.class, e -> {
                        assertThat(e.fields()).containsExactly(field("no.such.dataset", "email"),
                                field("raw.users", "no_such_field"));
                        assertThat(e.getMessage()).contains("warehouse/raw.users/no_such_field");
                    });
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aFieldWithoutLineageHasAnEmptyClosure(String kind) {
        try (Store store = Store.open(kind, pipeline())) {
            assertThat(store.of(Direction.BOTH, field("exports.a", "email")).fields())
                    .extracting(r -> r.field().dataset() + "." + r.field().field())
                    .containsExactly("staging.users.email", "raw.users.email");
            assertThat(store.of(Direction.DOWNSTREAM, field("mart.counts", "n")).fields()).isEmpty();
        }
    }
}
