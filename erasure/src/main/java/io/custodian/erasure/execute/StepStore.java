package io.custodian.erasure.execute;

import static java.util.Objects.requireNonNull;

import io.custodian.erasure.execute.StepState.Status;
import io.custodian.erasure.plan.PlannedStep;
import io.custodian.erasure.policy.ErasureAction;
import io.custodian.sources.dialect.SqlDialect;
import io.custodian.sources.dialect.SqlDialects;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.core.statement.Update;

/**
 * The {@code subject_request_step} rows: a request's steps, claimed one at a time under a lease,
 * with their progress, counts, verification and failures. Every write by an executor names the
 * claim it holds and fails with {@link LostClaimException} when the step is no longer its own.
 *
 * <p>A request's steps run in order: only the lowest step that is PENDING or RUNNING may be
 * claimed, and a RUNNING one only once its lease has expired (its executor crashed or stalled).
 * Steps that are WAITING, DONE or FAILED do not hold later steps back. On PostgreSQL the claim
 * locks with {@code FOR UPDATE SKIP LOCKED}, so executors on several replicas never take the same
 * step; the embedded H2 store serves one process, where a plain {@code FOR UPDATE} is enough.
 */
public final class StepStore {
    static final int MAX_TEXT = 4000;
    private static final String COLUMNS = "request_id, step_order, namespace, dataset, action, state, attempts, "
            + "rows_before, rows_affected, rows_remaining, verified, verified_at, failure, note, done_by, claimed_by, "
            + "lease_until, started_at, finished_at, updated_at";
    private static final String UNIQUE_VIOLATION = "23505";
    private final Jdbi jdbi;
    private final Clock clock;
    // Whether the store is PostgreSQL, found on first use (the constructor does no I/O).
    private volatile Boolean postgres;

    public StepStore(Jdbi jdbi, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Writes the plan's steps as PENDING; nothing when the request already has steps. */
    public void insert(UUID requestId, List<PlannedStep> steps) {
        requireNonNull(requestId, "requestId is null");
        requireNonNull(steps, "steps is null");
        try {
            jdbi.useTransaction(handle -> {
                boolean present = handle.createQuery("SELECT COUNT(*) FROM subject_request_step WHERE request_id = :id")
                        .bind("id", requestId).mapTo(Long.class).one() > 0;
                if (present) {
                    return;
                }
                OffsetDateTime now = utc(clock.instant());
                var batch = handle.prepareBatch("INSERT INTO subject_request_step (request_id, step_order, namespace, "
                        + "dataset, action, state, attempts, verified, updated_at) VALUES (:id, :order, :namespace, "
                        + ":dataset, :action, 'PENDING', 0, FALSE, :now)");
                for (PlannedStep step : steps) {
                    batch.bind("id", requestId).bind("order", step.order()).bind("namespace", step.namespace())
                            .bind("dataset", step.dataset()).bind("action", step.action().name()).bind("now", now)
                            .add();
                }
                if (!steps.isEmpty()) {
                    batch.execute();
                }
            });
        } catch (UnableToExecuteStatementException e) {
            // Another executor wrote the same request's steps at the same moment: they are there.
            if (!(e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState()))) {
                throw e;
            }
        }
    }

    /** The request's steps in order; empty when it has none. */
    public List<StepState> steps(UUID requestId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM subject_request_step WHERE request_id = :id ORDER BY step_order")
                .bind("id", requestId).map(StepStore::row).list());
    }

    public Optional<StepState> step(UUID requestId, int order) {
        return jdbi.withHandle(handle -> find(handle, requestId, order, false));
    }

    /**
     * Claims the request's next step for {@code owner} until {@code lease} from now: the lowest step
     * that is PENDING or RUNNING, if it is PENDING or its lease has expired. Empty when no step can
     * be claimed (all settled, or the next one is held by a live claim).
     */
    public Optional<StepState> claimNext(UUID requestId, String owner, Duration lease) {
        requireNonNull(owner, "owner is null");
        requireNonNull(lease, "lease is null");
        boolean skipLocked = postgres();
        return jdbi.inTransaction(handle -> {
            Instant now = clock.instant();
            // The NOT EXISTS keeps the order when a lower step is locked by a claim under way: SKIP
            // LOCKED passes over that row, and this step must not be taken in its place.
            Optional<StepState> next = handle.createQuery("SELECT " + COLUMNS + " FROM subject_request_step s "
                            + "WHERE s.request_id = :id AND s.state IN ('PENDING', 'RUNNING') AND NOT EXISTS ("
                            + "SELECT 1 FROM subject_request_step e WHERE e.request_id = s.request_id "
                            + "AND e.step_order < s.step_order AND e.state IN ('PENDING', 'RUNNING')) "
                            + "ORDER BY s.step_order LIMIT 1 FOR UPDATE" + (skipLocked ? " SKIP LOCKED" : ""))
                    .bind("id", requestId).map(StepStore::row).findOne();
            if (next.isEmpty()) {
                return Optional.empty();
            }
            StepState step = next.get();
            if (step.status() == Status.RUNNING && step.leaseUntil().map(until -> until.isAfter(now)).orElse(false)) {
                return Optional.empty();
            }
            // A claim is an attempt: counting it here saves the step a commit of its own.
            handle.createUpdate("UPDATE subject_request_step SET state = 'RUNNING', claimed_by = :owner, "
                            + "attempts = attempts + 1, lease_until = :until, started_at = COALESCE(started_at, :now), "
                            + "updated_at = :now "
                            + "WHERE request_id = :id AND step_order = :order")
                    .bind("owner", owner).bind("until", utc(now.plus(lease))).bind("now", utc(now))
                    .bind("id", requestId).bind("order", step.order()).execute();
            return find(handle, requestId, step.order(), false);
        });
    }

    /** Counts one more attempt at the step. */
    public StepState attempted(UUID requestId, int order, String owner) {
        return update(requestId, order, owner, "attempts = attempts + 1", null);
    }

    /** Records the subject's rows found before the step changes anything. */
    public StepState countedBefore(UUID requestId, int order, String owner, long rows) {
        return update(requestId, order, owner, "rows_before = :rows", u -> u.bind("rows", rows));
    }

    /** Records the rows changed so far and extends the lease by {@code lease} from now. */
    public StepState progress(UUID requestId, int order, String owner, long rowsSoFar, Duration lease) {
        Instant until = clock.instant().plus(lease);
        return update(requestId, order, owner, "rows_affected = :rows, lease_until = :until",
                u -> u.bind("rows", rowsSoFar).bind("until", utc(until)));
    }

    /**
     * The step is DONE: its counts, the verification (the remaining rows a COUNT found, when one
     * ran), and a note on what was (or was not) done.
     */
    public StepState finish(UUID requestId, int order, String owner, OptionalLong rowsBefore, long rowsAffected,
            OptionalLong rowsRemaining, boolean verified, String note) {
        OffsetDateTime now = utc(clock.instant());
        return update(requestId, order, owner, "state = 'DONE', rows_before = COALESCE(:before, rows_before), "
                        + "rows_affected = :affected, rows_remaining = :remaining, verified = :verified, "
                        + "verified_at = :verifiedAt, note = :note, failure = NULL, lease_until = NULL, "
                        + "finished_at = :now",
                u -> u.bind("before", boxed(rowsBefore)).bind("affected", rowsAffected)
                        .bind("remaining", boxed(rowsRemaining)).bind("verified", verified)
                        .bind("verifiedAt", verified ? now : null).bind("note", clip(note)).bind("now", now));
    }

    /**
     * The step FAILED: {@code reason} says what was being done and how it failed, without personal
     * data; {@code rowsRemaining} is the verification's count when it is what failed.
     */
    public StepState fail(UUID requestId, int order, String owner, String reason, OptionalLong rowsRemaining) {
        requireNonNull(reason, "reason is null");
        OffsetDateTime now = utc(clock.instant());
        return update(requestId, order, owner, "state = 'FAILED', failure = :failure, "
                        + "rows_remaining = COALESCE(:remaining, rows_remaining), lease_until = NULL, finished_at = :now",
                u -> u.bind("failure", clip(reason)).bind("remaining", boxed(rowsRemaining)).bind("now", now));
    }

    /** The step is WAITING for a person, who marks it done; {@code note} says what is to be done. */
    public StepState waiting(UUID requestId, int order, String owner, String note) {
        return update(requestId, order, owner, "state = 'WAITING', note = :note, lease_until = NULL",
                u -> u.bind("note", clip(note)));
    }

    /**
     * A person completed a WAITING MANUAL or UNRESOLVED step.
     *
     * @throws StepRefusedException when the step is of another action or not WAITING
     * @throws IllegalArgumentException when the request has no such step
     */
    public StepState markDone(UUID requestId, int order, String actor, String note) {
        requireNonNull(actor, "actor is null");
        requireNonNull(note, "note is null");
        if (actor.isBlank() || note.isBlank()) {
            throw new IllegalArgumentException("marking a step done needs who did it and a note of what was done");
        }
        return jdbi.inTransaction(handle -> {
            StepState step = find(handle, requestId, order, true).orElseThrow(() -> new IllegalArgumentException(
                    "subject request " + requestId + " has no step " + order));
            if (!step.action().needsPerson()) {
                throw new StepRefusedException("step " + order + " (" + step.datasetKey() + ") is " + step.action()
                        + ", which execution completes; only MANUAL and UNRESOLVED steps are marked done by a person");
            }
            if (step.status() != Status.WAITING) {
                throw new StepRefusedException("step " + order + " (" + step.datasetKey() + ") is " + step.status()
                        + "; only a WAITING step can be marked done");
            }
            OffsetDateTime now = utc(clock.instant());
            handle.createUpdate("UPDATE subject_request_step SET state = 'DONE', done_by = :actor, note = :note, "
                            + "rows_affected = 0, finished_at = :now, updated_at = :now "
                            + "WHERE request_id = :id AND step_order = :order")
                    .bind("actor", clip(actor)).bind("note", clip(note)).bind("now", now).bind("id", requestId)
                    .bind("order", order).execute();
            return find(handle, requestId, order, false).orElseThrow();
        });
    }

    /** Puts the request's FAILED steps back to PENDING, to run again; returns them as they now are. */
    public List<StepState> retryFailed(UUID requestId) {
        return jdbi.inTransaction(handle -> {
            List<Integer> failed = handle.createQuery("SELECT step_order FROM subject_request_step "
                            + "WHERE request_id = :id AND state = 'FAILED' ORDER BY step_order FOR UPDATE")
                    .bind("id", requestId).mapTo(Integer.class).list();
            handle.createUpdate("UPDATE subject_request_step SET state = 'PENDING', claimed_by = NULL, "
                            + "lease_until = NULL, finished_at = NULL, updated_at = :now "
                            + "WHERE request_id = :id AND state = 'FAILED'")
                    .bind("now", utc(clock.instant())).bind("id", requestId).execute();
            return failed.stream().map(order -> find(handle, requestId, order, false).orElseThrow()).toList();
        });
    }

    private interface Binder {
        void bind(Update update);
    }

    private StepState update(UUID requestId, int order, String owner, String set, Binder binder) {
        requireNonNull(owner, "owner is null");
        return jdbi.inTransaction(handle -> {
            var update = handle.createUpdate("UPDATE subject_request_step SET " + set + ", updated_at = :updatedAt "
                            + "WHERE request_id = :id AND step_order = :order AND state = 'RUNNING' AND claimed_by = :owner")
                    .bind("updatedAt", utc(clock.instant())).bind("id", requestId).bind("order", order)
                    .bind("owner", owner);
            if (binder != null) {
                binder.bind(update);
            }
            if (update.execute() != 1) {
                throw new LostClaimException("step " + order + " of subject request " + requestId
                        + " is no longer claimed by " + owner);
            }
            return find(handle, requestId, order, false).orElseThrow();
        });
    }

    private static Optional<StepState> find(Handle handle, UUID requestId, int order, boolean forUpdate) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM subject_request_step WHERE request_id = :id "
                        + "AND step_order = :order" + (forUpdate ? " FOR UPDATE" : ""))
                .bind("id", requestId).bind("order", order).map(StepStore::row).findOne();
    }

    private boolean postgres() {
        Boolean known = postgres;
        if (known == null) {
            try {
                known = jdbi.withHandle(handle -> SqlDialects.of(handle.getConnection().getMetaData())
                        .map(SqlDialect::name).orElse("").equals("postgresql"));
            } catch (SQLException e) {
                throw new IllegalStateException("cannot tell the store's database product: SQLState " + e.getSQLState(), e);
            }
            postgres = known;
        }
        return known;
    }

    private static StepState row(ResultSet rs, StatementContext ctx) throws SQLException {
        return new StepState(rs.getObject("request_id", UUID.class), rs.getInt("step_order"), rs.getString("namespace"),
                rs.getString("dataset"), ErasureAction.valueOf(rs.getString("action")),
                Status.valueOf(rs.getString("state")), rs.getInt("attempts"), optionalLong(rs, "rows_before"),
                optionalLong(rs, "rows_affected"), optionalLong(rs, "rows_remaining"), rs.getBoolean("verified"),
                instant(rs, "verified_at"), Optional.ofNullable(rs.getString("failure")),
                Optional.ofNullable(rs.getString("note")), Optional.ofNullable(rs.getString("done_by")),
                Optional.ofNullable(rs.getString("claimed_by")), instant(rs, "lease_until"),
                instant(rs, "started_at"), instant(rs, "finished_at"), instant(rs, "updated_at").orElseThrow());
    }

    private static OptionalLong optionalLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 3) + "...";
    }
}
