package io.custodian.erasure.retention;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.custodian.erasure.plan.ErasurePlan;
import io.custodian.erasure.plan.PlanCodec;
import io.custodian.erasure.plan.SubjectIdentifiers;
import io.custodian.erasure.request.IdentifierVault;
import io.custodian.erasure.retention.RetentionRun.Status;
import io.custodian.erasure.retention.RetentionRun.Trigger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The {@code retention_run} rows. A scheduled run is inserted under its turn ({@code slot}), unique
 * per rule, so that of several replicas finding a rule due at once only one starts it.
 */
public final class RetentionRunStore {
    private static final int MAX_TEXT = 4000;
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "id, rule, run_trigger, requested_by, slot, status, started_at, finished_at, "
            + "cutoff, policy_version, plan, evidence, rows_deleted, rows_anonymized, failure";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final TypeReference<List<DatasetEvidence>> EVIDENCE = new TypeReference<>() { };
    private final Jdbi jdbi;
    private final Clock clock;

    public RetentionRunStore(Jdbi jdbi, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Starts a run as RUNNING; empty when {@code slot} is taken (another replica started this turn).
     */
    public Optional<RetentionRun> create(String rule, Trigger trigger, String requestedBy, Optional<String> slot) {
        requireNonNull(rule, "rule is null");
        requireNonNull(trigger, "trigger is null");
        requireNonNull(requestedBy, "requestedBy is null");
        requireNonNull(slot, "slot is null");
        UUID id = UUID.randomUUID();
        OffsetDateTime now = utc(clock.instant());
        try {
            jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO retention_run (id, rule, run_trigger, "
                            + "requested_by, slot, status, started_at, rows_deleted, rows_anonymized, updated_at) "
                            + "VALUES (:id, :rule, :trigger, :by, :slot, 'RUNNING', :now, 0, 0, :now)")
                    .bind("id", id).bind("rule", rule).bind("trigger", trigger.name()).bind("by", clip(requestedBy, 256))
                    .bind("slot", slot.orElse(null)).bind("now", now).execute());
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return Optional.empty();
            }
            throw e;
        }
        return run(id);
    }

    /** Records the run's plan, its cutoff and the policy version it was made under. */
    public RetentionRun planned(UUID id, Instant cutoff, ErasurePlan plan) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE retention_run SET cutoff = :cutoff, policy_version = "
                        + ":version, plan = :plan, updated_at = :now WHERE id = :id")
                .bind("cutoff", utc(cutoff)).bind("version", plan.policyVersion()).bind("plan", PlanCodec.toJson(plan))
                .bind("now", utc(clock.instant())).bind("id", id).execute());
        return run(id).orElseThrow();
    }

    /** Records where the run's steps stand: the evidence, the rows changed, and the run's status. */
    public RetentionRun progress(UUID id, Status status, List<DatasetEvidence> evidence, long rowsDeleted,
            long rowsAnonymized) {
        String json;
        try {
            json = JSON.writeValueAsString(evidence);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a run's evidence could not be written as JSON", e);
        }
        OffsetDateTime now = utc(clock.instant());
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE retention_run SET status = :status, evidence = :evidence, "
                        + "rows_deleted = :deleted, rows_anonymized = :anonymized, finished_at = :finished, "
                        + "updated_at = :now WHERE id = :id"
                        // Steps seen under way never take back a status another thread has finished.
                        + (status.finished() ? "" : " AND status = 'RUNNING'"))
                .bind("status", status.name()).bind("evidence", json).bind("deleted", rowsDeleted)
                .bind("anonymized", rowsAnonymized).bind("finished", status.finished() ? now : null).bind("now", now)
                .bind("id", id).execute());
        return run(id).orElseThrow();
    }

    /** The run FAILED as a whole; {@code failure} names what was being done, classes and SQLStates only. */
    public RetentionRun fail(UUID id, String failure) {
        OffsetDateTime now = utc(clock.instant());
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE retention_run SET status = 'FAILED', failure = :failure, "
                        + "finished_at = :now, updated_at = :now WHERE id = :id")
                .bind("failure", clip(failure, MAX_TEXT)).bind("now", now).bind("id", id).execute());
        return run(id).orElseThrow();
    }

    public Optional<RetentionRun> run(UUID id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM retention_run WHERE id = :id")
                .bind("id", id).map(RetentionRunStore::row).findOne());
    }

    /** The latest runs first, at most {@code limit}. */
    public List<RetentionRun> runs(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM retention_run "
                        + "ORDER BY started_at DESC, id LIMIT :limit")
                .bind("limit", limit).map(RetentionRunStore::row).list());
    }

    /** The rule's latest run, scheduled or on demand. */
    public Optional<RetentionRun> last(String rule) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM retention_run "
                        + "WHERE rule = :rule ORDER BY started_at DESC, id LIMIT 1")
                .bind("rule", rule).map(RetentionRunStore::row).findOne());
    }

    /** Runs still RUNNING: under way here or on another replica, or stopped by a crash. */
    public List<RetentionRun> unfinished() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM retention_run "
                        + "WHERE status = 'RUNNING' ORDER BY started_at")
                .map(RetentionRunStore::row).list());
    }

    /**
     * The vault a retention run's executor opens: a run has no subject, so the identifiers of a
     * retention run's id are none, and any other id (a subject request's) has no identifiers here,
     * which the executor refuses rather than run a subject's steps with none.
     */
    public IdentifierVault vault() {
        return new IdentifierVault() {
            @Override
            public void seal(UUID requestId, SubjectIdentifiers identifiers) {
                throw new UnsupportedOperationException("a retention run has no identifiers to seal");
            }

            @Override
            public Optional<SubjectIdentifiers> open(UUID requestId) {
                return run(requestId).map(run -> RetentionPlanner.NO_SUBJECT);
            }

            @Override
            public void destroy(UUID requestId) {
                // Nothing was sealed.
            }
        };
    }

    private static RetentionRun row(ResultSet rs, StatementContext ctx) throws SQLException {
        String plan = rs.getString("plan");
        String evidence = rs.getString("evidence");
        List<DatasetEvidence> datasets;
        try {
            datasets = evidence == null ? List.of() : JSON.readValue(evidence, EVIDENCE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a retention run's stored evidence could not be read", e);
        }
        return new RetentionRun(rs.getObject("id", UUID.class), rs.getString("rule"),
                Trigger.valueOf(rs.getString("run_trigger")), rs.getString("requested_by"),
                Optional.ofNullable(rs.getString("slot")), Status.valueOf(rs.getString("status")),
                instant(rs, "started_at").orElseThrow(), instant(rs, "finished_at"), instant(rs, "cutoff"),
                Optional.ofNullable(rs.getString("policy_version")),
                Optional.ofNullable(plan).map(PlanCodec::fromJson), datasets, rs.getLong("rows_deleted"),
                rs.getLong("rows_anonymized"), Optional.ofNullable(rs.getString("failure")));
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
