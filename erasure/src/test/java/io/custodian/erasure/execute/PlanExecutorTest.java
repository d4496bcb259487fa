package io.custodian.erasure.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodian.catalog.audit.AuditEvent;
import io.custodian.erasure.execute.ExecutionResult.Outcome;
import io.custodian.erasure.execute.ExportDocument.ExportedDataset;
import io.custodian.erasure.execute.StepState.Status;
import io.custodian.erasure.plan.SubjectIdentifiers;
import io.custodian.erasure.policy.ErasureAction;
import io.custodian.sources.SourceSettings;
import io.custodian.sources.testing.TargetDatabase;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Plans executed against real source databases (H2 and PostgreSQL) with the steps kept in a real store. */
class PlanExecutorTest {
    private static final String ACTOR = "privacy-officer";
    private static final String SUBJECT_ORDERS = "\"customer_id\" = 3";
    private static final String OTHERS_ORDERS = "\"customer_id\" <> 3";

    static List<String> sources() {
        return TargetDatabase.kinds();
    }

    /** The source's kind, and the store's: the store on H2, and on PostgreSQL too when it is configured. */
    static Stream<Arguments> sourcesAndStores() {
        return TargetDatabase.kinds().stream().map(kind -> Arguments.of(kind, kind));
    }

    @ParameterizedTest
    @MethodSource("sourcesAndStores")
    void anErasureRemovesTheSubjectsRowsAndLeavesEveryOtherRowAsItWas(String source, String storeKind)
            throws SQLException {
        try (ShopFixture shop = new ShopFixture(source, storeKind)) {
            shop.seed(5, 3);
            List<String> otherCustomers = shop.rows("customers", "\"id\" <> 3");
            List<String> otherOrders = shop.rows("orders", OTHERS_ORDERS);
            List<String> otherPayments = shop.rows("payments", "\"id\" NOT IN (30, 31)");
            UUID request = shop.request(3);

            ExecutionResult result = shop.executor(ExecutionSettings.DEFAULTS).execute(request, shop.plan(), false,
                    ACTOR);

            assertThat(result.outcome()).isEqualTo(Outcome.PARTIALLY_COMPLETED);
            assertThat(result.remaining()).singleElement().asString().startsWith("step 4 kafka://bus/customer-events "
                    + "(MANUAL): WAITING");
            assertThat(shop.count("customers", "\"id\" = 3")).isZero();
            assertThat(shop.count("orders", SUBJECT_ORDERS)).isZero();
            assertThat(shop.rows("payments", "\"id\" IN (30, 31)"))
                    .containsExactly("30|null|erased|null|9.99|", "31|null|erased|null|9.99|");
            assertThat(shop.rows("customers", "\"id\" <> 3")).isEqualTo(otherCustomers).hasSize(4);
            assertThat(shop.rows("orders", OTHERS_ORDERS)).isEqualTo(otherOrders).hasSize(12);
            assertThat(shop.rows("payments", "\"id\" NOT IN (30, 31)")).isEqualTo(otherPayments).hasSize(8);

            List<StepState> steps = shop.store.steps(request);
            assertThat(steps).extracting(StepState::status)
                    .containsExactly(Status.DONE, Status.DONE, Status.DONE, Status.WAITING, Status.DONE);
            assertCounts(steps.get(0), 3, 3);
            assertCounts(steps.get(1), 2, 2);
            assertCounts(steps.get(2), 1, 1);
            assertThat(steps.get(4).rowsAffected()).hasValue(0);
            assertThat(steps.get(4).note()).hasValueSatisfying(note -> assertThat(note)
                    .contains("invoices are kept for audit").contains("tax law"));
            assertThat(steps.get(0).verifiedAt()).isPresent();

            StepState done = shop.executor(ExecutionSettings.DEFAULTS).markDone(request, 4, "ops@shop",
                    "compacted the key on customer-events");
            assertThat(done.doneBy()).hasValue("ops@shop");
            ExecutionResult again = shop.executor(ExecutionSettings.DEFAULTS).execute(request, shop.plan(), false,
                    ACTOR);
            assertThat(again.outcome()).isEqualTo(Outcome.COMPLETED);
            assertThat(again.remaining()).isEmpty();
            assertNoPersonalData(shop.audit, steps);
            assertThat(shop.audit).filteredOn(e -> e.action().equals("erasure.step.running")).hasSize(5);
        }
    }

    private static void assertCounts(StepState step, long before, long affected) {
        assertThat(step.rowsBefore()).as(step.dataset()).hasValue(before);
        assertThat(step.rowsAffected()).as(step.dataset()).hasValue(affected);
        assertThat(step.rowsRemaining()).as(step.dataset()).hasValue(0);
        assertThat(step.verified()).as(step.dataset()).isTrue();
    }

    private static void assertNoPersonalData(List<AuditEvent> audit, List<StepState> steps) {
        List<String> texts = new ArrayList<>();
        audit.forEach(e -> texts.add(e.toString()));
        steps.forEach(s -> texts.add(s.toString()));
        assertThat(texts).isNotEmpty().allSatisfy(text -> assertThat(text.toLowerCase())
                .doesNotContain("customer3@example.com").doesNotContain("4111-3"));
    }

    @ParameterizedTest
    @MethodSource("sources")
    void aLargeDeleteRunsInChunksEachRecorded(String source) throws SQLException {
        try (ShopFixture shop = new ShopFixture(source, "h2")) {
            shop.seed(3, 2500);
            UUID request = shop.request(2);
            List<Long> progress = new CopyOnWriteArrayList<>();
            ExecutionListener listener = new ExecutionListener() {
                @Override
                public void chunkDeleted(StepState step) {
                    progress.add(step.rowsAffected().orElseThrow());
                }
            };
            var executor = shop.executor(shop.dataSources(shop.settings()), ShopFixture.settings(1000, 5), listener);

            ExecutionResult result = executor.execute(request, ShopFixture.plan(List.of(shop.orders(1))), false, ACTOR);

            assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
            assertThat(progress).containsExactly(1000L, 2000L, 2500L);
            assertCounts(shop.store.steps(request).get(0), 2500, 2500);
            assertThat(shop.count("orders", "\"customer_id\" = 2")).isZero();
            assertThat(shop.count("orders", "")).isEqualTo(5000);
        }
    }

    /** Thrown by a listener to stop an executor between chunks as a crash would: nothing after it runs. */
    private static final class Crash extends Error {
        private static final long serialVersionUID = 1L;
    }

    @ParameterizedTest
    @MethodSource("sources")
    void aStepCutShortByACrashIsTakenOverOnceItsLeaseExpiresAndCountedOnce(String source) throws SQLException {
        try (ShopFixture shop = new ShopFixture(source, "h2")) {
            shop.seed(3, 2500);
            UUID request = shop.request(2);
            var plan = ShopFixture.plan(List.of(shop.orders(1), shop.customers(2)));
            ExecutionListener crashAfterFirstChunk = new ExecutionListener() {
                @Override
                public void chunkDeleted(StepState step) {
                    throw new Crash();
                }
            };
            var first = shop.executor(shop.dataSources(shop.settings()), ShopFixture.settings(1000, 5),
                    crashAfterFirstChunk);
            assertThatThrownBy(() -> first.execute(request, plan, false, ACTOR)).isInstanceOf(Crash.class);
            StepState cut = shop.store.step(request, 1).orElseThrow();
            assertThat(cut.status()).isEqualTo(Status.RUNNING);
            assertThat(cut.rowsBefore()).hasValue(2500);
            assertThat(cut.rowsAffected()).hasValue(1000);
            assertThat(shop.count("orders", "\"customer_id\" = 2")).isEqualTo(1500);

            List<Long> progress = new CopyOnWriteArrayList<>();
            var second = shop.executor(shop.dataSources(shop.settings()), ShopFixture.settings(1000, 5),
                    new ExecutionListener() {
                        @Override
                        public void chunkDeleted(StepState step) {
                            if (step.order() == 1) {
                                progress.add(step.rowsAffected().orElseThrow());
                            }
                        }
                    });
            // While the crashed executor's lease holds, nobody takes its step.
            assertThat(second.execute(request, plan, false, ACTOR).outcome()).isEqualTo(Outcome.IN_PROGRESS);
            assertThat(progress).isEmpty();

            shop.clock.advance(ExecutionSettings.DEFAULTS.lease().plus(Duration.ofSeconds(1)));
            ExecutionResult result = second.execute(request, plan, false, ACTOR);

            assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
            assertThat(progress).containsExactly(2000L, 2500L);
            StepState step = shop.store.step(request, 1).orElseThrow();
            assertCounts(step, 2500, 2500);
            assertThat(step.claimedBy()).hasValue(second.owner());
            assertThat(shop.count("orders", "")).isEqualTo(5000);
            assertCounts(shop.store.step(request, 2).orElseThrow(), 1, 1);
        }
    }

    @ParameterizedTest
    @MethodSource("sources")
    void aSourceThatIsDownFailsItsStepsAfterRetriesAndARetryLaterCompletesThem(String source) throws SQLException {
        try (ShopFixture shop = new ShopFixture(source, "h2")) {
            shop.seed(4, 2);
            UUID request = shop.request(1);
            SourceSettings working = shop.settings();
            // Nothing listens on port 1; the same dialect, so only the connection fails.
            SourceSettings down = new SourceSettings(ShopFixture.SOURCE, "jdbc:postgresql://127.0.0.1:1/shop", "u", "p",
                    ShopFixture.NAMESPACE, Optional.empty(), working.dialect(), 1, Duration.ofMillis(250),
                    Optional.of("w"), "p");
            var plan = shop.plan();

            ExecutionResult failed = shop.executor(shop.dataSources(down), ShopFixture.settings(1000, 3),
                    ExecutionListener.NONE).execute(request, plan, false, ACTOR);

            assertThat(failed.outcome()).isEqualTo(Outcome.PARTIALLY_COMPLETED);
            List<StepState> steps = shop.store.steps(request);
            assertThat(steps).extracting(StepState::status)
                    .containsExactly(Status.FAILED, Status.FAILED, Status.FAILED, Status.WAITING, Status.DONE);
            assertThat(steps.subList(0, 3)).allSatisfy(step -> {
                assertThat(step.attempts()).isEqualTo(3);
                assertThat(step.failure()).hasValueSatisfying(failure -> assertThat(failure)
                        .contains("(3 attempts)").contains("java.sql.SQLTransientConnectionException")
                        .doesNotContain("127.0.0.1").doesNotContain("customer1"));
            });
            assertThat(failed.remaining()).hasSize(4);
            assertThat(shop.count("orders", "\"customer_id\" = 1")).isEqualTo(2);
            assertThat(shop.audit).filteredOn(e -> e.action().equals("erasure.step.failed"))
                    .allSatisfy(e -> assertThat(e.outcome()).isEqualTo("failure")).hasSize(3);

            var fixed = shop.executor(shop.dataSources(working), ShopFixture.settings(1000, 3), ExecutionListener.NONE);
            assertThat(fixed.retryFailed(request, ACTOR)).extracting(StepState::status).containsOnly(Status.PENDING);
            fixed.markDone(request, 4, "ops@shop", "compacted");
            ExecutionResult completed = fixed.execute(request, plan, false, ACTOR);

            assertThat(completed.outcome()).isEqualTo(Outcome.COMPLETED);
            assertThat(shop.count("orders", "\"customer_id\" = 1")).isZero();
            assertThat(shop.count("customers", "\"id\" = 1")).isZero();
            assertCounts(shop.store.step(request, 1).orElseThrow(), 2, 2);
        }
    }

    @ParameterizedTest
    @MethodSource("sources")
    void anAccessRequestExportsExactlyTheSubjectsRowsAndChangesNothing(String source) throws SQLException {
        try (ShopFixture shop = new ShopFixture(source, "h2")) {
            shop.seed(4, 3);
            List<String> customers = shop.rows("customers", "");
            List<String> orders = shop.rows("orders", "");
            List<String> payments = shop.rows("payments", "");
            UUID request = shop.request(2);

            ExecutionResult result = shop.executor(ExecutionSettings.DEFAULTS).execute(request, shop.plan(), true,
                    ACTOR);

            ExportDocument document = result.export().orElseThrow();
            assertThat(document.missing()).singleElement().asString()
                    .startsWith("step 5 s3://archive/invoices: no source table");
            assertThat(document.datasets()).extracting(ExportedDataset::name).containsExactly(shop.schema + ".orders",
                    shop.schema + ".payments", shop.schema + ".customers");
            assertThat(document.datasets().get(0).rows()).extracting(row -> row.get("id")).containsExactly(4L, 5L, 6L);
            assertThat(document.datasets().get(0).rows()).allSatisfy(row -> assertThat(row.get("customer_id"))
                    .isEqualTo(2L));
            assertThat(document.datasets().get(1).rows()).containsExactly(
                    Map.of("id", 20L, "customer_id", 2L, "email", ShopFixture.email(2), "card", "4111-2-0",
                            "amount", new BigDecimal("9.99")),
                    Map.of("id", 21L, "customer_id", 2L, "email", ShopFixture.email(2), "card", "4111-2-1",
                            "amount", new BigDecimal("9.99")));
            assertThat(document.datasets().get(2).rows())
                    .containsExactly(Map.of("id", 2L, "email", ShopFixture.email(2), "name", "Customer 2"));
            assertThat(document.toString()).doesNotContain("Customer2");

            assertThat(shop.rows("customers", "")).isEqualTo(customers);
            assertThat(shop.rows("orders", "")).isEqualTo(orders);
            assertThat(shop.rows("payments", "")).isEqualTo(payments);
            assertThat(shop.store.steps(request)).filteredOn(s -> s.order() <= 3)
                    .allSatisfy(s -> assertThat(s.rowsAffected()).hasValue(0));
        }
    }

    @ParameterizedTest
    @MethodSource("sources")
    void anExportReadsAtMostItsLimitPerDatasetAndSaysSo(String source) throws SQLException {
        try (ShopFixture shop = new ShopFixture(source, "h2")) {
            shop.seed(2, 3);
            UUID request = shop.request(1);
            var settings = new ExecutionSettings(1000, 1, Duration.ZERO, Duration.ofMinutes(5), 2);

            ExportDocument document = shop.executor(settings).execute(request,
                    ShopFixture.plan(List.of(shop.orders(1))), true, ACTOR).export().orElseThrow();

            assertThat(document.complete()).isFalse();
            assertThat(document.datasets()).singleElement().satisfies(d -> {
                assertThat(d.rows()).hasSize(2);
                assertThat(d.truncated()).isTrue();
            });
            assertThat(shop.store.step(request, 1).orElseThrow().note()).hasValueSatisfying(note ->
                    assertThat(note).contains("truncated at 2 rows"));
        }
    }

    @ParameterizedTest
    @MethodSource("sources")
    void aStepWhoseColumnsCannotHoldAnyValueOfTheSubjectIsDoneWithoutAQuery(String source) throws SQLException {
        try (ShopFixture shop = new ShopFixture(source, "h2")) {
            shop.seed(2, 1);
            UUID request = UUID.randomUUID();
            shop.vault.seal(request, new SubjectIdentifiers(
                    Map.of("CUSTOMER_ID", List.of("not-a-number"))));

            ExecutionResult result = shop.executor(ExecutionSettings.DEFAULTS).execute(request,
                    ShopFixture.plan(List.of(shop.orders(1))), false, ACTOR);

            assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
            StepState step = shop.store.step(request, 1).orElseThrow();
            assertCounts(step, 0, 0);
            assertThat(step.note()).hasValueSatisfying(note -> assertThat(note).contains("no value of the subject"));
            assertThat(shop.count("orders", "")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @MethodSource("sources")
    void aRequestWhoseIdentifiersAreDestroyedIsRefused(String source) throws SQLException {
        try (ShopFixture shop = new ShopFixture(source, "h2")) {
            shop.seed(2, 1);
            UUID request = shop.request(1);
            shop.vault.destroy(request);
            assertThatThrownBy(() -> shop.executor(ExecutionSettings.DEFAULTS).execute(request, shop.plan(), false,
                    ACTOR)).isInstanceOf(IllegalStateException.class).hasMessageContaining("destroyed");
            assertThat(shop.store.steps(request)).isEmpty();
            assertThat(shop.count("orders", "")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @MethodSource("sources")
    void aFailureThatIsNotTransientFailsTheStepAtOnceWithoutItsMessage(String source) throws SQLException {
        try (ShopFixture shop = new ShopFixture(source, "h2")) {
            shop.seed(2, 1);
            shop.target.execute("DROP TABLE " + shop.table("orders"));
            UUID request = shop.request(1);

            ExecutionResult result = shop.executor(ShopFixture.settings(1000, 5)).execute(request,
                    ShopFixture.plan(List.of(shop.orders(1), shop.customers(2))), false, ACTOR);

            assertThat(result.outcome()).isEqualTo(Outcome.PARTIALLY_COMPLETED);
            StepState failed = shop.store.step(request, 1).orElseThrow();
            assertThat(failed.status()).isEqualTo(Status.FAILED);
            assertThat(failed.attempts()).isEqualTo(1);
            assertThat(failed.failure()).hasValueSatisfying(failure -> assertThat(failure)
                    .startsWith("counting the subject's rows before the change failed: ")
                    .contains("SQLState 42").doesNotContain("orders"));
            assertThat(shop.store.step(request, 2).orElseThrow().status()).isEqualTo(Status.DONE);
        }
    }

    @ParameterizedTest
    @MethodSource("sources")
    void rowsTheVerificationStillFindsFailTheStepWithoutARetry(String source) throws SQLException {
        try (ShopFixture shop = new ShopFixture(source, "h2")) {
            shop.seed(2, 1);
            UUID request = shop.request(1);
            // Rewrites that leave the locator column as it was: the subject's rows still match.
            var cardOnly = shop.step(1, "payments", ErasureAction.ANONYMIZE, "kept",
                    shop.payments(1).locators(), List.of(shop.payments(1).rewrites().get(2)), List.of("id"));

            ExecutionResult result = shop.executor(ShopFixture.settings(1000, 5)).execute(request,
                    ShopFixture.plan(List.of(cardOnly)), false, ACTOR);

            assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
            StepState failed = shop.store.step(request, 1).orElseThrow();
            assertThat(failed.attempts()).isEqualTo(1);
            assertThat(failed.rowsRemaining()).hasValue(2);
            assertThat(failed.verified()).isFalse();
            assertThat(failed.failure()).hasValue("verification found 2 rows of the subject after anonymizing");
        }
    }

    @ParameterizedTest
    @MethodSource("sources")
    void aSourceWithoutAWriteUserFailsTheStepsThatChangeData(String source) throws SQLException {
        try (ShopFixture shop = new ShopFixture(source, "h2")) {
            shop.seed(2, 1);
            UUID request = shop.request(1);
            SourceSettings readOnly = SourceSettings.of(ShopFixture.SOURCE, shop.target.url, shop.target.user,
                    shop.target.password, ShopFixture.NAMESPACE, Optional.empty());

            shop.executor(shop.dataSources(readOnly), ShopFixture.settings(1000, 5), ExecutionListener.NONE)
                    .execute(request, ShopFixture.plan(List.of(shop.orders(1))), false, ACTOR);

            StepState failed = shop.store.step(request, 1).orElseThrow();
            assertThat(failed.status()).isEqualTo(Status.FAILED);
            assertThat(failed.attempts()).isEqualTo(1);
            assertThat(failed.failure()).hasValueSatisfying(failure -> assertThat(failure)
                    .startsWith("opening the write pool of source shop failed: ")
                    .contains("ReadOnlySourceException"));
            assertThat(shop.count("orders", "")).isEqualTo(2);
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "CUSTODIAN_TEST_PG_URL", matches = ".+")
    void onPostgresqlTwoExecutorsOnOneRequestNeverRunTheSameStep() throws Exception {
        try (ShopFixture shop = new ShopFixture("postgresql", "postgresql")) {
            shop.seed(4, 600);
            UUID request = shop.request(2);
            var plan = shop.plan();
            List<PlanExecutor> executors = List.of(
                    shop.executor(shop.dataSources(shop.settings()), ShopFixture.settings(50, 5), ExecutionListener.NONE),
                    shop.executor(shop.dataSources(shop.settings()), ShopFixture.settings(50, 5), ExecutionListener.NONE));
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                List<Future<Outcome>> runs = new ArrayList<>();
                for (PlanExecutor executor : executors) {
                    runs.add(threads.submit(() -> {
                        start.await();
                        // Each replica calls again while another holds a step, as a scheduler would.
                        Outcome outcome;
                        do {
                            outcome = executor.execute(request, plan, false, ACTOR).outcome();
                        } while (outcome == Outcome.IN_PROGRESS);
                        return outcome;
                    }));
                }
                start.countDown();
                for (var run : runs) {
                    assertThat(run.get()).isEqualTo(Outcome.PARTIALLY_COMPLETED);
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(shop.audit).filteredOn(e -> e.action().equals("erasure.step.running"))
                    .extracting(AuditEvent::target).doesNotHaveDuplicates().hasSize(5);
            List<StepState> steps = shop.store.steps(request);
            assertCounts(steps.get(0), 600, 600);
            assertCounts(steps.get(1), 2, 2);
            assertCounts(steps.get(2), 1, 1);
            assertThat(shop.count("orders", "")).isEqualTo(1800);
        }
    }
}
