package io.custodian.scanner.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodian.policy.PolicyException;
import io.custodian.policy.PolicySet;
import io.custodian.policy.PolicySources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scanner's sections of the policy set: their defaults, how files combine, and their errors. */
class ScannerPolicySectionsTest {
    @TempDir
    Path dir;

    @Test
    void shippedThresholdsAndPropagationCarryCopiesAndTransformationsButNotAggregates() {
        PolicySet set = ScannerPolicies.defaults();
        assertThat(ScannerPolicies.thresholds(set).threshold("EMAIL_ADDRESS")).isEqualTo(0.5);
        assertThat(ScannerPolicies.thresholds(set).threshold("PERSON_NAME")).isEqualTo(0.55);
        PropagationPolicy rules = ScannerPolicies.propagation(set);
        assertThat(rules.carries("EMAIL_ADDRESS", "DIRECT", "IDENTITY")).isTrue();
        assertThat(rules.carries("EMAIL_ADDRESS", "direct", "transformation")).isTrue();
        assertThat(rules.carries("EMAIL_ADDRESS", "DIRECT", "AGGREGATION")).isFalse();
        assertThat(rules.carries("EMAIL_ADDRESS", "INDIRECT", "JOIN")).isFalse();
        assertThat(rules.carries("EMAIL_ADDRESS", null, null)).isFalse();
    }

    @Test
    void aFileReplacesRulesAndThresholdsKeyByKeyAndKeepsTheRest() throws IOException {
        Path file = write("policy.yml", """
                scanner:
                  reporting_threshold: 0.7
                  thresholds:
                    GEO_COORDINATE: 0.9
                propagation:
                  by_type:
                    GEO_COORDINATE:
                      DIRECT/AGGREGATION: true
                """);
        PolicySet set = ScannerPolicies.withFile(file);
        assertThat(ScannerPolicies.thresholds(set).threshold("EMAIL_ADDRESS")).isEqualTo(0.7);
        assertThat(ScannerPolicies.thresholds(set).threshold("GEO_COORDINATE")).isEqualTo(0.9);
        assertThat(ScannerPolicies.thresholds(set).threshold("PERSON_NAME")).isEqualTo(0.55);
        PropagationPolicy rules = ScannerPolicies.propagation(set);
        assertThat(rules.carries("GEO_COORDINATE", "DIRECT", "AGGREGATION")).isTrue();
        assertThat(rules.carries("EMAIL_ADDRESS", "DIRECT", "AGGREGATION")).isFalse();
        assertThat(rules.carries("GEO_COORDINATE", "DIRECT", "IDENTITY")).isTrue();
    }

    @Test
    void aThresholdMayNameATypeAnotherFileOfTheFolderDefines() throws IOException {
        write("a.yml", "scanner:\n  thresholds:\n    FR_INSEE: 0.8\n");
        write("b.yml", "types:\n  FR_INSEE: {sensitivity: RESTRICTED, identifiesSubject: true}\n");
        PolicySet set = ScannerPolicies.loader().load(PolicySources.folder(dir));
        assertThat(ScannerPolicies.thresholds(set).threshold("FR_INSEE")).isEqualTo(0.8);
        assertThat(set.describeSections()).containsEntry("scanner",
                Map.of("reporting_threshold", 0.5, "thresholds", Map.of("PERSON_NAME", 0.55, "USERNAME", 0.55,
                        "FR_INSEE", 0.8)));
    }

    @Test
    void unknownTypeInAThresholdNamesFileLineAndColumn() throws IOException {
        Path file = write("a.yml", "scanner:\n  thresholds:\n    EMAIL_ADRESS: 0.6\n");
        assertThatThrownBy(() -> load())
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith(file + ":3:5: scanner.thresholds names unknown type 'EMAIL_ADRESS'; define it"
                        + " under types, or use one of [BANK_ACCOUNT,");
    }

    @Test
    void unknownTypeInAPropagationRuleNamesFileLineAndColumn() throws IOException {
        Path file = write("a.yml", "propagation:\n  by_type:\n    NOPE: {DIRECT/IDENTITY: false}\n");
        assertThatThrownBy(() -> load())
                .hasMessageStartingWith(file + ":3:5: propagation.by_type names unknown type 'NOPE'");
    }

    @Test
    void unknownKeyInsideASectionNamesFileLineAndColumn() throws IOException {
        Path file = write("a.yml", "scanner:\n  reportingThreshold: 0.4\n");
        assertThatThrownBy(() -> load())
                .hasMessage(file + ":2:3: unknown key 'reportingThreshold' in scanner; expected one of"
                        + " [reporting_threshold, thresholds]");
    }

    @Test
    void aStringWhereANumberIsExpectedNamesFileLineAndColumn() throws IOException {
        Path file = write("a.yml", "scanner:\n  reporting_threshold: \"0.5\"\n");
        assertThatThrownBy(() -> load())
                .hasMessage(file + ":2:24: scanner.reporting_threshold must be a number in [0, 1], not the text '0.5'");
    }

    @Test
    void outOfRangeThresholdNamesFileLineAndColumn() throws IOException {
        Path file = write("a.yml", "# comment\nscanner:\n  thresholds:\n    VIN: 1.5\n");
        assertThatThrownBy(() -> load()).hasMessage(file + ":4:10: threshold of VIN is 1.5, outside [0, 1]");
    }

    @Test
    void malformedEdgeKindAndNonBooleanRuleNameFileLineAndColumn() throws IOException {
        Path file = write("a.yml", "propagation:\n  default:\n    DIRECT: true\n");
        assertThatThrownBy(() -> load()).hasMessageStartingWith(file + ":3:5: propagation.default: an edge kind is"
                + " TYPE/SUBTYPE");
        write("a.yml", "propagation:\n  default:\n    DIRECT/IDENTITY: maybe\n");
        assertThatThrownBy(() -> load()).hasMessage(file + ":3:22: propagation.default.DIRECT/IDENTITY must be true"
                + " or false, not the text 'maybe'");
        write("a.yml", "scanner: 0.5\n");
        assertThatThrownBy(() -> load()).hasMessage(file + ":1:10: scanner must be a mapping of keys to values,"
                + " not '0.5'");
    }

    @Test
    void twoFilesSettingTheSameRuleContradictEachOther() throws IOException {
        Path first = write("a.yml", "propagation:\n  default:\n    DIRECT/AGGREGATION: true\n");
        Path second = write("b.yml", "propagation:\n  default:\n    direct/aggregation: false\n");
        assertThatThrownBy(() -> load())
                .hasMessage(second + ":3:5: propagation.default.DIRECT/AGGREGATION is also set at " + first
                        + ":3:5; each setting of a policy folder belongs in one file");
    }

    private PolicySet load() {
        return ScannerPolicies.loader().load(PolicySources.folder(dir));
    }

    private Path write(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }
}
