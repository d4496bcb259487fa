package io.custodian.erasure.request;

import static io.custodian.erasure.request.RequestStatus.APPROVED;
import static io.custodian.erasure.request.RequestStatus.CANCELED;
import static io.custodian.erasure.request.RequestStatus.COMPLETED;
import static io.custodian.erasure.request.RequestStatus.EXECUTING;
import static io.custodian.erasure.request.RequestStatus.ON_HOLD;
import static io.custodian.erasure.request.RequestStatus.PARTIALLY_COMPLETED;
import static io.custodian.erasure.request.RequestStatus.PLANNED;
import static io.custodian.erasure.request.RequestStatus.RECEIVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodian.catalog.audit.AuditEvent;
import io.custodian.catalog.read.Views.Page;
import io.custodian.catalog.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SubjectRequestStoreTest {
    static List<String> kinds() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aNewRequestIsReceivedDueByItsRegulationAndRecorded(String kind) {
        try (RequestDatabase db = new RequestDatabase(kind)) {
            SubjectRequest request = db.store.create(RequestDatabase.erasure(Regulation.GDPR, "officer"));

            assertThat(request.status()).isEqualTo(RECEIVED);
            assertThat(request.receivedAt()).isEqualTo(RequestDatabase.START);
            assertThat(request.dueAt()).isEqualTo(Instant.parse("2027-02-28T10:00:00Z"));
            assertThat(request.submittedBy()).isEqualTo("officer");
            assertThat(request.requestedBy()).isEqualTo("support ticket owner");
            assertThat(request.reference()).contains("TICKET-7");
            assertThat(request.identifierTypes()).containsExactly("EMAIL_ADDRESS", "PERSON_ID");
            assertThat(db.store.get(request.id())).contains(request);
            assertThat(db.store.history(request.id())).containsExactly(new StatusChange(RequestDatabase.START,
                    "officer", Optional.empty(), RECEIVED, Optional.empty()));
            assertThat(db.audited).extracting(AuditEvent::action, AuditEvent::target)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("subject-request.received",
                            "subject-request/" + request.id()));
            assertThat(db.audited.get(0).detail()).contains("EMAIL_ADDRESS").doesNotContain("alice");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aRequestGoesThroughItsLifecycleWithAHistoryRowAndAnAuditEventPerChange(String kind) {
        try (RequestDatabase db = new RequestDatabase(kind)) {
            SubjectRequest planned = db.planned("officer");
            assertThat(db.store.plan(planned.id())).contains("{\"steps\":[]}");
            assertThat(planned.policyVersion()).contains("v1");

            db.clock.advance(Duration.ofHours(1));
            SubjectRequest approved = db.store.approve(planned.id(), "dpo", true);
            assertThat(approved.status()).isEqualTo(APPROVED);
            assertThat(approved.approvedBy()).contains("dpo");
            assertThat(approved.approvedAt()).contains(RequestDatabase.START.plus(Duration.ofHours(1)));

            db.store.move(planned.id(), APPROVED, EXECUTING, "executor", null);
            db.store.move(planned.id(), EXECUTING, PARTIALLY_COMPLETED, "executor", "one manual step");
            db.store.move(planned.id(), PARTIALLY_COMPLETED, EXECUTING, "executor", "resumed");
            db.clock.advance(Duration.ofHours(1));
            SubjectRequest done = db.store.move(planned.id(), EXECUTING, COMPLETED, "executor", null);

            assertThat(done.status()).isEqualTo(COMPLETED);
            assertThat(done.completedAt()).contains(RequestDatabase.START.plus(Duration.ofHours(2)));
            assertThat(db.store.history(planned.id())).extracting(StatusChange::to)
                    .containsExactly(RECEIVED, PLANNED, APPROVED, EXECUTING, PARTIALLY_COMPLETED, EXECUTING, COMPLETED);
            assertThat(db.store.history(planned.id()).get(4).reason()).contains("one manual step");
            assertThat(db.audited).extracting(AuditEvent::action).containsExactly("subject-request.received",
                    "subject-request.planned", "subject-request.approved", "subject-request.executing",
                    "subject-request.partially_completed", "subject-request.executing", "subject-request.completed");
            assertThat(db.audited.get(2).actor()).isEqualTo("dpo");
            assertThat(db.audited.get(2).detail()).isEqualTo("from=PLANNED; to=APPROVED; policyVersion=v1");
            assertThat(db.audited).allSatisfy(e -> assertThat(e.target()).isEqualTo("subject-request/" + planned.id()));
            // The request has ended: its identifiers are gone from the vault.
            assertThat(db.vault.open(planned.id())).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void approvingTwiceOrACanceledRequestIsRefusedNamingTheCurrentStatus(String kind) {
        try (RequestDatabase db = new RequestDatabase(kind)) {
            SubjectRequest request = db.planned("officer");
            db.store.approve(request.id(), "dpo", true);
            assertThatThrownBy(() -> db.store.approve(request.id(), "dpo", true))
                    .isInstanceOfSatisfying(RequestStateException.class, e -> assertThat(e.current()).isEqualTo(APPROVED))
                    .hasMessageContaining("is APPROVED");

            SubjectRequest other = db.planned("officer");
            db.store.move(other.id(), PLANNED, CANCELED, "officer", "duplicate");
            assertThatThrownBy(() -> db.store.approve(other.id(), "dpo", true))
                    .isInstanceOfSatisfying(RequestStateException.class, e -> assertThat(e.current()).isEqualTo(CANCELED));
            assertThat(db.store.history(other.id())).extracting(StatusChange::to).containsExactly(RECEIVED, PLANNED,
                    CANCELED);
            assertThat(db.audited).filteredOn(e -> e.target().endsWith(other.id().toString()))
                    .extracting(AuditEvent::action).doesNotContain("subject-request.approved");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theSubmitterCannotApproveWhenThePolicyWantsADistinctApprover(String kind) {
        try (RequestDatabase db = new RequestDatabase(kind)) {
            SubjectRequest request = db.planned("officer");
            assertThatThrownBy(() -> db.store.approve(request.id(), "officer", true))
                    .isInstanceOf(ApprovalRefusedException.class);
            assertThat(db.store.get(request.id()).orElseThrow().status()).isEqualTo(PLANNED);

            assertThat(db.store.approve(request.id(), "officer", false).approvedBy()).contains("officer");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aTransitionTheLifecycleDoesNotAllowIsRefusedAndChangesNothing(String kind) {
        try (RequestDatabase db = new RequestDatabase(kind)) {
            SubjectRequest request = db.store.create(RequestDatabase.erasure(Regulation.GDPR, "officer"));
            assertThatThrownBy(() -> db.store.move(request.id(), RECEIVED, EXECUTING, "executor", null))
                    .isInstanceOf(RequestStateException.class)
                    .hasMessageContaining("cannot move from RECEIVED to EXECUTING");
            assertThatThrownBy(() -> db.store.move(request.id(), RECEIVED, APPROVED, "dpo", null))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> db.store.move(request.id(), RECEIVED, PLANNED, "planner", null))
                    .isInstanceOf(RequestStateException.class)
                    .hasMessageContaining("no saved plan");
            assertThatThrownBy(() -> db.store.move(UUID.randomUUID(), RECEIVED, ON_HOLD, "x", null))
                    .isInstanceOf(RequestNotFoundException.class);
            assertThat(db.store.get(request.id())).contains(request);
            assertThat(db.store.history(request.id())).hasSize(1);
            assertThat(db.audited).hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aChangeFromAStatusThatChangedMeanwhileFailsNamingTheStatusNow(String kind) {
        try (RequestDatabase db = new RequestDatabase(kind)) {
            SubjectRequest seen = db.planned("officer");
            // Another officer cancels after this caller read the request as PLANNED.
            db.store.move(seen.id(), PLANNED, CANCELED, "other officer", "withdrawn by the subject");

            assertThatThrownBy(() -> db.store.move(seen.id(), seen.status(), ON_HOLD, "officer", "awaiting ID"))
                    .isInstanceOfSatisfying(RequestStateException.class, e -> assertThat(e.current()).isEqualTo(CANCELED))
                    .hasMessageContaining("is CANCELED")
                    .hasMessageContaining("no longer PLANNED");
            SubjectRequest now = db.store.get(seen.id()).orElseThrow();
            assertThat(now.status()).isEqualTo(CANCELED);
            assertThat(now.statusReason()).contains("withdrawn by the subject");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aPlanIsSavedOnlyWhileReceivedAndReplanningGoesBackThroughReceived(String kind) {
        try (RequestDatabase db = new RequestDatabase(kind)) {
            SubjectRequest request = db.planned("officer");
            assertThatThrownBy(() -> db.store.savePlan(request.id(), "{}", "v2"))
                    .isInstanceOfSatisfying(RequestStateException.class, e -> assertThat(e.current()).isEqualTo(PLANNED));

            db.store.move(request.id(), PLANNED, RECEIVED, "officer", "the policy changed");
            db.store.savePlan(request.id(), "{\"steps\":[1]}", "v2");
            assertThat(db.store.plan(request.id())).contains("{\"steps\":[1]}");
            assertThat(db.store.get(request.id()).orElseThrow().policyVersion()).contains("v2");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aDeadlineIsExtendedOnceWithinTheRegulationsMaximum(String kind) {
        try (RequestDatabase db = new RequestDatabase(kind)) {
            SubjectRequest request = db.store.create(RequestDatabase.erasure(Regulation.GDPR, "officer"));
            assertThatThrownBy(() -> db.store.extend(request.id(), Period.ofMonths(3), "complex", "dpo"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most P2M");

            SubjectRequest extended = db.store.extend(request.id(), Period.ofMonths(2), "many systems", "dpo");
            assertThat(extended.dueAt()).isEqualTo(Instant.parse("2027-04-28T10:00:00Z"));
            assertThat(extended.extension()).contains(new Extension(Period.ofMonths(2), "many systems",
                    RequestDatabase.START, "dpo"));
            assertThatThrownBy(() -> db.store.extend(request.id(), Period.ofDays(1), "again", "dpo"))
                    .isInstanceOf(RequestStateException.class).hasMessageContaining("extended once");
            assertThat(db.store.history(request.id()).get(1)).satisfies(change -> {
                assertThat(change.from()).contains(RECEIVED);
                assertThat(change.to()).isEqualTo(RECEIVED);
                assertThat(change.reason()).contains("deadline extended by P2M: many systems");
            });
            assertThat(db.audited.get(1).action()).isEqualTo("subject-request.extended");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void listFiltersByStatusTypeDueDateAndStandingAndPages(String kind) {
        try (RequestDatabase db = new RequestDatabase(kind)) {
            // Received 2027-01-31: GDPR due 2027-02-28, CCPA due 2027-03-17.
            SubjectRequest gdpr1 = db.store.create(RequestDatabase.erasure(Regulation.GDPR, "officer"));
            SubjectRequest gdpr2 = db.store.create(RequestDatabase.erasure(Regulation.GDPR, "officer"));
            SubjectRequest ccpa = db.store.create(new NewSubjectRequest(RequestType.ACCESS, Regulation.CCPA,
                    RequestDatabase.alice(), "web form", "officer", Optional.empty()));
            SubjectRequest canceled = db.store.create(RequestDatabase.erasure(Regulation.GDPR, "officer"));
            db.store.move(canceled.id(), RECEIVED, CANCELED, "officer", null);

            assertThat(db.store.list(RequestFilter.all(10)).totalCount()).isEqualTo(4);
            assertThat(ids(db.store.list(RequestFilter.all(10).withTypes(Set.of(RequestType.ACCESS)))))
                    .containsExactly(ccpa.id());
            assertThat(ids(db.store.list(RequestFilter.all(10).withStatuses(Set.of(CANCELED)))))
                    .containsExactly(canceled.id());
            assertThat(ids(db.store.list(RequestFilter.all(10).withDueBefore(Instant.parse("2027-03-01T00:00:00Z")))))
                    .containsExactlyInAnyOrder(gdpr1.id(), gdpr2.id(), canceled.id());

            Page<SubjectRequest> first = db.store.list(RequestFilter.all(2).withStatuses(Set.of(RECEIVED)));
            Page<SubjectRequest> second = db.store.list(RequestFilter.all(2).withStatuses(Set.of(RECEIVED)).page(2, 2));
            assertThat(first.totalCount()).isEqualTo(3);
            assertThat(second.totalCount()).isEqualTo(3);
            assertThat(first.items()).hasSize(2);
            assertThat(second.items()).extracting(SubjectRequest::id).containsExactly(ccpa.id());

            // 2027-02-22: the GDPR requests are due within seven days, the CCPA one is not.
            db.clock.set(Instant.parse("2027-02-22T10:00:00Z"));
            assertThat(ids(db.store.list(RequestFilter.all(10).withStanding(Standing.NEAR_DEADLINE))))
                    .containsExactlyInAnyOrder(gdpr1.id(), gdpr2.id());
            assertThat(ids(db.store.list(RequestFilter.all(10).withStanding(Standing.ON_TRACK))))
                    .containsExactly(ccpa.id());
            assertThat(ids(db.store.list(RequestFilter.all(10).withStanding(Standing.CLOSED))))
                    .containsExactly(canceled.id());
            assertThat(db.store.standingCounts(db.clock.instant())).isEqualTo(Map.of(Standing.ON_TRACK, 1L,
                    Standing.NEAR_DEADLINE, 2L, Standing.OVERDUE, 0L));

            // On the GDPR due instant they are overdue; the store and Deadlines agree on every request.
            Instant due = Instant.parse("2027-02-28T10:00:00Z");
            db.clock.set(due);
            assertThat(ids(db.store.list(RequestFilter.all(10).withStanding(Standing.OVERDUE))))
                    .containsExactlyInAnyOrder(gdpr1.id(), gdpr2.id());
            for (SubjectRequest request : db.store.list(RequestFilter.all(10)).items()) {
                Standing standing = Deadlines.defaults().standing(request, due);
                assertThat(ids(db.store.list(RequestFilter.all(10).withStanding(standing)))).contains(request.id());
            }
            // The CCPA request, due 2027-03-17, is still more than seven days away.
            assertThat(db.store.standingCounts(due)).isEqualTo(Map.of(Standing.ON_TRACK, 1L,
                    Standing.NEAR_DEADLINE, 0L, Standing.OVERDUE, 2L));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void planningClaimsTheOldestUnclaimedReceivedRequestUntilItsLeaseRunsOut(String kind) {
        try (RequestDatabase db = new RequestDatabase(kind)) {
            SubjectRequest older = db.store.create(RequestDatabase.erasure(Regulation.GDPR, "officer"));
            db.clock.advance(Duration.ofMinutes(1));
            SubjectRequest newer = db.store.create(RequestDatabase.erasure(Regulation.GDPR, "officer"));

            assertThat(db.store.claimForPlanning("planner-1", Duration.ofMinutes(5))).map(SubjectRequest::id)
                    .contains(older.id());
            assertThat(db.store.claimForPlanning("planner-2", Duration.ofMinutes(5))).map(SubjectRequest::id)
                    .contains(newer.id());
            assertThat(db.store.claimForPlanning("planner-3", Duration.ofMinutes(5))).isEmpty();

            db.store.savePlan(newer.id(), "{}", "v1");
            db.store.move(newer.id(), RECEIVED, PLANNED, "planner-2", null);
            db.clock.advance(Duration.ofMinutes(6));
            assertThat(db.store.claimForPlanning("planner-3", Duration.ofMinutes(5))).map(SubjectRequest::id)
                    .contains(older.id());
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void anExportOpensAsSavedUntilItExpiresAndIsStoredEncrypted(String kind) {
        try (RequestDatabase db = new RequestDatabase(kind)) {
            SubjectRequest request = db.store.create(new NewSubjectRequest(RequestType.ACCESS, Regulation.GDPR,
                    RequestDatabase.alice(), "web form", "officer", Optional.empty()));
            byte[] export = "{\"email\": \"alice@example.org\", \"orders\": [1, 2]}".getBytes(StandardCharsets.UTF_8);
            db.store.saveExport(request.id(), export, Duration.ofDays(7));

            assertThat(db.store.export(request.id())).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(export));
            String stored = db.storedText("SELECT sealed FROM subject_request_export WHERE request_id = :id",
                    request.id());
            assertThat(new String(java.util.Base64.getDecoder().decode(stored), StandardCharsets.ISO_8859_1))
                    .doesNotContain("alice@example.org");

            db.clock.advance(Duration.ofDays(7));
            assertThat(db.store.export(request.id())).isEmpty();
            assertThat(db.store.deleteExpiredExports(db.clock.instant().minusSeconds(1))).isZero();
            assertThat(db.store.deleteExpiredExports(db.clock.instant())).isEqualTo(1);
            int left = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM subject_request_export")
                    .mapTo(Integer.class).one());
            assertThat(left).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void anExportCopiedToAnotherRequestDoesNotOpenThere(String kind) {
        try (RequestDatabase db = new RequestDatabase(kind)) {
            SubjectRequest alice = db.store.create(RequestDatabase.erasure(Regulation.GDPR, "officer"));
            SubjectRequest bob = db.store.create(RequestDatabase.erasure(Regulation.GDPR, "officer"));
            db.store.saveExport(alice.id(), "{\"a\":1}".getBytes(StandardCharsets.UTF_8), Duration.ofDays(1));
            db.store.saveExport(bob.id(), "{\"b\":2}".getBytes(StandardCharsets.UTF_8), Duration.ofDays(1));
            String alices = db.storedText("SELECT sealed FROM subject_request_export WHERE request_id = :id", alice.id());
            db.jdbi().useHandle(h -> h.createUpdate("UPDATE subject_request_export SET sealed = :s WHERE request_id = :id")
                    .bind("s", alices).bind("id", bob.id()).execute());

            assertThatThrownBy(() -> db.store.export(bob.id())).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another request");
        }
    }

    private static List<UUID> ids(Page<SubjectRequest> page) {
        return page.items().stream().map(SubjectRequest::id).toList();
    }
}
