package io.custodian.masking.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodian.masking.MaskingDialect;
import io.custodian.masking.policy.MaskingPolicy.UnknownTables;
import io.custodian.masking.strategy.StrategyKind;
import io.custodian.policy.PolicyException;
import io.custodian.policy.PolicySet;
import io.custodian.policy.PolicySources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The masking section: its YAML, how files combine, and errors that say where. */
class MaskingSectionTest {
    @TempDir
    Path dir;

    static final String EXAMPLE = """
            masking:
              default: {strategy: REDACT, parameters: {value: "[hidden]"}}
              fallback: NULLIFY
              unknown_tables: allow
              udfs: {trino: {TOKENIZE: custodian.tokenize}}
              rules:
                - name: support-phone
                  classifications: [PHONE_NUMBER]
                  roles: [support]
                  strategy: PARTIAL
                  parameters: {keep_last: 4}
                - name: privacy-team-raw
                  classifications: ["*"]
                  groups: [privacy]
                  strategy: NONE
              overrides:
                - dataset: shop.public.customers
                  namespace: postgres://db:5432
                  column: notes
                  strategy: CUSTOM
                  parameters:
                    sql: {postgresql: "left({col}, 3)", trino: "substr({col}, 1, 3)"}
            """;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private PolicySet load() {
        return MaskingPolicies.loader(OtherSections.SHIPPED).load(PolicySources.folder(dir));
    }

    @Test
    void theEmptySectionRedactsClassifiedColumnsAndMasksUnknownTables() {
        MaskingPolicy policy = MaskingPolicies.masking(MaskingPolicies.loader(OtherSections.SHIPPED).load(PolicySources.shipped()));
        assertThat(policy.defaultSpec().kind()).isEqualTo(StrategyKind.REDACT);
        assertThat(policy.fallback().kind()).isEqualTo(StrategyKind.NULLIFY);
        assertThat(policy.unknownTables()).isEqualTo(UnknownTables.MASK);
        assertThat(policy.rules()).isEmpty();
    }

    @Test
    void theDocumentedExampleLoads() throws IOException {
        write("masking.yml", EXAMPLE);
        PolicySet set = load();
        MaskingPolicy policy = MaskingPolicies.masking(set);
        assertThat(policy.defaultSpec().parameters().text("value")).isEqualTo("[hidden]");
        assertThat(policy.unknownTables()).isEqualTo(UnknownTables.ALLOW);
        assertThat(policy.tokenizeUdfs()).containsEntry(MaskingDialect.TRINO, "custodian.tokenize");
        assertThat(policy.rules()).extracting(MaskingRule::name).containsExactly("support-phone", "privacy-team-raw");
        assertThat(policy.rules().get(1).covers("IBAN")).isTrue();
        assertThat(policy.overrides()).singleElement().satisfies(o -> {
            assertThat(o.label()).isEqualTo("override:postgres://db:5432/shop.public.customers.notes");
            assertThat(o.spec().kind()).isEqualTo(StrategyKind.CUSTOM);
        });
        @SuppressWarnings("unchecked")
        Map<String, Object> described = (Map<String, Object>) set.describeSections().get("masking");
        assertThat(described).containsEntry("unknown_tables", "allow")
                .containsEntry("default", Map.of("strategy", "REDACT", "parameters", Map.of("value", "[hidden]")));
        assertThat((List<?>) described.get("rules")).first().isEqualTo(Map.of("name", "support-phone",
                "classifications", List.of("PHONE_NUMBER"), "roles", List.of("support"), "groups", List.of(),
                "strategy", "PARTIAL", "parameters", Map.of("keep_last", 4, "mask", "*")));
    }

    @Test
    void aLaterLayerReplacesRulesByNameAndKeepsTheRest() throws IOException {
        Path base = write("base.yml", EXAMPLE);
        write("more.yml", """
                masking:
                  rules:
                    - name: support-phone
                      classifications: [PHONE_NUMBER]
                      roles: [support]
                      strategy: REDACT
                """);
        // the folder's files are peers: the same rule in two of them contradicts
        assertThatThrownBy(this::load).isInstanceOf(PolicyException.class)
                .hasMessageContaining("more.yml:3:7: masking.rules.support-phone is also set at " + base + ":7:7");
        // the folder over a file: a later layer replaces the rule in place
        Path file = dir.resolve("sub");
        Files.createDirectories(file);
        Files.move(dir.resolve("more.yml"), file.resolve("more.yml"));
        PolicySet set = MaskingPolicies.loader(OtherSections.SHIPPED).load(new PolicySources(java.util.Optional.of(base),
                java.util.Optional.of(file)));
        MaskingPolicy policy = MaskingPolicies.masking(set);
        assertThat(policy.rules()).extracting(MaskingRule::name).containsExactly("support-phone", "privacy-team-raw");
        assertThat(policy.rules().get(0).spec().kind()).isEqualTo(StrategyKind.REDACT);
        assertThat(policy.defaultSpec().parameters().text("value")).isEqualTo("[hidden]");
    }

    @Test
    void errorsNameFileLineAndColumn() throws IOException {
        Path file = write("a.yml", """
                masking:
                  rules:
                    - name: r1
                      classifications: [PHONE_NUMBR]
                      strategy: NONE
                """);
        assertThatThrownBy(this::load).hasMessageStartingWith(file + ":4:25: masking.rules[r1] names unknown type"
                + " 'PHONE_NUMBR'");
        write("a.yml", """
                masking:
                  rules:
                    - name: r1
                      classifications: [PHONE_NUMBER]
                      strategy: PARTIAL
                      parameters: {keep_lats: 4}
                """);
        assertThatThrownBy(this::load).hasMessage(file + ":6:19: masking.rules[r1]: unknown parameter 'keep_lats' for"
                + " PARTIAL; it takes [keep_first, keep_last, mask]");
        write("a.yml", "masking:\n  default: SCRAMBLE\n");
        assertThatThrownBy(this::load).hasMessageStartingWith(file + ":2:12: masking.default.strategy is 'SCRAMBLE',"
                + " not one of [NONE,");
        write("a.yml", "masking:\n  unknown_tables: maybe\n");
        assertThatThrownBy(this::load).hasMessage(file + ":2:19: masking.unknown_tables is 'maybe'; expected mask or"
                + " allow");
        write("a.yml", "masking:\n  udfs: {trino: {HASH: x.y}}\n");
        assertThatThrownBy(this::load).hasMessage(file + ":2:18: masking.udfs.trino names 'HASH'; only TOKENIZE is"
                + " computed by a UDF");
        write("a.yml", "masking:\n  udfs: {trino: {TOKENIZE: \"x; DROP\"}}\n");
        assertThatThrownBy(this::load).hasMessageStartingWith(file + ":2:28: masking.udfs.trino.TOKENIZE must be a"
                + " function name");
        write("a.yml", "masking:\n  rules:\n    - name: r\n      classifications: [\"*\"]\n      strategy: CUSTOM\n"
                + "      parameters: {sql: {postgresql: \"(SELECT 1)\"}}\n");
        assertThatThrownBy(this::load).hasMessageStartingWith(file + ":6:19: masking.rules[r]: parameter"
                + " sql.postgresql");
        write("a.yml", "masking:\n  overrides:\n    - {dataset: a.b, strategy: NONE}\n    - {dataset: A.B,"
                + " strategy: REDACT}\n");
        assertThatThrownBy(this::load).hasMessageContaining("masking.overrides");
    }
}
