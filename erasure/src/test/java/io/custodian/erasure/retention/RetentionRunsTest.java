package io.custodian.erasure.retention;

import static io.custodian.erasure.retention.ClickstreamFixture.CHUNK;
import static io.custodian.erasure.retention.ClickstreamFixture.CUTOFF;
import static io.custodian.erasure.retention.ClickstreamFixture.KAFKA;
import static io.custodian.erasure.retention.ClickstreamFixture.OLD_CLICKS;
import static io.custodian.erasure.retention.ClickstreamFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodian.catalog.audit.AuditEvent;
import io.custodian.catalog.testing.TestDatabase;
import io.custodian.erasure.plan.Locator;
import io.custodian.erasure.plan.PlannedStep;
import io.custodian.erasure.plan.StatementPreview;
import io.custodian.erasure.policy.ErasureAction;
import io.custodian.erasure.retention.RetentionRun.Status;
import io.custodian.erasure.retention.RetentionRun.Trigger;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Retention runs against real sources and stores (H2, and PostgreSQL when configured): what a run
 * deletes or rewrites, its evidence, its schedule.
 */
class RetentionRunsTest {
    private static final String OPS = "ops@web";
    private static final String OLD = "\"occurred_at\" < TIMESTAMP WITH TIME ZONE '2026-09-03 10:00:00+00'";

    static List<String> kinds() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aRunDeletesExactlyTheRowsOlderThanTheCutoffInChunksAndVerifiesIt(String kind) throws SQLException {
        try (ClickstreamFixture web = new ClickstreamFixture(kind)) {
            List<String> kept = web.rows("clickstream", "\"id\" > 200");

            RetentionRun run = web.runs.runNow("clicks-90d", OPS);

            assertThat(run.status()).isEqualTo(Status.COMPLETED);
            assertThat(run.trigger()).isEqualTo(Trigger.ON_DEMAND);
            assertThat(run.cutoff()).hasValue(CUTOFF);
            assertThat(run.policyVersion()).isEqualTo(Optional.of(web.policies().version()));
            assertThat(web.count("clickstream", "\"id\" <= 200")).isZero();
            assertThat(web.rows("clickstream", "")).isEqualTo(kept).hasSize(31);
            assertThat(web.chunks).containsExactly((long) CHUNK, 2L * CHUNK, (long) OLD_CLICKS);
            assertThat(run.rowsDeleted()).isEqualTo(OLD_CLICKS);
            DatasetEvidence evidence = run.evidence().get(0);
            assertThat(run.evidence()).hasSize(1);
            assertThat(evidence.dataset()).isEqualTo(web.name("clickstream"));
            assertThat(evidence.state()).isEqualTo("DONE");
            assertThat(evidence.rowsBefore()).hasValue(OLD_CLICKS);
            assertThat(evidence.rowsAffected()).hasValue(OLD_CLICKS);
            assertThat(evidence.rowsRemaining()).hasValue(0);
            assertThat(evidence.verified()).isTrue();
            assertThat(evidence.verifiedAt()).isPresent();

            PlannedStep step = run.plan().orElseThrow().steps().get(0);
            assertThat(step.action()).isEqualTo(ErasureAction.DELETE_ROWS);
            assertThat(step.estimatedRows()).hasValue(OLD_CLICKS);
            assertThat(step.locators()).singleElement().satisfies(locator -> {
                assertThat(locator.match()).isEqualTo(Locator.Match.BEFORE);
                assertThat(locator.column()).isEqualTo("occurred_at");
                assertThat(locator.before()).hasValue(CUTOFF);
            });
            assertThat(step.statements()).extracting(StatementPreview::purpose).containsExactly("COUNT", "DELETE");
            assertThat(step.statements().get(1).sql()).endsWith("WHERE \"occurred_at\" < ?");
            assertThat(step.statements().get(1).parameters()).containsExactly("retention cutoff " + CUTOFF);

            assertThat(web.audit).extracting(AuditEvent::action).contains("retention.run.started",
                    "erasure.step.done", "retention.run.completed");
            assertThat(web.audit).filteredOn(e -> e.action().equals("retention.run.completed")).singleElement()
                    .satisfies(e -> assertThat(e.detail()).contains("rule=clicks-90d", "cutoff=" + CUTOFF,
                            "rows_deleted=" + OLD_CLICKS, "verified=1", "policy_version="));
            assertThat(web.audit).allSatisfy(e -> assertThat(e.toString()).doesNotContain("@example.org"));
            assertThat(web.runs.run(run.id())).hasValue(run);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aSecondRunFindsNothingAndChangesNothing(String kind) throws SQLException {
        try (ClickstreamFixture web = new ClickstreamFixture(kind)) {
            web.runs.runNow("clicks-90d", OPS);
            web.runs.runNow("views-90d", OPS);
            List<String> clicks = web.rows("clickstream", "");
            List<String> views = web.rows("page_views", "");

            RetentionRun clicksAgain = web.runs.runNow("clicks-90d", OPS);
            RetentionRun viewsAgain = web.runs.runNow("views-90d", OPS);

            for (RetentionRun again : List.of(clicksAgain, viewsAgain)) {
                assertThat(again.status()).isEqualTo(Status.COMPLETED);
                assertThat(again.evidence()).singleElement().satisfies(e -> {
                    assertThat(e.rowsBefore()).hasValue(0);
                    assertThat(e.rowsAffected()).hasValue(0);
                    assertThat(e.verified()).isTrue();
                });
                assertThat(again.plan().orElseThrow().steps().get(0).estimatedRows()).hasValue(0);
            }
            assertThat(clicksAgain.rowsDeleted()).isZero();
            assertThat(viewsAgain.rowsAnonymized()).isZero();
            assertThat(web.rows("clickstream", "")).isEqualTo(clicks);
            assertThat(web.rows("page_views", "")).isEqualTo(views);
            assertThat(web.runs.runs(10)).hasSize(4);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void anAnonymizeRuleRewritesTheOldRowsClassifiedColumnsAndKeepsEverythingElse(String kind) throws SQLException {
        try (ClickstreamFixture web = new ClickstreamFixture(kind)) {
            List<String> newer = web.rows("page_views", "\"id\" > 10");

            RetentionRun run = web.runs.runNow("views-90d", OPS);

            assertThat(run.status()).isEqualTo(Status.COMPLETED);
            assertThat(run.rowsAnonymized()).isEqualTo(10);
            assertThat(run.rowsDeleted()).isZero();
            // Email redacted as the rule says, the IP nulled by the erasure policy's default; page and time kept.
            assertThat(web.rows("page_views", "\"id\" <= 10")).hasSize(10).allSatisfy(row ->
                    assertThat(row).matches("\\d+\\|erased\\|null\\|/page/\\d+\\|time\\|"));
            assertThat(web.rows("page_views", "\"id\" <= 10").get(2)).isEqualTo("3|erased|null|/page/3|time|");
            assertThat(web.rows("page_views", "\"id\" > 10")).isEqualTo(newer).hasSize(5);
            assertThat(run.evidence()).singleElement().satisfies(e -> {
                assertThat(e.action()).isEqualTo(ErasureAction.ANONYMIZE);
                assertThat(e.rowsBefore()).hasValue(10);
                assertThat(e.rowsAffected()).hasValue(10);
                assertThat(e.rowsRemaining()).hasValue(0);
                assertThat(e.verified()).isTrue();
            });
            PlannedStep step = run.plan().orElseThrow().steps().get(0);
            assertThat(step.rewrites()).extracting(r -> r.column() + " " + r.strategy())
                    .containsExactly("visitor_email REDACT", "ip NULLIFY");
            assertThat(step.statements()).extracting(StatementPreview::purpose).containsExactly("COUNT", "UPDATE");
            assertThat(step.statements().get(1).sql()).contains("WHERE \"viewed_at\" < ? AND ((\"visitor_email\" <> ?) "
                    + "OR (\"ip\" IS NOT NULL))");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void datasetsWithoutTheColumnOrASourceAreReportedAndTheRestIsPurged(String kind) throws SQLException {
        try (ClickstreamFixture web = new ClickstreamFixture(kind)) {
            RetentionRun run = web.runs.runNow("all-clicks-90d", OPS);

            assertThat(run.status()).isEqualTo(Status.PARTIALLY_COMPLETED);
            assertThat(web.count("clickstream", OLD)).isZero();
            assertThat(web.count("clicks_archive", "")).isEqualTo(1);
            assertThat(run.plan().orElseThrow().steps()).extracting(s -> s.namespace() + " " + s.dataset() + " "
                    + s.action()).containsExactly(
                            KAFKA + " " + web.name("clicks_topic") + " MANUAL",
                            WEB + " " + web.name("clicks_archive") + " UNRESOLVED",
                            WEB + " " + web.name("clickstream") + " DELETE_ROWS");
            List<PlannedStep> steps = run.plan().orElseThrow().steps();
            assertThat(steps.get(0).reason()).contains("no configured source serves namespace " + KAFKA);
            assertThat(steps.get(1).reason()).contains("has no column occurred_at");
            assertThat(run.evidence()).extracting(DatasetEvidence::state).containsExactly("WAITING", "WAITING", "DONE");
            assertThat(run.rowsDeleted()).isEqualTo(OLD_CLICKS);

            web.runs.markDone(run.id(), 1, "platform@web", "the topic's retention is set to 90 days");
            RetentionRun done = web.runs.markDone(run.id(), 2, "data@web", "the archive is dropped next week");
            assertThat(done.status()).isEqualTo(Status.COMPLETED);
            assertThat(done.evidence()).extracting(DatasetEvidence::state).containsOnly("DONE");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aScheduleMissedWhileTheServiceWasDownRunsOnceNotOncePerMissedTurn(String kind) throws SQLException {
        try (ClickstreamFixture web = new ClickstreamFixture(kind)) {
            web.policy(web.defaultPolicy().replace("- name: all-clicks-90d", "- name: all-clicks-90d\n"
                    + "      namespace: none"));
            List<RetentionRun> first = web.runs.runDue();
            assertThat(first).extracting(RetentionRun::rule).containsExactlyInAnyOrder("clicks-90d", "views-90d",
                    "all-clicks-90d");
            assertThat(first).allSatisfy(run -> {
                assertThat(run.trigger()).isEqualTo(Trigger.SCHEDULE);
                assertThat(run.slot()).hasValue("first");
            });
            assertThat(web.runs.runDue()).isEmpty();

            web.clock.advance(Duration.ofHours(1));
            // Only the hourly rule is due after an hour.
            assertThat(web.runs.runDue()).extracting(RetentionRun::rule).containsExactly("views-90d");

            web.clock.advance(Duration.ofDays(5));
            // Five days down: each rule runs once, with the cutoff of now.
            List<RetentionRun> late = web.runs.runDue();
            assertThat(late).extracting(RetentionRun::rule).containsExactlyInAnyOrder("clicks-90d", "views-90d",
                    "all-clicks-90d");
            assertThat(late).allSatisfy(run -> assertThat(run.cutoff()).hasValue(CUTOFF.plus(Duration.ofDays(5))
                    .plus(Duration.ofHours(1))));
            assertThat(web.runs.runDue()).isEmpty();
            // Another replica finds nothing due either.
            assertThat(web.runs().runDue()).isEmpty();
            assertThat(web.runs.runs(100)).hasSize(7);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aTurnOfTheScheduleIsTakenOnceAmongReplicas(String kind) throws SQLException {
        try (ClickstreamFixture web = new ClickstreamFixture(kind)) {
            assertThat(web.runStore.create("clicks-90d", Trigger.SCHEDULE, RetentionRuns.SCHEDULER,
                    Optional.of("first"))).isPresent();
            assertThat(web.runStore.create("clicks-90d", Trigger.SCHEDULE, RetentionRuns.SCHEDULER,
                    Optional.of("first"))).isEmpty();
            assertThat(web.runStore.create("clicks-90d", Trigger.ON_DEMAND, OPS, Optional.empty())).isPresent();
            assertThat(web.runStore.create("clicks-90d", Trigger.ON_DEMAND, OPS, Optional.empty())).isPresent();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aRunACrashLeftPlannedButNotExecutedIsResumedAtTheNextTick(String kind) throws SQLException {
        try (ClickstreamFixture web = new ClickstreamFixture(kind)) {
            web.policy(web.defaultPolicy().replaceAll("schedule: hourly", "schedule: P30D")
                    .replace("- name: all-clicks-90d", "- name: all-clicks-90d\n      namespace: none"));
            RetentionRun started = web.runStore.create("clicks-90d", Trigger.ON_DEMAND, OPS, Optional.empty())
                    .orElseThrow();
            RetentionPlanner.Planned planned = web.planner().plan("clicks-90d", started.startedAt());
            web.runStore.planned(started.id(), planned.cutoff(), planned.plan());

            List<RetentionRun> ticked = web.runs.runDue();

            assertThat(ticked).filteredOn(run -> run.id().equals(started.id())).singleElement()
                    .satisfies(run -> assertThat(run.status()).isEqualTo(Status.COMPLETED));
            assertThat(web.count("clickstream", OLD)).isZero();
            // The resumed run was the rule's last, so its schedule is not due again.
            assertThat(ticked).filteredOn(run -> run.rule().equals("clicks-90d")).hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theSchedulerRunsDueRulesOnItsOwnAndAnUnknownRuleIsRefused(String kind) throws Exception {
        try (ClickstreamFixture web = new ClickstreamFixture(kind)) {
            assertThatThrownBy(() -> web.runs.runNow("no-such-rule", OPS)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no-such-rule");
            web.runs.start();
            for (int i = 0; i < 600 && web.runs.runs(10).stream().filter(r -> r.status().finished()).count() < 3; i++) {
                Thread.sleep(100);
            }
            web.runs.close();
            assertThat(web.runs.runs(10)).hasSize(3).allSatisfy(run -> {
                assertThat(run.trigger()).isEqualTo(Trigger.SCHEDULE);
                assertThat(run.status().finished()).isTrue();
            });
            assertThat(web.count("clickstream", OLD)).isZero();
        }
    }
}
