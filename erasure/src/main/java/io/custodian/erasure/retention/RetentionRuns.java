package io.custodian.erasure.retention;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.Failures;
import io.custodian.catalog.audit.AuditEvent;
import io.custodian.catalog.audit.AuditTrail;
import io.custodian.erasure.execute.ExecutionResult;
import io.custodian.erasure.execute.PlanExecutor;
import io.custodian.erasure.execute.StepState;
import io.custodian.erasure.execute.StepStore;
import io.custodian.erasure.plan.ErasurePlan;
import io.custodian.erasure.policy.ErasureAction;
import io.custodian.erasure.policy.ErasurePolicies;
import io.custodian.erasure.retention.RetentionRun.Status;
import io.custodian.erasure.retention.RetentionRun.Trigger;
import io.custodian.policy.PolicySet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the retention policy's rules on their schedules and on demand, each run planned by the
 * {@link RetentionPlanner} and executed by a {@link PlanExecutor} as a subject request is (its
 * steps keyed by the run's id): deletes in chunks, anonymization, a verifying COUNT, durable steps
 * that a crash does not lose. A run keeps its plan, the cutoff, the policy version and per dataset
 * the rows deleted or rewritten and the verification; its start and end are audited.
 *
 * <p>A rule is due when it has never run or its last run (scheduled or on demand) started at least
 * its interval ago: a schedule missed while the service was down runs once at the next tick, not
 * once per missed turn. Each tick also resumes runs a crash left RUNNING.
 *
 * <p>The executor must be built on {@link RetentionRunStore#vault()}: a run has no subject.
 */
public final class RetentionRuns implements AutoCloseable {
    /** Who starts scheduled runs, in the audit trail. */
    public static final String SCHEDULER = "retention-scheduler";
    private static final Logger log = LoggerFactory.getLogger(RetentionRuns.class);
    private final RetentionRunStore runs;
    private final StepStore steps;
    private final RetentionPlanner planner;
    private final PlanExecutor executor;
    private final Supplier<PolicySet> policies;
    private final AuditTrail audit;
    private final Clock clock;
    private final Settings settings;
    // Runs this process is executing now, so that a tick does not resume them beside itself.
    private final Set<UUID> active = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService scheduler;

    /**
     * How often the scheduler looks for due rules, and how long a run may stay unplanned before a
     * tick takes it for stopped by a crash.
     */
    public record Settings(Duration tick, Duration planningTimeout) {
        public static final Settings DEFAULTS = new Settings(Duration.ofMinutes(1), Duration.ofHours(1));

        public Settings {
            requireNonNull(tick, "tick is null");
            requireNonNull(planningTimeout, "planningTimeout is null");
            if (tick.isNegative() || tick.isZero()) {
                throw new IllegalArgumentException("tick must be positive");
            }
        }
    }

    public RetentionRuns(RetentionRunStore runs, StepStore steps, RetentionPlanner planner, PlanExecutor executor,
            Supplier<PolicySet> policies, AuditTrail audit, Clock clock, Settings settings) {
        this.runs = requireNonNull(runs, "runs is null");
        this.steps = requireNonNull(steps, "steps is null");
        this.planner = requireNonNull(planner, "planner is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /** Starts the scheduler: a tick at once (a schedule missed while down runs now), then every {@code tick}. */
    public synchronized RetentionRuns start() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "retention-runs");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleWithFixedDelay(this::tick, 0, settings.tick().toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Stops the scheduler, letting a run under way finish its current statement; its steps resume at the next start. */
    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }

    private void tick() {
        try {
            runDue();
        } catch (RuntimeException e) {
            // The next tick tries again; one bad tick must not end the schedule.
            log.warn("retention tick failed: {}", Failures.describe(e));
        }
    }

    /**
     * One tick: resumes runs a crash left RUNNING, then runs every rule that is due, one after the
     * other. Returns the runs this tick started or resumed, as they ended.
     */
    public List<RetentionRun> runDue() {
        List<RetentionRun> out = new ArrayList<>(resume());
        Instant now = clock.instant();
        for (RetentionRule rule : ErasurePolicies.retention(policies.get()).rules()) {
            Optional<RetentionRun> last = runs.last(rule.name());
            if (last.isPresent() && (!last.get().status().finished()
                    || last.get().startedAt().plus(rule.every()).isAfter(now))) {
                continue;
            }
            String slot = last.map(run -> "after:" + run.id()).orElse("first");
            runs.create(rule.name(), Trigger.SCHEDULE, SCHEDULER, Optional.of(slot))
                    .ifPresent(run -> out.add(execute(run)));
        }
        return out;
    }

    /**
     * Runs rule {@code ruleName} now, whatever its schedule, and returns the run as it ended.
     *
     * @throws IllegalArgumentException when the policy set has no such rule
     */
    public RetentionRun runNow(String ruleName, String actor) {
        requireNonNull(ruleName, "ruleName is null");
        requireNonNull(actor, "actor is null");
        if (ErasurePolicies.retention(policies.get()).rule(ruleName).isEmpty()) {
            throw new IllegalArgumentException("no retention rule '" + ruleName + "' in the policy set");
        }
        return execute(runs.create(ruleName, Trigger.ON_DEMAND, actor, Optional.empty()).orElseThrow());
    }

    /**
     * Starts rule {@code ruleName} now on the scheduler's thread and returns the run as created
     * (RUNNING): an API caller gets a resource to follow, not a request held for the whole purge. A
     * run the process dies in is resumed by the next tick, as any other.
     *
     * @throws IllegalArgumentException when the policy set has no such rule
     * @throws IllegalStateException before {@link #start()}
     */
    public RetentionRun submit(String ruleName, String actor) {
        requireNonNull(ruleName, "ruleName is null");
        requireNonNull(actor, "actor is null");
        if (ErasurePolicies.retention(policies.get()).rule(ruleName).isEmpty()) {
            throw new IllegalArgumentException("no retention rule '" + ruleName + "' in the policy set");
        }
        ScheduledExecutorService on;
        synchronized (this) {
            on = scheduler;
        }
        if (on == null) {
            throw new IllegalStateException("retention runs are not started");
        }
        RetentionRun run = runs.create(ruleName, Trigger.ON_DEMAND, actor, Optional.empty()).orElseThrow();
        on.execute(() -> {
            try {
                execute(run);
            } catch (RuntimeException e) {
                log.warn("retention run {} failed: {}", run.id(), Failures.describe(e));
            }
        });
        return run;
    }

    /** The latest runs first, at most {@code limit}. */
    public List<RetentionRun> runs(int limit) {
        return runs.runs(limit);
    }

    public Optional<RetentionRun> run(UUID id) {
        return runs.run(id);
    }

    /**
     * Marks a run's WAITING step (a dataset no source serves, or without the rule's column) done by
     * the person who purged it, and brings the run's evidence and status up to date.
     */
    public RetentionRun markDone(UUID runId, int order, String actor, String note) {
        RetentionRun run = runs.run(runId).orElseThrow(() -> new IllegalArgumentException("no retention run " + runId));
        executor.markDone(runId, order, actor, note);
        return record(run, steps.steps(runId), actor);
    }

    private List<RetentionRun> resume() {
        List<RetentionRun> out = new ArrayList<>();
        Instant now = clock.instant();
        for (RetentionRun run : runs.unfinished()) {
            if (active.contains(run.id())) {
                continue;
            }
            if (run.plan().isPresent()) {
                out.add(execute(run));
            } else if (run.startedAt().plus(settings.planningTimeout()).isBefore(now)) {
                RetentionRun failed = runs.fail(run.id(), "planning did not finish (the service stopped while "
                        + "planning); the rule runs again on its schedule");
                audited(failed, SCHEDULER);
                out.add(failed);
            }
        }
        return out;
    }

    /** Plans the run if it has no plan yet, executes it, and records the outcome. */
    private RetentionRun execute(RetentionRun run) {
        if (!active.add(run.id())) {
            return run;
        }
        String actor = run.requestedBy();
        try {
            ErasurePlan plan;
            if (run.plan().isPresent()) {
                plan = run.plan().get();
            } else {
                audit.record(AuditEvent.success(actor, "retention.run.started", run.target(), "rule=" + run.rule()
                        + " trigger=" + run.trigger()));
                try {
                    RetentionPlanner.Planned planned = planner.plan(run.rule(), run.startedAt());
                    run = runs.planned(run.id(), planned.cutoff(), planned.plan());
                    plan = planned.plan();
                } catch (RuntimeException e) {
                    return audited(runs.fail(run.id(), "planning failed: " + Failures.describe(e)), actor);
                }
            }
            ExecutionResult result;
            try {
                result = executor.execute(run.id(), plan, false, actor);
            } catch (RuntimeException e) {
                return audited(runs.fail(run.id(), "execution failed: " + Failures.describe(e)), actor);
            }
            return record(run, result.steps(), actor);
        } finally {
            active.remove(run.id());
        }
    }

    /** Stores the run's evidence from its steps as they stand, and audits the run once it has finished. */
    private RetentionRun record(RetentionRun run, List<StepState> stepStates, String actor) {
        List<DatasetEvidence> evidence = stepStates.stream().map(DatasetEvidence::of).toList();
        long deleted = rows(stepStates, ErasureAction.DELETE_ROWS);
        long anonymized = rows(stepStates, ErasureAction.ANONYMIZE);
        RetentionRun updated = runs.progress(run.id(), status(stepStates), evidence, deleted, anonymized);
        return updated.status().finished() ? audited(updated, actor) : updated;
    }

    private static long rows(List<StepState> stepStates, ErasureAction action) {
        return stepStates.stream().filter(s -> s.action() == action && s.status() == StepState.Status.DONE)
                .mapToLong(s -> s.rowsAffected().orElse(0)).sum();
    }

    /** The run's status from its steps: as a subject request's outcome, with steps under way RUNNING. */
    private static Status status(List<StepState> stepStates) {
        if (stepStates.stream().allMatch(s -> s.status() == StepState.Status.DONE)) {
            return Status.COMPLETED;
        }
        if (stepStates.stream().anyMatch(s -> !s.status().settled())) {
            return Status.RUNNING;
        }
        boolean anyDone = stepStates.stream().anyMatch(s -> s.status() == StepState.Status.DONE);
        boolean anyFailed = stepStates.stream().anyMatch(s -> s.status() == StepState.Status.FAILED);
        return anyFailed && !anyDone ? Status.FAILED : Status.PARTIALLY_COMPLETED;
    }

    private RetentionRun audited(RetentionRun run, String actor) {
        StringBuilder detail = new StringBuilder("rule=").append(run.rule()).append(" trigger=").append(run.trigger());
        run.cutoff().ifPresent(c -> detail.append(" cutoff=").append(c));
        run.policyVersion().ifPresent(v -> detail.append(" policy_version=").append(v));
        detail.append(" datasets=").append(run.evidence().size()).append(" verified=")
                .append(run.evidence().stream().filter(DatasetEvidence::verified).count())
                .append(" rows_deleted=").append(run.rowsDeleted()).append(" rows_anonymized=")
                .append(run.rowsAnonymized());
        run.failure().ifPresent(f -> detail.append(" failure=").append(f));
        String action = "retention.run." + run.status().name().toLowerCase(Locale.ROOT);
        audit.record(run.status() == Status.FAILED ? AuditEvent.failure(actor, action, run.target(), detail.toString())
                : AuditEvent.success(actor, action, run.target(), detail.toString()));
        log.info("retention run {} of rule {}: {} ({} rows deleted, {} anonymized)", run.id(), run.rule(),
                run.status(), run.rowsDeleted(), run.rowsAnonymized());
        return run;
    }
}
