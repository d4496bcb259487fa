package io.custodian.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.access.Actor;
import io.custodian.access.audit.AuditEntry;
import io.custodian.access.audit.AuditLog;
import io.custodian.catalog.testing.TestDatabase;
import io.custodian.policy.PolicyInForce;
import io.custodian.policy.PolicySet;
import io.custodian.policy.PolicySources;
import io.custodian.policy.PolicyWatcher;
import io.custodian.scanner.policy.ScannerPolicies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Reloads are audited, and only a change of the propagation rules asks propagation to run again. */
class PolicyReloadsTest {
    @TempDir
    Path dir;

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void everyReloadIsAuditedAndOnlyNewPropagationRulesRequestPropagation(String kind) throws IOException {
        try (TestDatabase database = TestDatabase.create(kind)) {
            AuditLog audit = new AuditLog(database.migrate().jdbi(), Clock.systemUTC());
            PolicySources sources = PolicySources.folder(dir);
            PolicyInForce inForce = new PolicyInForce(ScannerPolicies.loader().load(sources));
            AtomicInteger propagationRequests = new AtomicInteger();
            inForce.addListener(new PolicyReloads(audit, propagationRequests::incrementAndGet));
            PolicyWatcher watcher = new PolicyWatcher(ScannerPolicies.loader(), sources, inForce, Duration.ofSeconds(2),
                    Clock.systemUTC());

            Files.writeString(dir.resolve("scanner.yml"), "scanner:\n  reporting_threshold: 0.6\n");
            assertThat(watcher.poll()).isTrue();
            assertThat(propagationRequests).as("thresholds changed, rules did not").hasValue(0);

            PolicySet before = inForce.get();
            Files.writeString(dir.resolve("propagation.yml"), "propagation:\n  default:\n    DIRECT/AGGREGATION: true\n");
            assertThat(watcher.poll()).isTrue();
            assertThat(propagationRequests).hasValue(1);

            Path bad = Files.writeString(dir.resolve("propagation.yml"), "propagation:\n  default:\n    DIRECT: true\n");
            assertThat(watcher.poll()).isTrue();
            assertThat(propagationRequests).hasValue(1);

            List<AuditEntry> entries = audit.find(new AuditLog.Filter(null, Actor.Kind.SERVICE, "custodian",
                    PolicyReloads.ACTION, Instant.EPOCH, Instant.now().plusSeconds(60)), 10);
            assertThat(entries).extracting(AuditEntry::outcome).containsExactlyInAnyOrder("success", "success", "failure");
            assertThat(entries).filteredOn(e -> e.outcome().equals("failure")).singleElement().satisfies(e -> {
                assertThat(e.target()).isEqualTo(dir.toString());
                assertThat(e.detail()).startsWith(bad + ":3:5: propagation.default: an edge kind is TYPE/SUBTYPE")
                        .endsWith("; version " + inForce.get().version() + " stays in force");
            });
            assertThat(entries).filteredOn(e -> e.detail().contains("(was " + before.version() + ")")).hasSize(1);
        }
    }
}
