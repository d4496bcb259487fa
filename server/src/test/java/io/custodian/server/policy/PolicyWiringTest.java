package io.custodian.server.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodian.policy.PolicyException;
import io.custodian.policy.PolicyFile;
import io.custodian.policy.PolicySet;
import io.custodian.scanner.policy.ScannerPolicies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the server builds its policy set from policies.dir and the deprecated scanner.policyFile. */
class PolicyWiringTest {
    @TempDir
    Path dir;

    private PolicySet load(String folder, String legacyFile) {
        PoliciesFactory config = new PoliciesFactory();
        config.setDir(folder);
        return new PolicyWiring(config, legacyFile, Clock.systemUTC()).inForce().get();
    }

    @Test
    void withNothingConfiguredTheShippedDefaultsAreInForce() {
        PolicySet set = load(null, "");
        assertThat(set.origin()).isEqualTo("shipped defaults");
        assertThat(set.version()).isEqualTo(ScannerPolicies.defaults().version());
    }

    @Test
    void theDeprecatedPolicyFileStillChangesWhichEdgesCarryAClassification() throws IOException {
        Path file = Files.writeString(dir.resolve("policy.yml"),
                "propagation:\n  by_type:\n    EMAIL_ADDRESS:\n      DIRECT/AGGREGATION: true\n");
        PolicySet set = load(null, file.toString());
        assertThat(ScannerPolicies.propagation(set).carries("EMAIL_ADDRESS", "DIRECT", "AGGREGATION")).isTrue();
        assertThat(ScannerPolicies.propagation(set).carries("PHONE_NUMBER", "DIRECT", "AGGREGATION")).isFalse();
        Files.writeString(file, "propagation:\n  default:\n    NOT AN EDGE: maybe\n");
        assertThatThrownBy(() -> load(null, file.toString())).isInstanceOf(PolicyException.class)
                .hasMessageStartingWith(file + ":3:5: propagation.default: an edge kind is TYPE/SUBTYPE");
    }

    @Test
    void theFolderIsLaidOverThePolicyFileWhenBothAreSet() throws IOException {
        Path file = Files.writeString(dir.resolve("legacy.yml"),
                "scanner:\n  reporting_threshold: 0.6\n  thresholds:\n    VIN: 0.9\n");
        Path folder = Files.createDirectory(dir.resolve("policies"));
        Files.writeString(folder.resolve("scanner.yml"), "scanner:\n  reporting_threshold: 0.7\n");
        PolicySet set = load(folder.toString(), file.toString());
        assertThat(ScannerPolicies.thresholds(set).reportingThreshold()).isEqualTo(0.7);
        assertThat(ScannerPolicies.thresholds(set).threshold("VIN")).isEqualTo(0.9);
        assertThat(set.files()).extracting(PolicyFile::layer).containsExactly("shipped", "file", "folder");
    }
}
