package io.custodian.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassificationPolicyTest {
    @TempDir
    Path dir;

    @Test
    void defaultPolicyDefinesEveryCanonicalTypeWithASensitivity() {
        ClassificationPolicy policy = ClassificationPolicy.defaults();
        assertThat(policy.taxonomy().names()).contains("EMAIL_ADDRESS", "PHONE_NUMBER", "PERSON_NAME",
                "STREET_ADDRESS", "POSTAL_CODE", "DATE_OF_BIRTH", "GENDER", "US_SSN", "UK_NINO", "UK_NHS_NUMBER",
                "IN_AADHAAR", "ES_NIF", "PASSPORT_NUMBER", "DRIVER_LICENSE", "CREDIT_CARD", "IBAN", "SWIFT_BIC",
                "BANK_ACCOUNT", "CRYPTO_WALLET", "IP_ADDRESS", "MAC_ADDRESS", "DEVICE_ID", "GEO_COORDINATE", "VIN",
                "USERNAME", "PERSON_ID");
        assertThat(policy.taxonomy().type("US_SSN").sensitivity()).isEqualTo(Sensitivity.RESTRICTED);
        assertThat(policy.thresholds().threshold("EMAIL_ADDRESS")).isEqualTo(0.5);
        assertThat(policy.thresholds().threshold("PERSON_NAME")).isEqualTo(0.55);
    }

    @Test
    void defaultPropagationCarriesCopiesAndTransformationsButNotAggregates() {
        PropagationRules rules = ClassificationPolicy.defaults().propagation();
        assertThat(rules.carries("EMAIL_ADDRESS", "DIRECT", "IDENTITY")).isTrue();
        assertThat(rules.carries("EMAIL_ADDRESS", "direct", "transformation")).isTrue();
        assertThat(rules.carries("EMAIL_ADDRESS", "DIRECT", "AGGREGATION")).isFalse();
        assertThat(rules.carries("EMAIL_ADDRESS", "INDIRECT", "JOIN")).isFalse();
        assertThat(rules.carries("EMAIL_ADDRESS", null, null)).isFalse();
    }

    @Test
    void fileOverridesRulesPerClassificationAndKeepsTheRest() throws IOException {
        Path file = write("""
                scanner:
                  reporting_threshold: 0.7
                  thresholds:
                    GEO_COORDINATE: 0.9
                propagation:
                  by_type:
                    GEO_COORDINATE:
                      DIRECT/AGGREGATION: true
                """);
        ClassificationPolicy policy = ClassificationPolicy.load(file);
        assertThat(policy.thresholds().threshold("EMAIL_ADDRESS")).isEqualTo(0.7);
        assertThat(policy.thresholds().threshold("GEO_COORDINATE")).isEqualTo(0.9);
        assertThat(policy.propagation().carries("GEO_COORDINATE", "DIRECT", "AGGREGATION")).isTrue();
        assertThat(policy.propagation().carries("EMAIL_ADDRESS", "DIRECT", "AGGREGATION")).isFalse();
        assertThat(policy.propagation().carries("GEO_COORDINATE", "DIRECT", "IDENTITY")).isTrue();
        assertThat(policy.taxonomy().names()).hasSizeGreaterThanOrEqualTo(26);
    }

    @Test
    void fileMayAddATypeAndUseItInTheSameFile() throws IOException {
        Path file = write("""
                types:
                  FR_INSEE: {sensitivity: RESTRICTED, description: French social security number}
                scanner:
                  thresholds:
                    FR_INSEE: 0.8
                """);
        ClassificationPolicy policy = ClassificationPolicy.load(file);
        assertThat(policy.taxonomy().type("FR_INSEE").sensitivity()).isEqualTo(Sensitivity.RESTRICTED);
        assertThat(policy.thresholds().threshold("FR_INSEE")).isEqualTo(0.8);
    }

    @Test
    void malformedYamlNamesFileAndLine() throws IOException {
        Path file = write("""
                scanner:
                  reporting_threshold: 0.5
                 thresholds: [unclosed
                """);
        assertThatThrownBy(() -> ClassificationPolicy.load(file))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("not valid YAML")
                .satisfies(e -> assertThat(((PolicyException) e).line()).isBetween(2, 4));
    }

    @Test
    void unknownTypeInThresholdsNamesTheTypeAndLine() throws IOException {
        Path file = write("""
                scanner:
                  thresholds:
                    EMAIL_ADRESS: 0.6
                """);
        assertThatThrownBy(() -> ClassificationPolicy.load(file))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("unknown type 'EMAIL_ADRESS'")
                .hasMessageContaining("EMAIL_ADDRESS");
    }

    @Test
    void unknownTypeInPropagationIsRejected() throws IOException {
        Path file = write("""
                propagation:
                  by_type:
                    NOPE: {DIRECT/IDENTITY: false}
                """);
        assertThatThrownBy(() -> ClassificationPolicy.load(file))
                .hasMessageContaining("line 3").hasMessageContaining("unknown type 'NOPE'");
    }

    @Test
    void outOfRangeThresholdIsRejectedWithItsLine() throws IOException {
        Path file = write("""
                # comment
                scanner:
                  reporting_threshold: 1.5
                """);
        assertThatThrownBy(() -> ClassificationPolicy.load(file))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("outside [0, 1]");
    }

    @Test
    void nonNumericThresholdIsRejected() throws IOException {
        Path file = write("scanner:\n  reporting_threshold: high\n");
        assertThatThrownBy(() -> ClassificationPolicy.load(file))
                .hasMessageContaining("line 2").hasMessageContaining("must be a number");
    }

    @Test
    void unknownSensitivityAndMissingSensitivityAreRejected() throws IOException {
        Path bad = write("types:\n  X_ID: {sensitivity: SECRET}\n");
        assertThatThrownBy(() -> ClassificationPolicy.load(bad))
                .hasMessageContaining("line 2").hasMessageContaining("'SECRET'").hasMessageContaining("RESTRICTED");
        Path missing = write("types:\n  X_ID: {description: no level}\n");
        assertThatThrownBy(() -> ClassificationPolicy.load(missing)).hasMessageContaining("has no sensitivity");
    }

    @Test
    void malformedEdgeKindAndNonBooleanRuleAreRejected() throws IOException {
        Path badKind = write("propagation:\n  default:\n    DIRECT: true\n");
        assertThatThrownBy(() -> ClassificationPolicy.load(badKind))
                .hasMessageContaining("line 3").hasMessageContaining("TYPE/SUBTYPE");
        Path badValue = write("propagation:\n  default:\n    DIRECT/IDENTITY: maybe\n");
        assertThatThrownBy(() -> ClassificationPolicy.load(badValue))
                .hasMessageContaining("line 3").hasMessageContaining("true or false");
    }

    @Test
    void unknownKeysAndDuplicateKeysAreRejected() throws IOException {
        Path unknown = write("scanner:\n  reportingThreshold: 0.4\n");
        assertThatThrownBy(() -> ClassificationPolicy.load(unknown))
                .hasMessageContaining("line 2").hasMessageContaining("unknown key 'reportingThreshold'");
        Path duplicate = write("scanner:\n  reporting_threshold: 0.4\n  reporting_threshold: 0.6\n");
        assertThatThrownBy(() -> ClassificationPolicy.load(duplicate))
                .hasMessageContaining("appears twice");
    }

    @Test
    void wrongShapesAreRejected() throws IOException {
        assertThatThrownBy(() -> ClassificationPolicy.load(write("- a\n- b\n")))
                .hasMessageContaining("must be a mapping");
        assertThatThrownBy(() -> ClassificationPolicy.load(write("scanner: 0.5\n")))
                .hasMessageContaining("line 1").hasMessageContaining("scanner must be a mapping");
        assertThatThrownBy(() -> ClassificationPolicy.load(write("types:\n  lower_case: {sensitivity: PUBLIC}\n")))
                .hasMessageContaining("upper case");
    }

    @Test
    void missingDirectoryBinaryAndHugeFilesAreRejected() throws IOException {
        assertThatThrownBy(() -> ClassificationPolicy.load(dir.resolve("absent.yml")))
                .hasMessageContaining("absent.yml").hasMessageContaining("no such file");
        assertThatThrownBy(() -> ClassificationPolicy.load(dir)).hasMessageContaining("directory");
        Path binary = dir.resolve("binary.yml");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0xc3});
        assertThatThrownBy(() -> ClassificationPolicy.load(binary)).hasMessageContaining("not UTF-8");
        Path huge = dir.resolve("huge.yml");
        Files.writeString(huge, "#".repeat((int) PolicyLoader.MAX_FILE_BYTES + 1));
        assertThatThrownBy(() -> ClassificationPolicy.load(huge)).hasMessageContaining("at most");
    }

    @Test
    void policyTextParsesLikeAFileAndNamesItsSource() {
        assertThat(ClassificationPolicy.parse("request body", "scanner:\n  reporting_threshold: 0.8\n")
                .thresholds().reportingThreshold()).isEqualTo(0.8);
        assertThatThrownBy(() -> ClassificationPolicy.parse("request body", "scanner:\n  reporting_threshold: -1\n"))
                .hasMessageStartingWith("request body, line 2");
    }

    @Test
    void emptyFileKeepsTheDefaults() throws IOException {
        assertThat(ClassificationPolicy.load(write("")).thresholds().reportingThreshold()).isEqualTo(0.5);
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "policy", ".yml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }
}
