package io.custodian.erasure.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.custodian.catalog.testing.TestDatabase;
import io.custodian.erasure.execute.StepState.Status;
import io.custodian.erasure.plan.Locator;
import io.custodian.erasure.plan.PlannedStep;
import io.custodian.erasure.policy.ErasureAction;
import io.custodian.erasure.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The step rows on a real store: H2, and PostgreSQL when configured. */
class StepStoreTest {
    private static final Duration LEASE = Duration.ofMinutes(5);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));

    static Stream<String> stores() {
        return TestDatabase.all();
    }

    static PlannedStep delete(int order) {
        return new PlannedStep(order, "test://shop", "s.t" + order, ErasureAction.DELETE_ROWS, "raw copy",
                Optional.of("shop"), Optional.of("s"), Optional.of("t" + order), Optional.of("h2"),
                List.of(new Locator("email", "VARCHAR", "EMAIL_ADDRESS", Locator.Match.IGNORE_CASE, "classified")),
                List.of(), List.of("email"), Optional.empty(), Optional.empty(), List.of(), List.of(),
                OptionalLong.empty(), Optional.empty(), List.of(), true);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void stepsAreWrittenOnceWhateverTheCallsThatFollow(String kind) {
        try (TestDatabase db = TestDatabase.create(kind)) {
            StepStore store = new StepStore(db.migrate().jdbi(), clock);
            UUID request = UUID.randomUUID();
            store.insert(request, List.of(delete(1), ShopFixture.manual(2)));
            store.insert(request, List.of(delete(1), delete(2), delete(3)));

            assertThat(store.steps(request)).extracting(StepState::order, StepState::action, StepState::status)
                    .containsExactly(tuple(1, ErasureAction.DELETE_ROWS, Status.PENDING),
                            tuple(2, ErasureAction.MANUAL, Status.PENDING));
            assertThat(store.steps(UUID.randomUUID())).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void stepsAreClaimedInOrderAndALiveClaimHoldsTheStepsAfterIt(String kind) {
        try (TestDatabase db = TestDatabase.create(kind)) {
            StepStore store = new StepStore(db.migrate().jdbi(), clock);
            UUID request = UUID.randomUUID();
            store.insert(request, List.of(delete(1), delete(2), delete(3)));

            StepState first = store.claimNext(request, "a", LEASE).orElseThrow();
            assertThat(first.order()).isEqualTo(1);
            assertThat(first.status()).isEqualTo(Status.RUNNING);
            assertThat(first.leaseUntil()).hasValue(clock.instant().plus(LEASE));
            assertThat(store.claimNext(request, "b", LEASE)).isEmpty();

            store.fail(request, 1, "a", "deleting failed: java.sql.SQLException (SQLState 42501)", OptionalLong.empty());
            StepState second = store.claimNext(request, "b", LEASE).orElseThrow();
            assertThat(second.order()).isEqualTo(2);
            store.waiting(request, 2, "b", "someone decides");
            assertThat(store.claimNext(request, "b", LEASE)).hasValueSatisfying(s -> assertThat(s.order()).isEqualTo(3));
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aStepWhoseLeaseExpiredIsTakenOverAndItsFormerOwnerCanNoLongerWriteIt(String kind) {
        try (TestDatabase db = TestDatabase.create(kind)) {
            StepStore store = new StepStore(db.migrate().jdbi(), clock);
            UUID request = UUID.randomUUID();
            store.insert(request, List.of(delete(1)));
            store.claimNext(request, "a", LEASE).orElseThrow();
            store.countedBefore(request, 1, "a", 10);
            store.progress(request, 1, "a", 4, LEASE);

            clock.advance(LEASE.plusSeconds(1));
            StepState taken = store.claimNext(request, "b", LEASE).orElseThrow();

            assertThat(taken.claimedBy()).hasValue("b");
            assertThat(taken.rowsBefore()).hasValue(10);
            assertThat(taken.rowsAffected()).hasValue(4);
            assertThatThrownBy(() -> store.progress(request, 1, "a", 8, LEASE)).isInstanceOf(LostClaimException.class);
            StepState done = store.finish(request, 1, "b", OptionalLong.empty(), 10, OptionalLong.of(0), true, "deleted");
            assertThat(done.status()).isEqualTo(Status.DONE);
            assertThat(done.rowsBefore()).hasValue(10);
            assertThat(done.verifiedAt()).hasValue(clock.instant());
            assertThat(done.leaseUntil()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void onlyAWaitingStepOfAPersonIsMarkedDoneByOne(String kind) {
        try (TestDatabase db = TestDatabase.create(kind)) {
            StepStore store = new StepStore(db.migrate().jdbi(), clock);
            UUID request = UUID.randomUUID();
            store.insert(request, List.of(ShopFixture.manual(1), delete(2)));

            assertThatThrownBy(() -> store.markDone(request, 1, "ops", "done")).isInstanceOf(StepRefusedException.class)
                    .hasMessageContaining("is PENDING; only a WAITING step");
            assertThatThrownBy(() -> store.markDone(request, 2, "ops", "done")).isInstanceOf(StepRefusedException.class)
                    .hasMessageContaining("is DELETE_ROWS, which execution completes");
            assertThatThrownBy(() -> store.markDone(request, 9, "ops", "done"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no step 9");

            store.claimNext(request, "a", LEASE).orElseThrow();
            store.waiting(request, 1, "a", "compact the topic");
            StepState done = store.markDone(request, 1, "ops@shop", "compacted");
            assertThat(done.status()).isEqualTo(Status.DONE);
            assertThat(done.doneBy()).hasValue("ops@shop");
            assertThat(done.note()).hasValue("compacted");
            assertThatThrownBy(() -> store.markDone(request, 1, "ops", "again")).isInstanceOf(StepRefusedException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void failedStepsAreRetriedOnRequestOnly(String kind) {
        try (TestDatabase db = TestDatabase.create(kind)) {
            StepStore store = new StepStore(db.migrate().jdbi(), clock);
            UUID request = UUID.randomUUID();
            store.insert(request, List.of(delete(1), delete(2)));
            store.claimNext(request, "a", LEASE).orElseThrow();
            store.fail(request, 1, "a", "counting failed", OptionalLong.empty());
            store.claimNext(request, "a", LEASE).orElseThrow();
            store.finish(request, 2, "a", OptionalLong.of(1), 1, OptionalLong.of(0), true, "deleted");
            assertThat(store.claimNext(request, "a", LEASE)).isEmpty();

            assertThat(store.retryFailed(request)).extracting(StepState::order, StepState::status)
                    .containsExactly(tuple(1, Status.PENDING));
            assertThat(store.claimNext(request, "b", LEASE)).hasValueSatisfying(s -> assertThat(s.order()).isEqualTo(1));
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "CUSTODIAN_TEST_PG_URL", matches = ".+")
    void onPostgresqlConcurrentClaimsNeverTakeTheSameStep() throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            StepStore store = new StepStore(db.migrate().jdbi(), clock);
            int rounds = 20;
            int claimers = 6;
            ExecutorService pool = Executors.newFixedThreadPool(claimers);
            try {
                for (int round = 0; round < rounds; round++) {
                    UUID request = UUID.randomUUID();
                    store.insert(request, List.of(delete(1), delete(2)));
                    CountDownLatch start = new CountDownLatch(1);
                    List<Future<Optional<StepState>>> claims = new ArrayList<>();
                    for (int i = 0; i < claimers; i++) {
                        String owner = "replica-" + i;
                        Callable<Optional<StepState>> claim = () -> {
                            start.await();
                            return store.claimNext(request, owner, LEASE);
                        };
                        claims.add(pool.submit(claim));
                    }
                    start.countDown();
                    List<StepState> won = new ArrayList<>();
                    for (Future<Optional<StepState>> claim : claims) {
                        claim.get().ifPresent(won::add);
                    }
                    assertThat(won).as("round " + round).singleElement()
                            .satisfies(s -> assertThat(s.order()).isEqualTo(1));
                    assertThat(store.step(request, 1).orElseThrow().claimedBy()).isEqualTo(won.get(0).claimedBy());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
