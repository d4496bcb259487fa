package io.custodian.erasure.execute;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.audit.AuditEvent;
import io.custodian.catalog.audit.AuditTrail;
import io.custodian.erasure.execute.ExportDocument.ExportedDataset;
import io.custodian.erasure.execute.StepState.Status;
import io.custodian.erasure.plan.ErasurePlan;
import io.custodian.erasure.plan.PlannedStep;
import io.custodian.erasure.plan.SourceQueries;
import io.custodian.erasure.plan.StepStatements;
import io.custodian.erasure.plan.SubjectHasher;
import io.custodian.erasure.plan.SubjectIdentifiers;
import io.custodian.erasure.policy.ErasureAction;
import io.custodian.erasure.request.IdentifierVault;
import io.custodian.sources.DataSources;
import io.custodian.sources.SourceSettings;
import io.custodian.sources.Sources;
import io.custodian.sources.dialect.SqlDialect;
import io.custodian.sources.dialect.SqlDialects;
import io.custodian.sources.dialect.SqlStatement;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a subject request's plan through the sources, one claimed step at a time, until no step
 * can run: deletes the subject's rows in chunks (each its own transaction, progress recorded after
 * each), anonymizes them with one UPDATE, then verifies through the read pool that a COUNT finds
 * none of them; for an access request reads them instead, changing nothing. Steps that keep data
 * are done at once with the plan's reason; steps a person completes wait for {@link #markDone}.
 *
 * <p>The executor holds nothing a crash would lose: a step's state, counts and progress are rows
 * of the {@link StepStore}, and a step whose executor died is taken over when its lease expires.
 * Deleting and anonymizing are idempotent by their conditions, so a resumed step just continues.
 * Transient source failures are retried with a doubling backoff; a step that still fails is
 * FAILED with what was being done and the exception's class and SQLState, never its message.
 * Every change of a step's state is audited.
 */
public final class PlanExecutor {
    private static final Logger log = LoggerFactory.getLogger(PlanExecutor.class);
    private final StepStore steps;
    private final DataSources dataSources;
    private final Sources sources;
    private final IdentifierVault vault;
    private final SubjectHasher hasher;
    private final AuditTrail audit;
    private final Clock clock;
    private final ExecutionSettings settings;
    private final ExecutionListener listener;
    private final String owner = "executor-" + UUID.randomUUID();

    public PlanExecutor(StepStore steps, DataSources dataSources, Sources sources, IdentifierVault vault,
            SubjectHasher hasher, AuditTrail audit, Clock clock, ExecutionSettings settings) {
        this(steps, dataSources, sources, vault, hasher, audit, clock, settings, ExecutionListener.NONE);
    }

    public PlanExecutor(StepStore steps, DataSources dataSources, Sources sources, IdentifierVault vault,
            SubjectHasher hasher, AuditTrail audit, Clock clock, ExecutionSettings settings,
            ExecutionListener listener) {
        this.steps = requireNonNull(steps, "steps is null");
        this.dataSources = requireNonNull(dataSources, "dataSources is null");
        this.sources = requireNonNull(sources, "sources is null");
        this.vault = requireNonNull(vault, "vault is null");
        this.hasher = requireNonNull(hasher, "hasher is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.listener = requireNonNull(listener, "listener is null");
    }

    /** The name this executor claims steps under. */
    public String owner() {
        return owner;
    }

    /**
     * Runs the request's steps in order until none can run, writing them first if this is the
     * request's first run.
     *
     * @param export true for an access request: the subject's rows are read, nothing is changed
     * @param actor who (or what) runs the request, for the audit trail
     * @throws IllegalStateException when the request's identifiers are destroyed
     */
    public ExecutionResult execute(UUID requestId, ErasurePlan plan, boolean export, String actor) {
        requireNonNull(requestId, "requestId is null");
        requireNonNull(plan, "plan is null");
        requireNonNull(actor, "actor is null");
        SubjectIdentifiers subject = vault.open(requestId).orElseThrow(() -> new IllegalStateException(
                "the identifiers of subject request " + requestId + " are destroyed (or were never sealed): "
                        + "its steps cannot find the subject's rows any more"));
        steps.insert(requestId, plan.steps());
        Map<Integer, PlannedStep> planned = plan.steps().stream()
                .collect(Collectors.toMap(PlannedStep::order, Function.identity()));
        Map<Integer, ExportedDataset> exported = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        Optional<StepState> claimed;
        while ((claimed = steps.claimNext(requestId, owner, settings.lease())).isPresent()) {
            StepState step = claimed.get();
            record(actor, step);
            try {
                run(step, planned.get(step.order()), subject, export, actor, exported, missing);
            } catch (LostClaimException e) {
                // Our lease ran out and another executor has the step now; it finishes it.
                log.warn("step {} of subject request {} was taken over by another executor", step.order(), requestId);
            }
        }
        if (export) {
            exportDoneBefore(requestId, planned, subject, exported, missing);
        }
        List<StepState> now = steps.steps(requestId);
        List<String> remaining = now.stream().filter(s -> s.status() != Status.DONE).map(PlanExecutor::remaining)
                .toList();
        Optional<ExportDocument> document = export
                ? Optional.of(new ExportDocument(List.copyOf(exported.values()), missing)) : Optional.empty();
        return new ExecutionResult(requestId, ExecutionResult.outcome(now), now, remaining, document, clock.instant());
    }

    /**
     * Marks a WAITING MANUAL or UNRESOLVED step done by the person who did it.
     *
     * @throws StepRefusedException for a step of another action or state
     */
    public StepState markDone(UUID requestId, int order, String actor, String note) {
        StepState done = steps.markDone(requestId, order, actor, note);
        record(actor, done);
        return done;
    }

    /** Puts the request's FAILED steps back to PENDING, for the next {@link #execute} to run. */
    public List<StepState> retryFailed(UUID requestId, String actor) {
        List<StepState> retried = steps.retryFailed(requestId);
        retried.forEach(step -> record(actor, step));
        return retried;
    }

    private void run(StepState step, PlannedStep plannedStep, SubjectIdentifiers subject, boolean export,
            String actor, Map<Integer, ExportedDataset> exported, List<String> missing) {
        if (plannedStep == null || !plannedStep.datasetKey().equals(step.datasetKey())
                || plannedStep.action() != step.action()) {
            record(actor, steps.fail(step.requestId(), step.order(), owner, "the plan given does not match the "
                    + "request's stored step " + step.order() + " (" + step.datasetKey() + ", " + step.action()
                    + ")", OptionalLong.empty()));
            return;
        }
        switch (plannedStep.action()) {
            case MANUAL -> record(actor, steps.waiting(step.requestId(), step.order(), owner,
                    "not reachable by SQL: a person does it and marks it done (" + plannedStep.reason() + ")"));
            case UNRESOLVED -> record(actor, steps.waiting(step.requestId(), step.order(), owner,
                    "no column finds the subject's rows: a person decides, acts and marks it done ("
                            + plannedStep.reason() + ")"));
            case NO_ACTION -> record(actor, finishUnchanged(step, "nothing to do: " + plannedStep.reason()));
            case RETAIN -> {
                if (export) {
                    exportStep(step, plannedStep, subject, actor, exported, missing);
                } else {
                    record(actor, finishUnchanged(step, "retained: " + plannedStep.reason()
                            + plannedStep.basis().map(b -> "; basis: " + b).orElse("")
                            + plannedStep.until().map(u -> "; until " + u).orElse("")));
                }
            }
            case DELETE_ROWS, ANONYMIZE -> {
                if (export) {
                    exportStep(step, plannedStep, subject, actor, exported, missing);
                } else {
                    change(step, plannedStep, subject, actor);
                }
            }
            default -> throw new IllegalStateException("unknown action " + plannedStep.action());
        }
    }

    private StepState finishUnchanged(StepState step, String note) {
        return steps.finish(step.requestId(), step.order(), owner, OptionalLong.empty(), 0, OptionalLong.empty(),
                false, note);
    }

    /** Deletes or anonymizes the subject's rows, then verifies that none are left. */
    private void change(StepState step, PlannedStep plannedStep, SubjectIdentifiers subject, String actor) {
        attempts(step, actor, attempt -> {
            attempt.doing = "preparing the step's statements";
            SqlDialect dialect = dialect(plannedStep);
            StepStatements statements = new StepStatements(dialect, plannedStep, subject, hasher);
            if (statements.subjectRows().isEmpty()) {
                record(actor, steps.finish(step.requestId(), step.order(), owner, OptionalLong.of(0), 0,
                        OptionalLong.of(0), true, "no value of the subject can be in the columns that find its rows "
                                + "(by their types): nothing to change, verified without a query"));
                return;
            }
            String source = plannedStep.source().orElseThrow();
            attempt.doing = "opening the write pool of source " + source;
            DataSource writer = dataSources.writer(source);
            DataSource reader = dataSources.reader(source);
            StepState current = steps.step(step.requestId(), step.order()).orElseThrow();
            long before;
            if (current.rowsBefore().isPresent()) {
                // A resumed step: the rows found before the first run are the ones that count.
                before = current.rowsBefore().getAsLong();
            } else {
                attempt.doing = "counting the subject's rows before the change";
                before = SourceQueries.count(reader, statements.count().orElseThrow());
                current = steps.countedBefore(step.requestId(), step.order(), owner, before);
            }
            long changed = current.rowsAffected().orElse(0);
            if (plannedStep.action() == ErasureAction.DELETE_ROWS) {
                attempt.doing = "deleting the subject's rows";
                Optional<SqlStatement> chunk = statements.deleteChunk(settings.chunkRows());
                if (chunk.isPresent()) {
                    // Progress (and the lease) is written at most every progressInterval: each write is a
                    // commit of the store, and the final counts come from the verification anyway.
                    Instant recorded = clock.instant();
                    int deleted;
                    do {
                        deleted = update(writer, chunk.get());
                        changed += deleted;
                        Instant now = clock.instant();
                        if (!now.isBefore(recorded.plus(settings.progressInterval()))) {
                            listener.chunkDeleted(steps.progress(step.requestId(), step.order(), owner, changed,
                                    settings.lease()));
                            recorded = now;
                        }
                    } while (deleted >= settings.chunkRows());
                } else {
                    changed += update(writer, statements.delete().orElseThrow());
                }
            } else {
                attempt.doing = "anonymizing the subject's rows";
                changed += update(writer, statements.anonymize().orElseThrow());
            }
            attempt.doing = "verifying: counting the subject's rows after the change";
            long remaining = SourceQueries.count(reader, statements.count().orElseThrow());
            if (remaining > 0) {
                record(actor, steps.fail(step.requestId(), step.order(), owner, "verification found " + remaining
                        + " rows of the subject after " + (plannedStep.action() == ErasureAction.DELETE_ROWS
                        ? "deleting" : "anonymizing"), OptionalLong.of(remaining)));
                return;
            }
            // A delete's count is what the verification shows is gone, whatever chunks a crash cut short.
            long affected = plannedStep.action() == ErasureAction.DELETE_ROWS ? before - remaining : changed;
            record(actor, steps.finish(step.requestId(), step.order(), owner, OptionalLong.of(before), affected,
                    OptionalLong.of(remaining), true, (plannedStep.action() == ErasureAction.DELETE_ROWS
                            ? "deleted" : "anonymized") + "; a COUNT afterwards found none of the subject's rows"));
        });
    }

    private void exportStep(StepState step, PlannedStep plannedStep, SubjectIdentifiers subject, String actor,
            Map<Integer, ExportedDataset> exported, List<String> missing) {
        if (plannedStep.source().isEmpty() || plannedStep.table().isEmpty() || plannedStep.columns().isEmpty()) {
            missing.add("step " + step.order() + " " + step.datasetKey() + ": no source table or no known columns; "
                    + "its rows are not in the export");
            record(actor, finishUnchanged(step, "not exported: no source table or no known columns"));
            return;
        }
        attempts(step, actor, attempt -> {
            attempt.doing = "preparing the export statement";
            StepStatements statements = new StepStatements(dialect(plannedStep), plannedStep, subject, hasher);
            ExportedDataset dataset = read(attempt, plannedStep, statements);
            exported.put(step.order(), dataset);
            record(actor, steps.finish(step.requestId(), step.order(), owner, OptionalLong.of(dataset.rows().size()),
                    0, OptionalLong.empty(), false, "exported " + dataset.rows().size() + " rows, changed nothing"
                            + (dataset.truncated() ? "; truncated at " + settings.exportMaxRows() + " rows" : "")));
        });
    }

    /** An export's rows of steps done by an earlier run (which was cut short): read again, as reading changes nothing. */
    private void exportDoneBefore(UUID requestId, Map<Integer, PlannedStep> planned, SubjectIdentifiers subject,
            Map<Integer, ExportedDataset> exported, List<String> missing) {
        for (StepState step : steps.steps(requestId)) {
            PlannedStep plannedStep = planned.get(step.order());
            if (step.status() != Status.DONE || exported.containsKey(step.order()) || plannedStep == null
                    || !exportable(plannedStep)) {
                continue;
            }
            Attempt attempt = new Attempt();
            try {
                attempt.doing = "preparing the export statement";
                StepStatements statements = new StepStatements(dialect(plannedStep), plannedStep, subject, hasher);
                exported.put(step.order(), read(attempt, plannedStep, statements));
            } catch (SQLException | RuntimeException e) {
                missing.add("step " + step.order() + " " + step.datasetKey() + ": "
                        + SourceErrors.describe(attempt.doing, e));
            }
        }
    }

    private static boolean exportable(PlannedStep step) {
        return (step.action().changesData() || step.action() == ErasureAction.RETAIN) && step.source().isPresent()
                && step.table().isPresent() && !step.columns().isEmpty();
    }

    private ExportedDataset read(Attempt attempt, PlannedStep plannedStep, StepStatements statements)
            throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean truncated = false;
        Optional<SqlStatement> select = statements.export();
        if (select.isPresent()) {
            attempt.doing = "reading the subject's rows for the export";
            DataSource reader = dataSources.reader(plannedStep.source().orElseThrow());
            try (Connection c = reader.getConnection(); PreparedStatement ps = select.get().prepare(c)) {
                // One more than the most kept, to know whether there were more.
                ps.setMaxRows(settings.exportMaxRows() + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rows.size() == settings.exportMaxRows()) {
                            truncated = true;
                            break;
                        }
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int i = 0; i < plannedStep.columns().size(); i++) {
                            row.put(plannedStep.columns().get(i), exportValue(rs.getObject(i + 1)));
                        }
                        rows.add(row);
                    }
                }
            }
        }
        return new ExportedDataset(plannedStep.namespace(), plannedStep.dataset(), plannedStep.columns(), rows,
                truncated);
    }

    /** A value as a JSON document holds it: text, a number, a boolean or null. */
    static Object exportValue(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Double || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        return value.toString();
    }

    /** What a try of a step was doing when it failed, for its failure text. */
    private static final class Attempt {
        String doing = "starting";
    }

    @FunctionalInterface
    private interface Work {
        void run(Attempt attempt) throws SQLException;
    }

    /** Runs {@code work}, again after a transient failure with a doubling backoff, up to maxAttempts; then FAILS the step. */
    private void attempts(StepState step, String actor, Work work) {
        Duration backoff = settings.initialBackoff();
        for (int number = 1; ; number++) {
            if (number > 1) {
                steps.attempted(step.requestId(), step.order(), owner); // the claim counted the first
            }
            Attempt attempt = new Attempt();
            try {
                work.run(attempt);
                return;
            } catch (SQLException e) {
                boolean retry = SourceErrors.transientFailure(e);
                if (retry && number < settings.maxAttempts()) {
                    log.info("step {} of subject request {}: {} failed transiently (attempt {} of {}); retrying in {}",
                            step.order(), step.requestId(), attempt.doing, number, settings.maxAttempts(), backoff);
                    sleep(backoff);
                    backoff = backoff.multipliedBy(2);
                    continue;
                }
                String doing = retry ? attempt.doing + " (" + number + " attempts)" : attempt.doing;
                record(actor, steps.fail(step.requestId(), step.order(), owner, SourceErrors.describe(doing, e),
                        OptionalLong.empty()));
                return;
            } catch (LostClaimException e) {
                throw e;
            } catch (RuntimeException e) {
                record(actor, steps.fail(step.requestId(), step.order(), owner,
                        SourceErrors.describe(attempt.doing, e), OptionalLong.empty()));
                return;
            }
        }
    }

    private static void sleep(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            // The step stays RUNNING under its lease; another executor takes it over when it expires.
            Thread.currentThread().interrupt();
            throw new IllegalStateException("execution was interrupted", e);
        }
    }

    /** The plan's dialect, which must still be the one its source speaks. */
    private SqlDialect dialect(PlannedStep step) {
        SourceSettings source = sources.get(step.source().orElseThrow());
        SqlDialect planned = step.dialect().map(SqlDialects::named).orElse(source.dialect());
        if (!planned.name().equals(source.dialect().name())) {
            throw new IllegalStateException("the plan was made for dialect " + planned.name() + " but source "
                    + source.name() + " now speaks " + source.dialect().name() + "; plan the request again");
        }
        return source.dialect();
    }

    /** Runs a DELETE or UPDATE in a transaction of its own. */
    private static int update(DataSource writer, SqlStatement statement) throws SQLException {
        try (Connection c = writer.getConnection(); PreparedStatement ps = statement.prepare(c)) {
            int rows = ps.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return rows;
        }
    }

    private void record(String actor, StepState step) {
        String action = "erasure.step." + step.status().name().toLowerCase(Locale.ROOT);
        StringBuilder detail = new StringBuilder("dataset=").append(step.datasetKey()).append(" action=")
                .append(step.action()).append(" attempts=").append(step.attempts());
        step.rowsBefore().ifPresent(n -> detail.append(" rows_before=").append(n));
        step.rowsAffected().ifPresent(n -> detail.append(" rows_affected=").append(n));
        step.rowsRemaining().ifPresent(n -> detail.append(" rows_remaining=").append(n));
        if (step.status() == Status.DONE) {
            detail.append(" verified=").append(step.verified());
        }
        step.failure().filter(f -> step.status() == Status.FAILED).ifPresent(f -> detail.append(" failure=").append(f));
        audit.record(step.status() == Status.FAILED
                ? AuditEvent.failure(actor, action, step.target(), detail.toString())
                : AuditEvent.success(actor, action, step.target(), detail.toString()));
        log.info("step {} of subject request {} ({} {}): {}", step.order(), step.requestId(), step.action(),
                step.datasetKey(), step.status());
    }

    private static String remaining(StepState step) {
        String why = switch (step.status()) {
            case FAILED -> step.failure().orElse("failed");
            case WAITING -> step.note().orElse("a person must act and mark it done");
            case PENDING -> "not run yet";
            case RUNNING -> "running" + step.claimedBy().map(o -> " by " + o).orElse("");
            case DONE -> "done";
        };
        return "step " + step.order() + " " + step.datasetKey() + " (" + step.action() + "): " + step.status()
                + " - " + why;
    }
}
