package io.custodian.erasure;

import static java.util.Objects.requireNonNull;

import io.custodian.erasure.execute.ExecutionResult;
import io.custodian.erasure.execute.ExportDocument;
import io.custodian.erasure.execute.PlanExecutor;
import io.custodian.erasure.execute.StepState;
import io.custodian.erasure.execute.StepStore;
import io.custodian.erasure.plan.ErasurePlan;
import io.custodian.erasure.plan.ErasurePlanner;
import io.custodian.erasure.plan.PlanCodec;
import io.custodian.erasure.plan.SubjectIdentifiers;
import io.custodian.erasure.policy.ErasurePolicies;
import io.custodian.erasure.report.ErasureReport;
import io.custodian.erasure.request.IdentifierRules;
import io.custodian.erasure.request.IdentifierVault;
import io.custodian.erasure.request.NewSubjectRequest;
import io.custodian.erasure.request.RequestFilter;
import io.custodian.erasure.request.RequestNotFoundException;
import io.custodian.erasure.request.RequestStateException;
import io.custodian.erasure.request.RequestStatus;
import io.custodian.erasure.request.RequestType;
import io.custodian.erasure.request.SubjectRequest;
import io.custodian.erasure.request.SubjectRequestStore;
import io.custodian.policy.ClassificationType;
import io.custodian.policy.PolicySet;
import java.time.Clock;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subject requests from intake to evidence. A request is stored RECEIVED; a worker plans it
 * (PLANNED), a privacy officer approves it (or the policy does, when every step that changes data
 * may run unapproved), and the worker executes it (EXECUTING) to COMPLETED, PARTIALLY_COMPLETED or
 * FAILED. All state is in the store, so a worker that dies mid-plan or mid-step is replaced by the
 * next pass of any worker: planning claims are leases and steps are claimed one by one.
 *
 * <p>Long work never runs in a caller's request: submitting and approving return at once, and the
 * worker ({@link #start()}) picks the work up.
 */
public final class SubjectRequests implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SubjectRequests.class);
    /** The actor the workers act as in history and audit. */
    public static final String WORKER = "custodian-worker";
    private static final int BATCH = 50;
    private final SubjectRequestStore store;
    private final IdentifierVault vault;
    private final ErasurePlanner planner;
    private final PlanExecutor executor;
    private final StepStore steps;
    private final Supplier<PolicySet> policies;
    private final Clock clock;
    private final Settings settings;
    private final String workerName = WORKER + "-" + UUID.randomUUID();
    private ScheduledExecutorService worker;

    /**
     * @param pollInterval how often the worker looks for work when nobody wakes it
     * @param planningLease how long a planner's claim on a request holds
     * @param exportKeep how long an access request's export stays downloadable
     */
    public record Settings(Duration pollInterval, Duration planningLease, Duration exportKeep) {
        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(5), Duration.ofMinutes(10),
                Duration.ofDays(30));

        public Settings {
            requireNonNull(pollInterval, "pollInterval is null");
            requireNonNull(planningLease, "planningLease is null");
            requireNonNull(exportKeep, "exportKeep is null");
        }
    }

    public SubjectRequests(SubjectRequestStore store, IdentifierVault vault, ErasurePlanner planner,
            PlanExecutor executor, StepStore steps, Supplier<PolicySet> policies, Clock clock, Settings settings) {
        this.store = requireNonNull(store, "store is null");
        this.vault = requireNonNull(vault, "vault is null");
        this.planner = requireNonNull(planner, "planner is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.steps = requireNonNull(steps, "steps is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /** Starts the worker: plans, executes and expires exports, now and every poll interval. */
    public synchronized void start() {
        if (worker != null) {
            return;
        }
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "subject-requests");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.pollInterval().toMillis();
        worker.scheduleWithFixedDelay(this::passQuietly, 0, every, TimeUnit.MILLISECONDS);
    }

    /** Stops the worker, letting a step in progress end (its state is durable either way). */
    @Override
    public synchronized void close() {
        if (worker != null) {
            worker.shutdown();
            try {
                if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
                    worker.shutdownNow();
                }
            } catch (InterruptedException e) {
                worker.shutdownNow();
                Thread.currentThread().interrupt();
            }
            worker = null;
        }
    }

    /** The identifier types a request may name a subject by: those the policy set says identify one. */
    public Set<String> identifyingTypes() {
        return policies.get().taxonomy().types().stream().filter(ClassificationType::identifiesSubject)
                .map(ClassificationType::name).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Stores a new request, RECEIVED, for the worker to plan.
     *
     * @throws IllegalArgumentException when an identifier is not acceptable ({@link IdentifierRules})
     */
    public SubjectRequest submit(NewSubjectRequest request) {
        IdentifierRules.checked(request.identifiers().asMap(), identifyingTypes());
        SubjectRequest created = store.create(request);
        wake();
        return created;
    }

    /** How the request stands against its deadline now. */
    public io.custodian.erasure.request.Standing standing(SubjectRequest request) {
        return store.standing(request);
    }

    public Optional<SubjectRequest> get(UUID id) {
        return store.get(id);
    }

    public io.custodian.catalog.read.Views.Page<SubjectRequest> list(RequestFilter filter) {
        return store.list(filter);
    }

    public Optional<ErasurePlan> plan(UUID id) {
        return store.plan(id).map(PlanCodec::fromJson);
    }

    public List<StepState> steps(UUID id) {
        return steps.steps(id);
    }

    /** Approves a PLANNED request under the policy's approver rule; the worker executes it. */
    public SubjectRequest approve(UUID id, String approver) {
        boolean distinct = ErasurePolicies.erasure(policies.get()).distinctApprover();
        SubjectRequest approved = store.approve(id, approver, distinct);
        wake();
        return approved;
    }

    /** Cancels a request that has not started executing. */
    public SubjectRequest cancel(UUID id, String actor, String reason) {
        return moveFromCurrent(id, RequestStatus.CANCELED, actor, reason);
    }

    /** Puts a request that has not been approved on hold (a legal hold found at intake). */
    public SubjectRequest hold(UUID id, String actor, String reason) {
        return moveFromCurrent(id, RequestStatus.ON_HOLD, actor, reason);
    }

    /** Takes a request off hold, or sends a PLANNED one back: either is planned again. */
    public SubjectRequest replan(UUID id, String actor, String reason) {
        SubjectRequest moved = moveFromCurrent(id, RequestStatus.RECEIVED, actor, reason);
        wake();
        return moved;
    }

    public SubjectRequest extend(UUID id, Period period, String reason, String actor) {
        return store.extend(id, period, reason, actor);
    }

    /** Marks a MANUAL or UNRESOLVED step done; a request with nothing else left completes. */
    public StepState markStepDone(UUID id, int order, String actor, String note) {
        SubjectRequest request = store.get(id).orElseThrow(() -> new RequestNotFoundException(id));
        if (request.status() != RequestStatus.EXECUTING && request.status() != RequestStatus.PARTIALLY_COMPLETED) {
            throw new RequestStateException(id, request.status(), "steps are marked done while a request executes or"
                    + " is partially completed");
        }
        StepState done = executor.markDone(id, order, actor, note);
        if (request.status() == RequestStatus.PARTIALLY_COMPLETED
                && steps.steps(id).stream().allMatch(s -> s.status() == StepState.Status.DONE)) {
            try {
                store.move(id, RequestStatus.PARTIALLY_COMPLETED, RequestStatus.COMPLETED, actor,
                        "the last open step was marked done");
            } catch (RequestStateException e) {
                // Another caller completed it first.
            }
        }
        wake();
        return done;
    }

    /** Runs a PARTIALLY_COMPLETED request's failed steps again (a source is back). */
    public SubjectRequest retry(UUID id, String actor) {
        SubjectRequest moved = store.move(id, RequestStatus.PARTIALLY_COMPLETED, RequestStatus.EXECUTING, actor,
                "retrying what failed");
        executor.retryFailed(id, actor);
        wake();
        return moved;
    }

    /** The evidence of a request. */
    public ErasureReport report(UUID id) {
        SubjectRequest request = store.get(id).orElseThrow(() -> new RequestNotFoundException(id));
        return ErasureReport.of(request, plan(id), steps.steps(id), store.history(id));
    }

    /** An access request's export, decrypted; empty when there is none (yet, or any more). */
    public Optional<byte[]> export(UUID id) {
        return store.export(id);
    }

    /** One pass of the worker: plan what was received, execute what was approved, expire exports. */
    public void runOnce() {
        planReceived();
        executeApproved();
        store.deleteExpiredExports(clock.instant());
    }

    private void passQuietly() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            // The next pass tries again; state is durable. The message may name a dataset, never a value.
            log.warn("a pass of the subject request worker failed: {}", e.toString());
        }
    }

    private synchronized void wake() {
        if (worker != null) {
            worker.execute(this::passQuietly);
        }
    }

    private void planReceived() {
        Optional<SubjectRequest> claimed;
        while ((claimed = store.claimForPlanning(workerName, settings.planningLease())).isPresent()) {
            SubjectRequest request = claimed.get();
            try {
                plan(request);
            } catch (RuntimeException e) {
                log.warn("planning subject request {} failed: {}", request.id(), e.getClass().getSimpleName());
                fail(request.id(), RequestStatus.RECEIVED, "planning failed: " + describe(e));
            }
        }
    }

    private void plan(SubjectRequest request) {
        Optional<SubjectIdentifiers> identifiers = vault.open(request.id());
        if (identifiers.isEmpty()) {
            fail(request.id(), RequestStatus.RECEIVED, "the request's identifiers are gone; it cannot be planned");
            return;
        }
        ErasurePlanner.Planned planned = planner.plan(identifiers.get(), request.type() == RequestType.ACCESS);
        // The identifiers resolved from the data are the subject's too: execution looks for them.
        vault.seal(request.id(), planned.identifiers());
        store.savePlan(request.id(), PlanCodec.toJson(planned.plan()), planned.plan().policyVersion());
        store.move(request.id(), RequestStatus.RECEIVED, RequestStatus.PLANNED, WORKER,
                planned.plan().steps().size() + " step(s) planned");
        if (autoApprovable(planned.plan())) {
            store.approve(request.id(), "policy " + planned.plan().policyVersion().substring(0,
                    Math.min(12, planned.plan().policyVersion().length())), true);
        }
    }

    /** Every step that changes data runs under a rule that needs no approval, and there is at least one. */
    private static boolean autoApprovable(ErasurePlan plan) {
        return plan.steps().stream().anyMatch(s -> s.action().changesData()) && plan.autoApprovable();
    }

    private void executeApproved() {
        for (SubjectRequest request : store.list(filter(RequestStatus.APPROVED)).items()) {
            try {
                store.move(request.id(), RequestStatus.APPROVED, RequestStatus.EXECUTING, WORKER, null);
            } catch (RequestStateException e) {
                // Another worker took it, or it was canceled meanwhile.
            }
        }
        for (SubjectRequest request : store.list(filter(RequestStatus.EXECUTING)).items()) {
            execute(request);
        }
    }

    private void execute(SubjectRequest request) {
        Optional<ErasurePlan> plan = plan(request.id());
        if (plan.isEmpty()) {
            fail(request.id(), RequestStatus.EXECUTING, "the request has no plan");
            return;
        }
        boolean access = request.type() == RequestType.ACCESS;
        ExecutionResult result;
        try {
            result = executor.execute(request.id(), plan.get(), access, WORKER);
        } catch (IllegalStateException e) {
            fail(request.id(), RequestStatus.EXECUTING, describe(e));
            return;
        }
        RequestStatus to = switch (result.outcome()) {
            case IN_PROGRESS -> null;
            case COMPLETED -> RequestStatus.COMPLETED;
            case PARTIALLY_COMPLETED -> RequestStatus.PARTIALLY_COMPLETED;
            case FAILED -> RequestStatus.FAILED;
        };
        if (to == null) {
            return;
        }
        if (access && to != RequestStatus.FAILED) {
            result.export().ifPresent(document -> store.saveExport(request.id(), ExportJson.bytes(document),
                    settings.exportKeep()));
        }
        String reason = result.remaining().isEmpty() ? null : String.join("; ", result.remaining());
        try {
            store.move(request.id(), RequestStatus.EXECUTING, to, WORKER, abbreviate(reason));
        } catch (RequestStateException e) {
            // Another worker recorded the outcome first.
        }
        if (to == RequestStatus.PARTIALLY_COMPLETED && result.remaining().isEmpty()) {
            log.warn("subject request {} is partially completed with nothing remaining", request.id());
        }
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 3900 ? text : text.substring(0, 3900) + "...";
    }

    private RequestFilter filter(RequestStatus status) {
        return new RequestFilter(Set.of(status), Set.of(), Optional.empty(), Optional.empty(), BATCH, 0);
    }

    private SubjectRequest moveFromCurrent(UUID id, RequestStatus to, String actor, String reason) {
        SubjectRequest current = store.get(id).orElseThrow(() -> new RequestNotFoundException(id));
        return store.move(id, current.status(), to, actor, reason);
    }

    private void fail(UUID id, RequestStatus from, String reason) {
        try {
            store.move(id, from, RequestStatus.FAILED, WORKER, reason);
        } catch (RequestStateException e) {
            log.warn("subject request {} could not be marked failed: it is {} now", id, e.getMessage());
        }
    }

    /** Our own refusals say what; anything else (a driver's message may quote values) only its kind. */
    private static String describe(Exception e) {
        String message = e instanceof IllegalArgumentException || e instanceof IllegalStateException
                ? e.getMessage() : null;
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + abbreviate(message));
    }
}
