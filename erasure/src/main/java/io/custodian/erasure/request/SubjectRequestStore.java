package io.custodian.erasure.request;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodian.catalog.audit.AuditEvent;
import io.custodian.catalog.audit.AuditTrail;
import io.custodian.catalog.read.Views.Page;
import io.custodian.erasure.plan.SubjectHasher;
import io.custodian.sources.dialect.SqlDialect;
import io.custodian.sources.dialect.SqlDialects;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Subject requests in the catalog database: their lifecycle, plans, deadlines and access exports.
 *
 * <p>Every status change is a compare-and-set on the status the caller saw, checked against
 * {@link RequestStatus#canMoveTo}, and writes in the same transaction a history row and an audit
 * event ({@code subject-request.<status>}, target {@code subject-request/<id>}); an audit failure
 * fails the change. Entering a final status destroys the request's identifiers in the vault.
 * Nothing personal reaches an audit event or exception: requests are named by id and identifiers
 * by type.
 */
public final class SubjectRequestStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXPORT_FIELD = "export";
    private static final String COLUMNS = """
            id, request_type, regulation, status, status_reason, identifier_types, subject_hashes, requested_by,
            submitted_by, reference, received_at, due_at, extension_period, extension_reason, extended_at,
            extended_by, approved_by, approved_at, completed_at, policy_version, updated_at""";

    private final Jdbi jdbi;
    private final Clock clock;
    private final AuditTrail audit;
    private final Deadlines deadlines;
    private final SubjectHasher hasher;
    private final KeyringIdentifierVault vault;
    /** Whether the store is PostgreSQL (claims skip locked rows); read from the first connection that needs it. */
    private volatile Boolean postgres;

    /**
     * @param jdbi      the catalog database, migrated
     * @param deadlines the regulations' deadline terms
     * @param hasher    hashes the identifiers a request is created with
     * @param vault     holds the identifiers; its purpose's keys also seal access exports
     */
    public SubjectRequestStore(Jdbi jdbi, Clock clock, AuditTrail audit, Deadlines deadlines, SubjectHasher hasher,
            KeyringIdentifierVault vault) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.deadlines = requireNonNull(deadlines, "deadlines is null");
        this.hasher = requireNonNull(hasher, "hasher is null");
        this.vault = requireNonNull(vault, "vault is null");
    }

    /** Stores a new request, RECEIVED and due by its regulation, with its identifiers sealed in the vault. */
    public SubjectRequest create(NewSubjectRequest request) {
        requireNonNull(request, "request is null");
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Instant due = deadlines.due(request.regulation(), now);
        SortedSet<String> types = new TreeSet<>(request.identifiers().types());
        Map<String, List<String>> hashes = new TreeMap<>();
        request.identifiers().asMap().forEach((type, values) ->
                hashes.put(type, values.stream().map(value -> hasher.hash(type, value)).distinct().toList()));
        return jdbi.inTransaction(handle -> {
            handle.createUpdate("""
                    INSERT INTO subject_request (id, request_type, regulation, status, identifier_types, subject_hashes,
                        requested_by, submitted_by, reference, received_at, due_at, updated_at)
                    VALUES (:id, :type, :regulation, :status, :types, :hashes, :requestedBy, :submittedBy, :reference,
                        :now, :due, :now)""")
                    .bind("id", id)
                    .bind("type", request.type().name())
                    .bind("regulation", request.regulation().name())
                    .bind("status", RequestStatus.RECEIVED.name())
                    .bind("types", json(types))
                    .bind("hashes", json(hashes))
                    .bind("requestedBy", request.requestedBy())
                    .bind("submittedBy", request.submittedBy())
                    .bind("reference", request.reference().orElse(null))
                    .bind("now", now)
                    .bind("due", due)
                    .execute();
            vault.seal(handle, id, request.identifiers());
            history(handle, id, now, request.submittedBy(), null, RequestStatus.RECEIVED, null);
            audit.record(AuditEvent.success(request.submittedBy(), action(RequestStatus.RECEIVED),
                    SubjectRequest.auditTarget(id), "type=" + request.type() + "; regulation=" + request.regulation()
                            + "; identifierTypes=" + String.join(",", types) + "; due=" + due));
            return find(handle, id, false).orElseThrow();
        });
    }

    /** How the request stands against its deadline now. */
    public Standing standing(SubjectRequest request) {
        return deadlines.standing(request, clock.instant());
    }

    public Optional<SubjectRequest> get(UUID id) {
        requireNonNull(id, "id is null");
        return jdbi.withHandle(handle -> find(handle, id, false));
    }

    /** One page of the requests the filter selects, most urgent (earliest due) first, with their total. */
    public Page<SubjectRequest> list(RequestFilter filter) {
        requireNonNull(filter, "filter is null");
        Where where = where(filter, clock.instant());
        return jdbi.withHandle(handle -> {
            long total = where.bind(handle.createQuery("SELECT COUNT(*) FROM subject_request" + where.sql()))
                    .mapTo(Long.class).one();
            List<SubjectRequest> page = where.bind(handle.createQuery("SELECT " + COLUMNS + " FROM subject_request"
                            + where.sql() + " ORDER BY due_at, id LIMIT :limit OFFSET :offset"))
                    .bind("limit", filter.limit())
                    .bind("offset", filter.offset())
                    .map((rs, ctx) -> row(rs))
                    .list();
            return new Page<>(total, page);
        });
    }

    /** The request's history, oldest first. */
    public List<StatusChange> history(UUID id) {
        requireNonNull(id, "id is null");
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT changed_at, actor, from_status, to_status, reason FROM subject_request_history
                        WHERE request_id = :id ORDER BY seq""")
                .bind("id", id)
                .map((rs, ctx) -> new StatusChange(instant(rs, "changed_at"), rs.getString("actor"),
                        Optional.ofNullable(rs.getString("from_status")).map(RequestStatus::valueOf),
                        RequestStatus.valueOf(rs.getString("to_status")), Optional.ofNullable(rs.getString("reason"))))
                .list());
    }

    /**
     * Moves the request from {@code from} to {@code to}, if it is still in {@code from}.
     * Approval has its own method, {@link #approve}, which checks the approver.
     *
     * @param reason why, when someone says (kept in the request and its history, not in the audit event)
     * @throws RequestStateException    when the request is no longer in {@code from}, the transition is
     *                                  not allowed, or {@code to} is PLANNED and no plan is saved
     * @throws RequestNotFoundException when there is no such request
     */
    public SubjectRequest move(UUID id, RequestStatus from, RequestStatus to, String actor, String reason) {
        requireNonNull(to, "to is null");
        if (to == RequestStatus.APPROVED) {
            throw new IllegalArgumentException("a request is approved with approve(), which checks the approver");
        }
        return jdbi.inTransaction(handle -> transition(handle, id, from, to, actor, reason, ""));
    }

    /**
     * Approves a PLANNED request.
     *
     * @param distinctApprover the policy's rule that the approver is not the submitter
     * @throws ApprovalRefusedException when the rule applies and the approver submitted the request
     * @throws RequestStateException    when the request is not PLANNED
     */
    public SubjectRequest approve(UUID id, String approver, boolean distinctApprover) {
        requireNonNull(approver, "approver is null");
        return jdbi.inTransaction(handle -> {
            SubjectRequest current = find(handle, id, true).orElseThrow(() -> new RequestNotFoundException(id));
            if (current.status() != RequestStatus.PLANNED) {
                throw new RequestStateException(id, current.status(), "only a PLANNED request can be approved");
            }
            if (distinctApprover && approver.equals(current.submittedBy())) {
                throw new ApprovalRefusedException(id,
                        "the policy wants an approver other than the submitter, and the approver submitted it");
            }
            return transition(handle, id, RequestStatus.PLANNED, RequestStatus.APPROVED, approver, null,
                    "; policyVersion=" + current.policyVersion().orElse("none"));
        });
    }

    /**
     * Stores the request's plan (JSON, free of personal data) and the policy set version it was made
     * under, releasing the planner's claim. Only while the request is RECEIVED: an approved plan
     * never changes; to re-plan, move PLANNED back to RECEIVED.
     */
    public void savePlan(UUID id, String planJson, String policyVersion) {
        requireNonNull(id, "id is null");
        requireNonNull(planJson, "planJson is null");
        requireNonNull(policyVersion, "policyVersion is null");
        jdbi.useTransaction(handle -> {
            Instant now = clock.instant();
            int updated = handle.createUpdate("""
                            UPDATE subject_request SET plan = :plan, policy_version = :version, planned_at = :now,
                                planning_claimed_by = NULL, planning_claimed_until = NULL, updated_at = :now
                            WHERE id = :id AND status = :received""")
                    .bind("plan", planJson)
                    .bind("version", policyVersion)
                    .bind("now", now)
                    .bind("id", id)
                    .bind("received", RequestStatus.RECEIVED.name())
                    .execute();
            if (updated == 0) {
                throw new RequestStateException(id, currentStatus(handle, id), "a plan is saved only while RECEIVED");
            }
        });
    }

    /** The request's stored plan (JSON); empty when none is saved. */
    public Optional<String> plan(UUID id) {
        requireNonNull(id, "id is null");
        return jdbi.withHandle(handle -> handle.createQuery("SELECT plan FROM subject_request WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> Optional.ofNullable(rs.getString("plan")))
                .findOne()
                .orElseThrow(() -> new RequestNotFoundException(id)));
    }

    /**
     * Extends the request's deadline by {@code period}, once, within its regulation's maximum.
     *
     * @throws IllegalArgumentException when {@code period} goes beyond the maximum
     * @throws RequestStateException    when the request is closed or was extended already
     */
    public SubjectRequest extend(UUID id, Period period, String reason, String actor) {
        requireNonNull(period, "period is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(actor, "actor is null");
        return jdbi.inTransaction(handle -> {
            SubjectRequest current = find(handle, id, true).orElseThrow(() -> new RequestNotFoundException(id));
            if (current.status().isFinal()) {
                throw new RequestStateException(id, current.status(), "a closed request's deadline is not extended");
            }
            if (current.extension().isPresent()) {
                throw new RequestStateException(id, current.status(), "its deadline was extended already (by "
                        + current.extension().get().period() + "); a deadline is extended once");
            }
            Instant due = deadlines.extended(current.regulation(), current.dueAt(), period);
            Instant now = clock.instant();
            handle.createUpdate("""
                            UPDATE subject_request SET due_at = :due, extension_period = :period,
                                extension_reason = :reason, extended_at = :now, extended_by = :actor, updated_at = :now
                            WHERE id = :id""")
                    .bind("due", due)
                    .bind("period", period.toString())
                    .bind("reason", reason)
                    .bind("now", now)
                    .bind("actor", actor)
                    .bind("id", id)
                    .execute();
            history(handle, id, now, actor, current.status(), current.status(), "deadline extended by " + period
                    + ": " + reason);
            audit.record(AuditEvent.success(actor, "subject-request.extended", SubjectRequest.auditTarget(id),
                    "by=" + period + "; due=" + due));
            return find(handle, id, false).orElseThrow();
        });
    }

    /**
     * Claims the oldest RECEIVED request no planner holds (or whose holder's lease ran out) for
     * {@code worker}, for {@code lease}; {@link #savePlan} releases it. Concurrent workers get
     * different requests: on PostgreSQL they skip each other's locked rows, on H2 they wait.
     */
    public Optional<SubjectRequest> claimForPlanning(String worker, Duration lease) {
        requireNonNull(worker, "worker is null");
        requireNonNull(lease, "lease is null");
        return jdbi.inTransaction(handle -> {
            Instant now = clock.instant();
            Optional<UUID> id = handle.createQuery("""
                            SELECT id FROM subject_request
                            WHERE status = :received AND (planning_claimed_until IS NULL OR planning_claimed_until <= :now)
                            ORDER BY received_at, id LIMIT 1 FOR UPDATE"""
                            + (isPostgres(handle) ? " SKIP LOCKED" : ""))
                    .bind("received", RequestStatus.RECEIVED.name())
                    .bind("now", now)
                    .mapTo(UUID.class)
                    .findOne();
            if (id.isEmpty()) {
                return Optional.empty();
            }
            handle.createUpdate("""
                            UPDATE subject_request SET planning_claimed_by = :worker, planning_claimed_until = :until
                            WHERE id = :id""")
                    .bind("worker", worker)
                    .bind("until", now.plus(lease))
                    .bind("id", id.get())
                    .execute();
            return find(handle, id.get(), false);
        });
    }

    /** How many open requests stand where at {@code now}: every standing but CLOSED, zeros included. */
    public Map<Standing, Long> standingCounts(Instant now) {
        requireNonNull(now, "now is null");
        Map<Standing, Long> counts = new EnumMap<>(Standing.class);
        jdbi.useHandle(handle -> {
            for (Standing standing : List.of(Standing.ON_TRACK, Standing.NEAR_DEADLINE, Standing.OVERDUE)) {
                Where where = where(RequestFilter.all(1).withStanding(standing), now);
                counts.put(standing, where.bind(handle.createQuery("SELECT COUNT(*) FROM subject_request" + where.sql()))
                        .mapTo(Long.class).one());
            }
        });
        return counts;
    }

    /**
     * Stores (or replaces) an access request's export, sealed under the vault's purpose, until
     * {@code keep} from now.
     */
    public void saveExport(UUID id, byte[] plaintextJson, Duration keep) {
        requireNonNull(id, "id is null");
        requireNonNull(plaintextJson, "plaintextJson is null");
        requireNonNull(keep, "keep is null");
        if (keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("an export is kept for a positive duration");
        }
        Instant now = clock.instant();
        Instant expires = now.plus(keep);
        String sealed = vault.sealer().seal(id, EXPORT_FIELD, JSON.getNodeFactory().binaryNode(plaintextJson));
        jdbi.useTransaction(handle -> {
            currentStatus(handle, id);
            int updated = handle.createUpdate("""
                            UPDATE subject_request_export SET created_at = :now, expires_at = :expires, sealed = :sealed
                            WHERE request_id = :id""")
                    .bind("now", now).bind("expires", expires).bind("sealed", sealed).bind("id", id).execute();
            if (updated == 0) {
                handle.createUpdate("""
                                INSERT INTO subject_request_export (request_id, created_at, expires_at, sealed)
                                VALUES (:id, :now, :expires, :sealed)""")
                        .bind("id", id).bind("now", now).bind("expires", expires).bind("sealed", sealed).execute();
            }
            audit.record(AuditEvent.success("custodian", "subject-request.export-saved", SubjectRequest.auditTarget(id),
                    "bytes=" + plaintextJson.length + "; expires=" + expires));
        });
    }

    /** The request's export, decrypted; empty when there is none or it has expired. */
    public Optional<byte[]> export(UUID id) {
        requireNonNull(id, "id is null");
        Optional<String> sealed = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT sealed FROM subject_request_export WHERE request_id = :id AND expires_at > :now")
                .bind("id", id)
                .bind("now", clock.instant())
                .mapTo(String.class)
                .findOne());
        return sealed.map(text -> {
            try {
                return vault.sealer().open(id, EXPORT_FIELD, text).binaryValue();
            } catch (IOException e) {
                throw new IllegalStateException("the export stored for subject request " + id + " is not readable");
            }
        });
    }

    /** Deletes the exports expired at {@code now}; returns how many. */
    public int deleteExpiredExports(Instant now) {
        requireNonNull(now, "now is null");
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM subject_request_export WHERE expires_at <= :now")
                .bind("now", now)
                .execute());
    }

    /** The compare-and-set status change, with its history row, audit event and (when final) the vault's destruction. */
    private SubjectRequest transition(Handle handle, UUID id, RequestStatus from, RequestStatus to, String actor,
            String reason, String auditDetail) {
        requireNonNull(id, "id is null");
        requireNonNull(from, "from is null");
        requireNonNull(actor, "actor is null");
        SubjectRequest current = find(handle, id, true).orElseThrow(() -> new RequestNotFoundException(id));
        if (current.status() != from) {
            throw new RequestStateException(id, current.status(), "it is no longer " + from
                    + " (it changed since it was read)");
        }
        if (!from.canMoveTo(to)) {
            throw new RequestStateException(id, current.status(), "a request cannot move from " + from + " to " + to
                    + (from.isFinal() ? " (a final status)" : "; it can move to " + from.successors()));
        }
        if (to == RequestStatus.PLANNED && plan(handle, id).isEmpty()) {
            throw new RequestStateException(id, current.status(), "it has no saved plan");
        }
        Instant now = clock.instant();
        boolean approving = to == RequestStatus.APPROVED;
        int updated = handle.createUpdate("""
                        UPDATE subject_request SET status = :to, status_reason = :reason, updated_at = :now,
                            planning_claimed_by = NULL, planning_claimed_until = NULL,
                            approved_by = CASE WHEN :approving THEN :actor ELSE approved_by END,
                            approved_at = CASE WHEN :approving THEN :now ELSE approved_at END,
                            completed_at = CASE WHEN :closing THEN :now ELSE completed_at END
                        WHERE id = :id AND status = :from""")
                .bind("to", to.name())
                .bind("reason", reason)
                .bind("now", now)
                .bind("approving", approving)
                .bind("actor", actor)
                .bind("closing", to.isFinal())
                .bind("id", id)
                .bind("from", from.name())
                .execute();
        if (updated == 0) {
            throw new RequestStateException(id, currentStatus(handle, id), "it is no longer " + from
                    + " (it changed since it was read)");
        }
        history(handle, id, now, actor, from, to, reason);
        if (to.isFinal()) {
            // The request has ended: its identifiers have no further use and must not outlive it.
            vault.destroy(handle, id);
        }
        audit.record(AuditEvent.success(actor, action(to), SubjectRequest.auditTarget(id),
                "from=" + from + "; to=" + to + auditDetail));
        return find(handle, id, false).orElseThrow();
    }

    private static String action(RequestStatus status) {
        return "subject-request." + status.name().toLowerCase(Locale.ROOT);
    }

    private static void history(Handle handle, UUID id, Instant at, String actor, RequestStatus from, RequestStatus to,
            String reason) {
        handle.createUpdate("""
                        INSERT INTO subject_request_history (request_id, changed_at, actor, from_status, to_status, reason)
                        VALUES (:id, :at, :actor, :from, :to, :reason)""")
                .bind("id", id)
                .bind("at", at)
                .bind("actor", actor)
                .bind("from", from == null ? null : from.name())
                .bind("to", to.name())
                .bind("reason", reason)
                .execute();
    }

    private static Optional<String> plan(Handle handle, UUID id) {
        return handle.createQuery("SELECT plan FROM subject_request WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> Optional.ofNullable(rs.getString("plan")))
                .findOne()
                .flatMap(plan -> plan);
    }

    private static RequestStatus currentStatus(Handle handle, UUID id) {
        return handle.createQuery("SELECT status FROM subject_request WHERE id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .findOne()
                .map(RequestStatus::valueOf)
                .orElseThrow(() -> new RequestNotFoundException(id));
    }

    private static Optional<SubjectRequest> find(Handle handle, UUID id, boolean forUpdate) {
        requireNonNull(id, "id is null");
        return handle.createQuery("SELECT " + COLUMNS + " FROM subject_request WHERE id = :id"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .bind("id", id)
                .map((rs, ctx) -> row(rs))
                .findOne();
    }

    private boolean isPostgres(Handle handle) {
        Boolean known = postgres;
        if (known == null) {
            // As CatalogDatabase tells the store's products apart: by the dialect of the connection.
            try {
                known = SqlDialects.of(handle.getConnection().getMetaData()).map(SqlDialect::name)
                        .filter("postgresql"::equals).isPresent();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the catalog database's metadata (SQLState "
                        + e.getSQLState() + ", " + e.getClass().getSimpleName() + ")");
            }
            postgres = known;
        }
        return known;
    }

    /** The WHERE clause of a filter and its bindings; one text for the list, its count and the gauges. */
    private Where where(RequestFilter filter, Instant now) {
        List<String> clauses = new ArrayList<>();
        Map<String, Object> binds = new LinkedHashMap<>();
        Map<String, List<String>> lists = new LinkedHashMap<>();
        if (!filter.statuses().isEmpty()) {
            clauses.add("status IN (<statuses>)");
            lists.put("statuses", filter.statuses().stream().map(Enum::name).sorted().toList());
        }
        if (!filter.types().isEmpty()) {
            clauses.add("request_type IN (<types>)");
            lists.put("types", filter.types().stream().map(Enum::name).sorted().toList());
        }
        filter.dueBefore().ifPresent(due -> {
            clauses.add("due_at < :dueBefore");
            binds.put("dueBefore", due);
        });
        filter.standing().ifPresent(standing -> {
            boolean closed = standing == Standing.CLOSED;
            clauses.add("status " + (closed ? "NOT IN" : "IN") + " (<openStatuses>)");
            lists.put("openStatuses", RequestStatus.open().stream().map(Enum::name).sorted().toList());
            binds.put("now", now);
            // The same rule as Deadlines.standing: overdue from the due instant on; near when due
            // within the regulation's window.
            List<String> perRegulation = new ArrayList<>();
            for (Regulation regulation : Regulation.values()) {
                String near = "near" + regulation.name();
                binds.put(near, deadlines.nearThreshold(regulation, now));
                perRegulation.add("(regulation = '" + regulation.name() + "' AND due_at "
                        + (standing == Standing.ON_TRACK ? ">" : "<=") + " :" + near + ")");
            }
            switch (standing) {
                case OVERDUE -> clauses.add("due_at <= :now");
                case NEAR_DEADLINE -> clauses.add("due_at > :now AND (" + String.join(" OR ", perRegulation) + ")");
                case ON_TRACK -> clauses.add("(" + String.join(" OR ", perRegulation) + ")");
                case CLOSED -> { }
            }
        });
        return new Where(clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses), binds, lists);
    }

    private record Where(String sql, Map<String, Object> binds, Map<String, List<String>> lists) {
        Query bind(Query query) {
            binds.forEach(query::bind);
            lists.forEach(query::bindList);
            return query;
        }
    }

    private static SubjectRequest row(ResultSet rs) throws SQLException {
        String period = rs.getString("extension_period");
        Optional<Extension> extension = period == null ? Optional.empty()
                : Optional.of(new Extension(Period.parse(period), rs.getString("extension_reason"),
                        instant(rs, "extended_at"), rs.getString("extended_by")));
        return new SubjectRequest(
                rs.getObject("id", UUID.class),
                RequestType.valueOf(rs.getString("request_type")),
                Regulation.valueOf(rs.getString("regulation")),
                RequestStatus.valueOf(rs.getString("status")),
                Optional.ofNullable(rs.getString("status_reason")),
                read(rs.getString("identifier_types"), new TypeReference<TreeSet<String>>() {}),
                read(rs.getString("subject_hashes"), new TypeReference<TreeMap<String, List<String>>>() {}),
                rs.getString("requested_by"),
                rs.getString("submitted_by"),
                Optional.ofNullable(rs.getString("reference")),
                instant(rs, "received_at"),
                instant(rs, "due_at"),
                extension,
                Optional.ofNullable(rs.getString("approved_by")),
                Optional.ofNullable(instant(rs, "approved_at")),
                Optional.ofNullable(instant(rs, "completed_at")),
                Optional.ofNullable(rs.getString("policy_version")),
                instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a subject request's JSON column", e);
        }
    }

    private static <T> T read(String text, TypeReference<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a subject request's JSON column", e);
        }
    }
}
