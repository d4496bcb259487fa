package io.custodian.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicySetLoaderTest {
    /** The shipped defaults hold these sections; the capabilities that own them are not on this module's path. */
    private static final PlainSection SCANNER = new PlainSection("scanner");
    private static final PlainSection PROPAGATION = new PlainSection("propagation");

    @TempDir
    Path dir;

    private final PolicySetLoader loader = new PolicySetLoader(List.of(SCANNER, PROPAGATION));

    @Test
    void shippedDefaultsDefineEveryCanonicalTypeWithSensitivityAndWhetherItIdentifiesASubject() {
        PolicySet set = loader.load(PolicySources.shipped());
        Taxonomy taxonomy = set.taxonomy();
        assertThat(taxonomy.names()).contains("EMAIL_ADDRESS", "PHONE_NUMBER", "PERSON_NAME", "STREET_ADDRESS",
                "POSTAL_CODE", "DATE_OF_BIRTH", "GENDER", "US_SSN", "UK_NINO", "UK_NHS_NUMBER", "IN_AADHAAR", "ES_NIF",
                "PASSPORT_NUMBER", "DRIVER_LICENSE", "CREDIT_CARD", "IBAN", "SWIFT_BIC", "BANK_ACCOUNT",
                "CRYPTO_WALLET", "IP_ADDRESS", "MAC_ADDRESS", "DEVICE_ID", "GEO_COORDINATE", "VIN", "USERNAME",
                "PERSON_ID");
        assertThat(taxonomy.type("US_SSN").sensitivity()).isEqualTo(Sensitivity.RESTRICTED);
        assertThat(taxonomy.types()).filteredOn(ClassificationType::identifiesSubject)
                .extracting(ClassificationType::name)
                .contains("EMAIL_ADDRESS", "PERSON_ID", "PHONE_NUMBER", "US_SSN", "UK_NINO", "ES_NIF")
                .doesNotContain("GENDER", "DATE_OF_BIRTH", "POSTAL_CODE");
        assertThat(set.origin()).isEqualTo("shipped defaults");
        assertThat(set.files()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("classpath:" + PolicySetLoader.SHIPPED_RESOURCE);
            assertThat(f.sha256()).hasSize(64);
        });
        assertThat(set.version()).hasSize(64).matches("[0-9a-f]+").startsWith(set.shortVersion());
        assertThat(set.section(SCANNER)).containsEntry("scanner.reporting_threshold", "0.5");
    }

    @Test
    void folderFilesAreLaidOverTheDefaultsInFileNameOrderAndMayNameEachOthersTypes() throws IOException {
        write("b-thresholds.yml", "scanner:\n  thresholds:\n    FR_INSEE: 0.8\n");
        write("a-types.yml", "types:\n  FR_INSEE: {sensitivity: RESTRICTED, identifiesSubject: true}\n"
                + "  GENDER: {sensitivity: RESTRICTED, description: replaced}\n");
        write("notes.txt", "not a policy");
        write(".a-types.yml.swp", "not a policy either");
        PolicySet set = loader.load(PolicySources.folder(dir));
        assertThat(set.taxonomy().type("FR_INSEE").identifiesSubject()).isTrue();
        assertThat(set.taxonomy().type("GENDER").sensitivity()).isEqualTo(Sensitivity.RESTRICTED);
        assertThat(set.taxonomy().type("GENDER").identifiesSubject()).isFalse();
        assertThat(set.section(SCANNER)).containsEntry("scanner.thresholds.FR_INSEE", "0.8")
                .containsEntry("scanner.reporting_threshold", "0.5");
        assertThat(set.files()).extracting(PolicyFile::layer).containsExactly("shipped", "folder", "folder");
        assertThat(set.files()).extracting(PolicyFile::name)
                .containsExactly("classpath:" + PolicySetLoader.SHIPPED_RESOURCE, dir.resolve("a-types.yml").toString(),
                        dir.resolve("b-thresholds.yml").toString());
        assertThat(set.origin()).isEqualTo(dir.toString());
    }

    @Test
    void theVersionIsTheHashOfTheContentAndChangesWithAnyFile() throws IOException {
        String shipped = loader.load(PolicySources.shipped()).version();
        assertThat(loader.load(PolicySources.folder(dir)).version()).as("an empty folder adds nothing").isEqualTo(shipped);
        write("a.yml", "scanner:\n  reporting_threshold: 0.6\n");
        String one = loader.load(PolicySources.folder(dir)).version();
        assertThat(one).isNotEqualTo(shipped);
        assertThat(loader.load(PolicySources.folder(dir)).version()).isEqualTo(one);
        assertThat(loader.fingerprint(PolicySources.folder(dir))).isEqualTo(one);
        write("a.yml", "scanner:\n  reporting_threshold: 0.7\n");
        assertThat(loader.load(PolicySources.folder(dir)).version()).isNotEqualTo(one);
    }

    @Test
    void aFileAndAFolderStackFileUnderFolder() throws IOException {
        Path file = dir.resolve("legacy.yml");
        Files.writeString(file, "scanner:\n  reporting_threshold: 0.6\n  thresholds:\n    VIN: 0.9\n");
        Path folder = Files.createDirectory(dir.resolve("folder"));
        Files.writeString(folder.resolve("a.yml"), "scanner:\n  reporting_threshold: 0.7\n");
        PolicySet set = loader.load(new PolicySources(java.util.Optional.of(file), java.util.Optional.of(folder)));
        assertThat(set.section(SCANNER)).containsEntry("scanner.reporting_threshold", "0.7")
                .containsEntry("scanner.thresholds.VIN", "0.9");
        assertThat(set.files()).extracting(PolicyFile::layer).containsExactly("shipped", "file", "folder");
    }

    @Test
    void malformedYamlNamesFileLineAndColumn() throws IOException {
        Path file = write("bad.yml", "scanner:\n  reporting_threshold: 0.5\n thresholds: [unclosed\n");
        assertThatThrownBy(() -> loader.load(PolicySources.folder(dir)))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith(file + ":3:2: not valid YAML");
    }

    @Test
    void unknownTopLevelSectionNamesFileLineAndColumn() throws IOException {
        Path file = write("a.yml", "types: {}\nscaner:\n  reporting_threshold: 0.5\n");
        assertThatThrownBy(() -> loader.load(PolicySources.folder(dir)))
                .hasMessage(file + ":2:1: unknown section 'scaner'; a policy file holds [propagation, scanner, types,"
                        + " version]");
    }

    @Test
    void plannedSectionsAreRefusedUntilACapabilityRegistersThem() throws IOException {
        Path file = write("a.yml", "erasure:\n  default: hash\n");
        assertThatThrownBy(() -> loader.load(PolicySources.folder(dir)))
                .hasMessageStartingWith(file + ":1:1: unknown section 'erasure' (no part of this server reads it yet)");
    }

    @Test
    void aRegisteredSectionIsParsedByItsOwnParser() throws IOException {
        PlainSection masking = new PlainSection("masking");
        write("a.yml", "masking:\n  default: hash\n  by_type:\n    EMAIL_ADDRESS: token\n");
        PolicySet set = new PolicySetLoader(List.of(SCANNER, PROPAGATION, masking)).load(PolicySources.folder(dir));
        assertThat(set.section(masking)).isEqualTo(Map.of("masking.default", "hash",
                "masking.by_type.EMAIL_ADDRESS", "token"));
        assertThat(set.describeSections()).containsKeys("masking", "propagation", "scanner");
    }

    @Test
    void aRegisteredSectionNamingAnUnknownTypeNamesFileLineAndColumn() throws IOException {
        Path file = write("a.yml", "masking:\n  by_type:\n    EMAIL_ADRESS: token\n");
        PolicySetLoader withMasking = new PolicySetLoader(List.of(SCANNER, PROPAGATION, new PlainSection("masking")));
        assertThatThrownBy(() -> withMasking.load(PolicySources.folder(dir)))
                .hasMessageStartingWith(file + ":3:5: masking.by_type names unknown type 'EMAIL_ADRESS'");
    }

    @Test
    void unknownKeyInATypeNamesFileLineAndColumn() throws IOException {
        Path file = write("a.yml", "types:\n  FR_INSEE:\n    sensitivity: RESTRICTED\n    identifies: true\n");
        assertThatThrownBy(() -> loader.load(PolicySources.folder(dir)))
                .hasMessage(file + ":4:5: unknown key 'identifies' in type FR_INSEE; expected one of [description,"
                        + " identifiesSubject, sensitivity]");
    }

    @Test
    void aTypeDefinedTwiceInOneFileNamesBothPlaces() throws IOException {
        Path file = write("a.yml", "types:\n  FR_INSEE: {sensitivity: RESTRICTED}\n  FR_INSEE: {sensitivity: PUBLIC}\n");
        assertThatThrownBy(() -> loader.load(PolicySources.folder(dir)))
                .hasMessage(file + ":3:3: key 'FR_INSEE' appears twice (first at 2:3)");
    }

    @Test
    void aTypeDefinedInTwoFilesOfTheFolderIsAContradiction() throws IOException {
        Path first = write("a.yml", "types:\n  FR_INSEE: {sensitivity: RESTRICTED}\n");
        Path second = write("b.yml", "# more types\ntypes:\n  FR_INSEE: {sensitivity: RESTRICTED}\n");
        assertThatThrownBy(() -> loader.load(PolicySources.folder(dir)))
                .hasMessage(second + ":3:3: type FR_INSEE is also set at " + first + ":2:3; each setting of a policy"
                        + " folder belongs in one file");
    }

    @Test
    void twoFilesValidAloneButSettingTheSameThingDifferentlyAreRefused() throws IOException {
        Path first = write("a.yml", "scanner:\n  reporting_threshold: 0.6\n");
        Path second = write("b.yml", "scanner:\n  reporting_threshold: 0.7\n");
        assertThat(loader.load(PolicySources.file(first)).section(SCANNER))
                .containsEntry("scanner.reporting_threshold", "0.6");
        assertThat(loader.load(PolicySources.file(second)).section(SCANNER))
                .containsEntry("scanner.reporting_threshold", "0.7");
        assertThatThrownBy(() -> loader.load(PolicySources.folder(dir)))
                .hasMessage(second + ":2:3: scanner.reporting_threshold is also set at " + first + ":2:3; each"
                        + " setting of a policy folder belongs in one file");
    }

    @Test
    void wrongValueTypesNameFileLineAndColumn() throws IOException {
        Path sensitivity = write("a.yml", "types:\n  FR_INSEE: {sensitivity: [RESTRICTED]}\n");
        assertThatThrownBy(() -> loader.load(PolicySources.folder(dir)))
                .hasMessage(sensitivity + ":2:27: sensitivity of FR_INSEE must be a single value, not a list");
        Files.delete(sensitivity);
        Path flag = write("b.yml", "types:\n  FR_INSEE:\n    sensitivity: RESTRICTED\n    identifiesSubject: \"yes\"\n");
        assertThatThrownBy(() -> loader.load(PolicySources.folder(dir)))
                .hasMessage(flag + ":4:24: identifiesSubject of FR_INSEE must be true or false, not the text 'yes'");
        Files.delete(flag);
        Path types = write("c.yml", "types: 3\n");
        assertThatThrownBy(() -> loader.load(PolicySources.folder(dir)))
                .hasMessage(types + ":1:8: types must be a mapping of keys to values, not '3'");
    }

    @Test
    void unknownOrMissingSensitivityAndBadNamesAreRefused() throws IOException {
        Path bad = write("a.yml", "types:\n  X_ID: {sensitivity: SECRET}\n");
        assertThatThrownBy(() -> loader.load(PolicySources.folder(dir)))
                .hasMessageStartingWith(bad + ":2:23: sensitivity of X_ID is 'SECRET', not one of");
        write("a.yml", "types:\n  X_ID: {description: no level}\n");
        assertThatThrownBy(() -> loader.load(PolicySources.folder(dir)))
                .hasMessageStartingWith(bad + ":2:3: type X_ID has no sensitivity");
        write("a.yml", "types:\n  lower_case: {sensitivity: PUBLIC}\n");
        assertThatThrownBy(() -> loader.load(PolicySources.folder(dir)))
                .hasMessageStartingWith(bad + ":2:3: type name 'lower_case' must be upper case");
        write("a.yml", "- a\n- b\n");
        assertThatThrownBy(() -> loader.load(PolicySources.folder(dir)))
                .hasMessageStartingWith(bad + ":1:1: a policy file must be a mapping of sections");
        write("a.yml", "version: 2\n");
        assertThatThrownBy(() -> loader.load(PolicySources.folder(dir)))
                .hasMessage(bad + ":1:10: version must be 1, not '2'");
    }

    @Test
    void oneBadFileMeansNothingOfTheFolderIsUsed() throws IOException {
        write("a.yml", "types:\n  FR_INSEE: {sensitivity: RESTRICTED}\n");
        Path bad = write("b.yml", "scanner:\n  reporting_threshold: 0.6\n  oops\n");
        assertThatThrownBy(() -> loader.load(PolicySources.folder(dir)))
                .isInstanceOf(PolicyException.class)
                .satisfies(e -> assertThat(((PolicyException) e).source()).isEqualTo(bad.toString()));
    }

    @Test
    void missingFolderAndUnreadableFilesAreRefused() throws IOException {
        assertThatThrownBy(() -> loader.load(PolicySources.folder(dir.resolve("absent"))))
                .hasMessage(dir.resolve("absent") + ": no such folder");
        assertThatThrownBy(() -> loader.load(PolicySources.file(dir.resolve("absent.yml"))))
                .hasMessage(dir.resolve("absent.yml") + ": no such file");
        assertThatThrownBy(() -> loader.load(PolicySources.file(dir))).hasMessageContaining("is a directory");
        Path binary = dir.resolve("binary.yml");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0xc3});
        assertThatThrownBy(() -> loader.load(PolicySources.folder(dir))).hasMessage(binary + ": is not UTF-8 text");
        Files.delete(binary);
        Path huge = dir.resolve("huge.yml");
        Files.writeString(huge, "#".repeat((int) PolicySetLoader.MAX_FILE_BYTES + 1));
        assertThatThrownBy(() -> loader.load(PolicySources.folder(dir))).hasMessageContaining("at most");
    }

    @Test
    void anEmptyFileKeepsTheDefaults() throws IOException {
        write("empty.yml", "");
        assertThat(loader.load(PolicySources.folder(dir)).taxonomy().names()).hasSize(27);
    }

    private Path write(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }
}
