package io.custodian.server.policy;

import static java.util.Objects.requireNonNull;

import io.custodian.access.audit.AuditLog;
import io.custodian.policy.PolicyInForce;
import io.custodian.policy.PolicySetLoader;
import io.custodian.policy.PolicySources;
import io.custodian.policy.PolicyWatcher;
import io.custodian.erasure.policy.ErasurePolicies;
import io.custodian.masking.policy.MaskingPolicies;
import io.custodian.scanner.policy.ScannerPolicies;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy set, wired once: the sections each capability registers, the set loaded at start (a
 * bad one stops the start), the watcher that reloads it while the server runs, its health check,
 * its audit entries, and {@code GET /api/v1/policies}.
 */
public final class PolicyWiring {
    private static final Logger log = LoggerFactory.getLogger(PolicyWiring.class);
    private final PoliciesFactory config;
    private final PolicySources sources;
    private final PolicySetLoader loader;
    private final PolicyInForce inForce;
    private final Clock clock;

    /**
     * Loads the set in force at start.
     *
     * @param legacyFile {@code scanner.policyFile}: one file laid over the defaults, under the folder's files
     * @throws io.custodian.policy.PolicyException naming file, line and column when the set is bad
     */
    public PolicyWiring(PoliciesFactory config, String legacyFile, Clock clock) {
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        Optional<Path> file = legacyFile == null || legacyFile.isBlank() ? Optional.empty() : Optional.of(Path.of(legacyFile));
        file.ifPresent(f -> log.warn("scanner.policyFile (CUSTODIAN_CLASSIFICATION_POLICY) is deprecated and will be"
                + " removed in the next release; move {} into the folder policies.dir (CUSTODIAN_POLICIES_DIR)", f));
        this.sources = new PolicySources(file, config.folder());
        // Every capability's sections; a file holding a section no one registered is refused.
        this.loader = new PolicySetLoader(Stream.of(ScannerPolicies.sections(), MaskingPolicies.sections(),
                ErasurePolicies.sections()).flatMap(List::stream).toList(), clock);
        this.inForce = new PolicyInForce(loader.load(sources));
        log.info("policy set {} from {} is in force", inForce.get().shortVersion(), inForce.get().origin());
    }

    /** The set in force, for every consumer to read when it decides. */
    public PolicyInForce inForce() {
        return inForce;
    }

    /**
     * Registers the watcher (when there is something to watch), the health check, the audit of reloads
     * and the API.
     *
     * @param propagationChanged run after a reload that changed the propagation rules
     */
    public void register(Environment environment, AuditLog audit, Runnable propagationChanged) {
        requireNonNull(audit, "audit is null");
        requireNonNull(propagationChanged, "propagationChanged is null");
        inForce.addListener(new PolicyReloads(audit, propagationChanged));
        if (sources.folder().isPresent() || sources.file().isPresent()) {
            PolicyWatcher watcher = new PolicyWatcher(loader, sources, inForce,
                    Duration.ofMillis(config.getReloadInterval().toMilliseconds()), clock);
            environment.lifecycle().manage(new Managed() {
                @Override
                public void start() {
                    watcher.start();
                }

                @Override
                public void stop() {
                    watcher.stop();
                }
            });
        }
        environment.healthChecks().register("policies", new PolicyHealthCheck(inForce));
        environment.jersey().register(new PolicyResource(inForce));
    }
}
