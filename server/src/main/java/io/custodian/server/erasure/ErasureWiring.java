package io.custodian.server.erasure;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.Gauge;
import io.custodian.catalog.audit.AuditTrail;
import io.custodian.catalog.classification.ClassificationStore;
import io.custodian.catalog.read.CatalogReader;
import io.custodian.erasure.SubjectRequests;
import io.custodian.erasure.execute.ExecutionSettings;
import io.custodian.erasure.execute.PlanExecutor;
import io.custodian.erasure.execute.StepStore;
import io.custodian.erasure.plan.ErasurePlanner;
import io.custodian.erasure.plan.StoreCatalogFacts;
import io.custodian.erasure.request.Deadlines;
import io.custodian.erasure.request.KeyringIdentifierVault;
import io.custodian.erasure.request.KeyringSubjectHasher;
import io.custodian.erasure.request.Regulation;
import io.custodian.erasure.request.Standing;
import io.custodian.erasure.retention.RetentionPlanner;
import io.custodian.erasure.retention.RetentionRunStore;
import io.custodian.erasure.retention.RetentionRuns;
import io.custodian.erasure.request.SubjectRequestStore;
import io.custodian.masking.keys.KeyEncryptionKey;
import io.custodian.masking.keys.Keyring;
import io.custodian.policy.PolicySet;
import io.custodian.server.access.Auditor;
import io.custodian.server.sources.SourcesWiring;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Subject requests, wired once: their own keyring (under masking's key-encryption key, with a
 * purpose the token API does not serve), the request store, the planner over the catalog and the
 * configured sources, the executor, the worker, the API, a health check that reports overdue
 * requests and gauges of open requests by standing.
 */
public final class ErasureWiring {
    private ErasureWiring() {}

    public static void register(ErasureFactory config, Jdbi jdbi, CatalogReader reader, SourcesWiring sources,
            KeyEncryptionKey kek, Set<String> maskingPurposes, Supplier<PolicySet> policies, AuditTrail audit,
            Auditor auditor, Clock clock, Environment environment) {
        requireNonNull(config, "config is null");
        String purpose = config.getKeyPurpose();
        if (maskingPurposes.contains(purpose)) {
            throw new IllegalArgumentException("masking.keys.purposes names " + purpose + ", the purpose subject"
                    + " requests keep their keys under (erasure.keyPurpose); rename one of them");
        }
        Keyring keyring = new Keyring(jdbi, kek, Set.of(purpose), clock);
        KeyringIdentifierVault vault = new KeyringIdentifierVault(jdbi, keyring, purpose);
        KeyringSubjectHasher hasher = new KeyringSubjectHasher(keyring, purpose);
        Deadlines deadlines = deadlines(config);
        SubjectRequestStore store = new SubjectRequestStore(jdbi, clock, audit, deadlines, hasher, vault);
        ClassificationStore classifications = new ClassificationStore(jdbi, clock);
        StoreCatalogFacts facts = new StoreCatalogFacts(jdbi, classifications, sources.sources());
        ErasurePlanner planner = new ErasurePlanner(facts, policies, sources.dataSources(), hasher, clock);
        ErasureFactory.Execution execution = config.getExecution();
        StepStore steps = new StepStore(jdbi, clock);
        ExecutionSettings executionSettings = new ExecutionSettings(execution.getChunkRows(), execution.getMaxAttempts(),
                Duration.ofMillis(execution.getInitialBackoff().toMilliseconds()),
                Duration.ofMillis(execution.getLease().toMilliseconds()), execution.getExportMaxRows());
        PlanExecutor executor = new PlanExecutor(steps, sources.dataSources(), sources.sources(), vault, hasher, audit,
                clock, executionSettings);
        // Retention purges run through the same steps and checks, with a vault that holds no identifiers.
        RetentionRunStore runStore = new RetentionRunStore(jdbi, clock);
        RetentionRuns retention = new RetentionRuns(runStore, steps,
                new RetentionPlanner(facts, policies, sources.dataSources(), hasher),
                new PlanExecutor(steps, sources.dataSources(), sources.sources(), runStore.vault(), hasher, audit, clock,
                        executionSettings),
                policies, audit, clock, new RetentionRuns.Settings(
                        Duration.ofMillis(config.getRetentionTick().toMilliseconds()), Duration.ofHours(1)));
        SubjectRequests requests = new SubjectRequests(store, vault, planner, executor, steps, policies, clock,
                new SubjectRequests.Settings(Duration.ofMillis(config.getPollInterval().toMilliseconds()),
                        Duration.ofMillis(config.getPlanningLease().toMilliseconds()),
                        Duration.ofMillis(config.getExportKeep().toMilliseconds())));
        // Managed after masking and the sources: the KEK is checked and the pools are open before work starts.
        environment.lifecycle().manage(new Managed() {
            @Override
            public void start() {
                keyring.start();
                requests.start();
                retention.start();
            }

            @Override
            public void stop() {
                retention.close();
                requests.close();
            }
        });
        environment.healthChecks().register("subject-requests", new SubjectRequestHealthCheck(store, clock));
        for (Standing standing : Standing.values()) {
            if (standing != Standing.CLOSED) {
                environment.metrics().register("custodian.subject-requests." + standing.name().toLowerCase(
                        java.util.Locale.ROOT), (Gauge<Long>) () -> store.standingCounts(clock.instant())
                        .getOrDefault(standing, 0L));
            }
        }
        environment.jersey().register(new SubjectRequestResource(requests, environment.getObjectMapper(), auditor));
        environment.jersey().register(new RetentionResource(retention, environment.getObjectMapper()));
    }

    static Deadlines deadlines(ErasureFactory config) {
        Period near = period("erasure.nearDeadline", config.getNearDeadline());
        Map<Regulation, Deadlines.Terms> terms = new EnumMap<>(Regulation.class);
        terms.put(Regulation.GDPR, new Deadlines.Terms(period("erasure.gdpr.period", config.getGdpr().getPeriod()),
                period("erasure.gdpr.maxExtension", config.getGdpr().getMaxExtension()), near));
        terms.put(Regulation.CCPA, new Deadlines.Terms(period("erasure.ccpa.period", config.getCcpa().getPeriod()),
                period("erasure.ccpa.maxExtension", config.getCcpa().getMaxExtension()), near));
        return new Deadlines(terms);
    }

    private static Period period(String setting, String text) {
        try {
            return Period.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(setting + " is '" + text + "'; write an ISO-8601 period such as P1M"
                    + " or P45D");
        }
    }
}
