package io.custodian.erasure.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodian.catalog.audit.AuditEvent;
import io.custodian.erasure.SubjectRequests;
import io.custodian.erasure.execute.ExecutionSettings;
import io.custodian.erasure.execute.PlanExecutor;
import io.custodian.erasure.execute.StepState;
import io.custodian.erasure.execute.StepStore;
import io.custodian.erasure.plan.ErasurePlan;
import io.custodian.erasure.plan.ErasurePlanner;
import io.custodian.erasure.plan.PlannedStep;
import io.custodian.erasure.plan.SubjectIdentifiers;
import io.custodian.erasure.policy.ErasureAction;
import io.custodian.erasure.report.ErasureReport;
import io.custodian.erasure.request.ApprovalRefusedException;
import io.custodian.erasure.request.Deadlines;
import io.custodian.erasure.request.KeyringIdentifierVault;
import io.custodian.erasure.request.KeyringSubjectHasher;
import io.custodian.erasure.request.NewSubjectRequest;
import io.custodian.erasure.request.Regulation;
import io.custodian.erasure.request.RequestStateException;
import io.custodian.erasure.request.RequestStatus;
import io.custodian.erasure.request.RequestType;
import io.custodian.erasure.request.SubjectRequest;
import io.custodian.erasure.request.SubjectRequestStore;
import io.custodian.erasure.testing.ShopFixture;
import io.custodian.masking.keys.KeyEncryptionKey;
import io.custodian.masking.keys.Keyring;
import io.custodian.sources.testing.TargetDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Subject requests from intake to evidence over a real catalog store and a real source, with the
 * worker's passes run by the test: plan, approve, execute, complete the manual steps, report.
 */
class SubjectRequestsTest {
    private static final String PURPOSE = "subject-requests";

    static List<String> sources() {
        return TargetDatabase.kinds();
    }

    /** The shop, and the whole engine on its store. */
    private static final class Engine implements AutoCloseable {
        final ShopFixture shop;
        final List<AuditEvent> audited = new CopyOnWriteArrayList<>();
        final SubjectRequestStore store;
        final SubjectRequests requests;
        final StepStore steps;

        Engine(String sourceKind) {
            shop = ShopFixture.open("h2", sourceKind);
            Clock clock = Clock.systemUTC();
            Keyring keyring = new Keyring(shop.catalog.jdbi(), KeyEncryptionKey.fromJson(KeyEncryptionKey.generateJson()),
                    Set.of(PURPOSE), clock).start();
            KeyringIdentifierVault vault = new KeyringIdentifierVault(shop.catalog.jdbi(), keyring, PURPOSE);
            KeyringSubjectHasher hasher = new KeyringSubjectHasher(keyring, PURPOSE);
            store = new SubjectRequestStore(shop.catalog.jdbi(), clock, audited::add, Deadlines.defaults(), hasher, vault);
            steps = new StepStore(shop.catalog.jdbi(), clock);
            ErasurePlanner planner = new ErasurePlanner(shop.facts, shop::policies, shop.dataSources, hasher, clock);
            PlanExecutor executor = new PlanExecutor(steps, shop.dataSources, shop.dataSources.sources(), vault, hasher,
                    audited::add, clock, new ExecutionSettings(1000, 2, Duration.ofMillis(10), Duration.ofMinutes(1),
                            1000));
            requests = new SubjectRequests(store, vault, planner, executor, steps, shop::policies, clock,
                    SubjectRequests.Settings.DEFAULTS);
        }

        SubjectRequest submit(RequestType type, String email, String submitter) {
            return requests.submit(new NewSubjectRequest(type, Regulation.GDPR, new SubjectIdentifiers(Map.of(
                    "EMAIL_ADDRESS", List.of(email))), "data subject by e-mail", submitter, Optional.of("T-1")));
        }

        SubjectRequest status(UUID id) {
            return requests.get(id).orElseThrow();
        }

        long count(String sql) {
            try (Connection c = shop.target.connect(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        String table(String name) {
            return "\"" + shop.schema + "\".\"" + name + "\"";
        }

        @Override
        public void close() {
            requests.close();
            shop.close();
        }
    }

    @ParameterizedTest
    @MethodSource("sources")
    void anErasureIsPlannedApprovedByASecondPersonExecutedVerifiedAndReported(String sourceKind) {
        try (Engine engine = new Engine(sourceKind)) {
            SubjectRequest request = engine.submit(RequestType.ERASURE, "alice@example.com", "officer-a");
            assertThat(request.status()).isEqualTo(RequestStatus.RECEIVED);
            engine.requests.runOnce();
            assertThat(engine.status(request.id()).status()).isEqualTo(RequestStatus.PLANNED);
            ErasurePlan plan = engine.requests.plan(request.id()).orElseThrow();
            assertThat(plan.steps()).extracting(PlannedStep::action).contains(ErasureAction.DELETE_ROWS,
                    ErasureAction.ANONYMIZE, ErasureAction.RETAIN, ErasureAction.NO_ACTION, ErasureAction.MANUAL,
                    ErasureAction.UNRESOLVED);

            assertThatThrownBy(() -> engine.requests.approve(request.id(), "officer-a"))
                    .isInstanceOf(ApprovalRefusedException.class);
            engine.requests.approve(request.id(), "officer-b");
            assertThatThrownBy(() -> engine.requests.approve(request.id(), "officer-b"))
                    .isInstanceOf(RequestStateException.class);
            engine.requests.runOnce();

            SubjectRequest executed = engine.status(request.id());
            assertThat(executed.status()).isEqualTo(RequestStatus.PARTIALLY_COMPLETED);
            assertThat(executed.statusReason()).hasValueSatisfying(reason -> assertThat(reason).contains("WAITING"));
            assertThat(engine.count("SELECT COUNT(*) FROM " + engine.table("customers") + " WHERE \"id\" = 1")).isZero();
            assertThat(engine.count("SELECT COUNT(*) FROM " + engine.table("customers"))).isEqualTo(2);
            assertThat(engine.count("SELECT COUNT(*) FROM " + engine.table("orders") + " WHERE \"customer_id\" = 1"))
                    .isZero();
            assertThat(engine.count("SELECT COUNT(*) FROM " + engine.table("orders"))).isEqualTo(2);
            assertThat(engine.count("SELECT COUNT(*) FROM " + engine.table("payments") + " WHERE \"payment_id\" = 20"
                    + " AND \"customer_id\" IS NULL AND \"card\" = 'erased' AND \"amount\" = 12.50")).isEqualTo(1);
            assertThat(engine.count("SELECT COUNT(*) FROM " + engine.table("payments") + " WHERE \"customer_id\" = 2"))
                    .isEqualTo(1);
            assertThat(engine.count("SELECT COUNT(*) FROM " + engine.table("legal_cases"))).isEqualTo(1);
            assertThat(engine.count("SELECT COUNT(*) FROM " + engine.table("clean_customers"))).isEqualTo(1);

            for (StepState step : engine.requests.steps(request.id())) {
                if (step.status() == StepState.Status.WAITING) {
                    engine.requests.markStepDone(request.id(), step.order(), "officer-b", "checked by hand");
                }
            }
            SubjectRequest completed = engine.status(request.id());
            assertThat(completed.status()).isEqualTo(RequestStatus.COMPLETED);

            ErasureReport report = engine.requests.report(request.id());
            ErasureReport.DatasetOutcome customers = report.datasets().stream()
                    .filter(d -> d.dataset().equals(engine.shop.name("customers"))).findFirst().orElseThrow();
            assertThat(customers.rowsAffected()).hasValue(1);
            assertThat(customers.verified()).isTrue();
            assertThat(report.datasets().stream().filter(d -> d.dataset().equals(engine.shop.name("orders")))
                    .findFirst().orElseThrow().rowsAffected()).hasValue(2);
            assertThat(report.approvedBy()).contains("officer-b");
            assertThat(report.policyVersion()).isPresent();
            assertThat(report.history()).extracting(h -> h.to()).containsSubsequence(RequestStatus.RECEIVED,
                    RequestStatus.PLANNED, RequestStatus.APPROVED, RequestStatus.EXECUTING,
                    RequestStatus.PARTIALLY_COMPLETED, RequestStatus.COMPLETED);
            String summary = report.summary();
            assertThat(summary).contains("DELETE_ROWS").contains("verified").contains("officer-b");
            List<String> texts = new ArrayList<>(List.of(summary, io.custodian.erasure.plan.PlanCodec.toJson(plan)));
            engine.audited.forEach(e -> texts.add(e.toString()));
            assertThat(texts).allSatisfy(text -> assertThat(text.toLowerCase(Locale.ROOT))
                    .doesNotContain("alice@example.com").doesNotContain("alice liddell"));
            assertThat(engine.store.get(request.id()).orElseThrow().status()).isEqualTo(RequestStatus.COMPLETED);
        }
    }

    @Test
    void aSubjectNobodyKnowsCompletesWithZeroRowsAndTheReportSaysSo() {
        try (Engine engine = new Engine("h2")) {
            SubjectRequest request = engine.submit(RequestType.ERASURE, "nobody@example.com", "officer-a");
            engine.requests.runOnce();
            engine.requests.approve(request.id(), "officer-b");
            engine.requests.runOnce();
            for (StepState step : engine.requests.steps(request.id())) {
                if (step.status() == StepState.Status.WAITING) {
                    engine.requests.markStepDone(request.id(), step.order(), "officer-b", "nothing there");
                }
            }
            assertThat(engine.status(request.id()).status()).isEqualTo(RequestStatus.COMPLETED);
            ErasureReport report = engine.requests.report(request.id());
            assertThat(report.datasets()).filteredOn(d -> d.action().changesData()).isNotEmpty()
                    .allSatisfy(d -> assertThat(d.rowsAffected()).hasValue(0));
            assertThat(engine.count("SELECT COUNT(*) FROM " + engine.table("customers"))).isEqualTo(3);
        }
    }

    @Test
    void anAccessRequestExportsExactlyTheSubjectsRowsAndChangesNothing() {
        try (Engine engine = new Engine("h2")) {
            SubjectRequest request = engine.submit(RequestType.ACCESS, "alice@example.com", "officer-a");
            engine.requests.runOnce();
            engine.requests.approve(request.id(), "officer-b");
            engine.requests.runOnce();
            String export = new String(engine.requests.export(request.id()).orElseThrow(), StandardCharsets.UTF_8);
            assertThat(export).contains("Alice@Example.com").contains("Alice Liddell").contains("4111111111111111")
                    .doesNotContain("bob@example.com").doesNotContain("Carol");
            assertThat(engine.count("SELECT COUNT(*) FROM " + engine.table("customers"))).isEqualTo(3);
            assertThat(engine.count("SELECT COUNT(*) FROM " + engine.table("orders"))).isEqualTo(4);
        }
    }

    @Test
    void aPlannedRequestPlannedAgainStartsFromItsSealedIdentifiersResolvedOnesIncluded() {
        try (Engine engine = new Engine("h2")) {
            SubjectRequest request = engine.submit(RequestType.ERASURE, "alice@example.com", "officer-a");
            engine.requests.runOnce();
            ErasurePlan first = engine.requests.plan(request.id()).orElseThrow();
            engine.requests.replan(request.id(), "officer-b", "the catalog changed");
            engine.requests.runOnce();
            assertThat(engine.status(request.id()).status()).isEqualTo(RequestStatus.PLANNED);
            assertThat(engine.requests.plan(request.id()).orElseThrow().steps()).extracting(PlannedStep::dataset)
                    .isEqualTo(first.steps().stream().map(PlannedStep::dataset).toList());
        }
    }

    @Test
    void aPlannerThatDiedIsReplacedWhenItsLeaseRunsOut() {
        try (Engine engine = new Engine("h2")) {
            SubjectRequest request = engine.submit(RequestType.ERASURE, "alice@example.com", "officer-a");
            // A worker claims the request and dies before planning it; its lease has run out.
            assertThat(engine.store.claimForPlanning("dead-worker", Duration.ZERO)).isPresent();
            engine.requests.runOnce();
            assertThat(engine.status(request.id()).status()).isEqualTo(RequestStatus.PLANNED);
        }
    }

    @Test
    void aSourceThatFailsLeavesTheRequestPartiallyCompletedAndARetryFinishesIt() {
        try (Engine engine = new Engine("h2")) {
            SubjectRequest request = engine.submit(RequestType.ERASURE, "alice@example.com", "officer-a");
            engine.requests.runOnce();
            engine.requests.approve(request.id(), "officer-b");
            engine.shop.target.execute("ALTER TABLE " + engine.table("clean_customers") + " RENAME TO \"gone\"");
            engine.requests.runOnce();
            assertThat(engine.status(request.id()).status()).isEqualTo(RequestStatus.PARTIALLY_COMPLETED);
            assertThat(engine.requests.steps(request.id())).filteredOn(s -> s.status() == StepState.Status.FAILED)
                    .singleElement().satisfies(s -> assertThat(s.failure()).hasValueSatisfying(f ->
                            assertThat(f).contains("SQLState")));
            engine.shop.target.execute("ALTER TABLE \"" + engine.shop.schema + "\".\"gone\" RENAME TO \"clean_customers\"");
            engine.requests.retry(request.id(), "officer-b");
            engine.requests.runOnce();
            assertThat(engine.requests.steps(request.id())).noneMatch(s -> s.status() == StepState.Status.FAILED);
            assertThat(engine.count("SELECT COUNT(*) FROM " + engine.table("clean_customers"))).isEqualTo(1);
        }
    }

    @Test
    void aCanceledRequestIsNeitherApprovedNorExecutedAndItsIdentifiersAreGone() {
        try (Engine engine = new Engine("h2")) {
            SubjectRequest request = engine.submit(RequestType.ERASURE, "alice@example.com", "officer-a");
            engine.requests.runOnce();
            engine.requests.cancel(request.id(), "officer-b", "the subject withdrew the request");
            assertThatThrownBy(() -> engine.requests.approve(request.id(), "officer-b"))
                    .isInstanceOf(RequestStateException.class);
            engine.requests.runOnce();
            assertThat(engine.status(request.id()).status()).isEqualTo(RequestStatus.CANCELED);
            assertThat(engine.count("SELECT COUNT(*) FROM " + engine.table("customers"))).isEqualTo(3);
            long sealed = engine.shop.catalog.jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM subject_request_identifier").mapTo(Long.class).one());
            assertThat(sealed).isZero();
        }
    }
}
