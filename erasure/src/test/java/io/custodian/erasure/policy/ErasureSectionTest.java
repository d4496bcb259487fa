package io.custodian.erasure.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodian.masking.policy.OtherSections;
import io.custodian.masking.strategy.StrategyKind;
import io.custodian.policy.PolicyException;
import io.custodian.policy.PolicySection;
import io.custodian.policy.PolicySet;
import io.custodian.policy.PolicySetLoader;
import io.custodian.policy.PolicySources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The erasure section as a policy folder gives it: defaults, rules, keys, and errors that say where. */
class ErasureSectionTest {
    @TempDir
    Path dir;

    private PolicySet load(String... files) throws IOException {
        for (int i = 0; i < files.length; i++) {
            Files.writeString(dir.resolve("f" + i + ".yml"), files[i]);
        }
        List<PolicySection<?>> sections = new ArrayList<>(OtherSections.SHIPPED);
        sections.addAll(ErasurePolicies.sections());
        return new PolicySetLoader(sections).load(PolicySources.folder(dir));
    }

    @Test
    void withoutASectionEmailsCompareWithoutCaseAndApprovalNeedsASecondPerson() throws IOException {
        ErasurePolicy policy = ErasurePolicies.erasure(load("erasure: {}\n"));
        assertThat(policy.caseInsensitive()).containsExactlyInAnyOrder("EMAIL_ADDRESS", "USERNAME");
        assertThat(policy.distinctApprover()).isTrue();
        assertThat(policy.defaultAnonymize().kind()).isEqualTo(StrategyKind.NULLIFY);
        assertThat(policy.rules()).isEmpty();
    }

    @Test
    void rulesMatchByGlobFirstMatchWinsAndHoldsEndOnTheirDay() throws IOException {
        ErasurePolicy policy = ErasurePolicies.erasure(load("""
                erasure:
                  approval: {distinct_approver: false}
                  resolution: {max_values: 3}
                  anonymize: {default: {strategy: REDACT, parameters: {value: "gone"}}}
                  rules:
                    - dataset: "shop.legal.*"
                      action: RETAIN
                      reason: hold
                      basis: "Case 7"
                      until: 2027-01-31
                    - dataset: "shop.*.payments"
                      namespace: "postgres://*"
                      action: ANONYMIZE
                      reason: tax
                      anonymize: {EMAIL_ADDRESS: NULLIFY, "column:card": {strategy: DEFAULT_VALUE}}
                      auto_approve: true
                    - dataset: "*"
                      action: MANUAL
                      reason: everything else by hand
                """));
        assertThat(policy.distinctApprover()).isFalse();
        assertThat(policy.maxResolvedValues()).isEqualTo(3);
        assertThat(policy.defaultAnonymize().kind()).isEqualTo(StrategyKind.REDACT);
        LocalDate day = LocalDate.parse("2027-01-31");
        assertThat(policy.ruleFor("pg", "shop.legal.cases", day)).get().extracting(ErasureRule::action)
                .isEqualTo(ErasureAction.RETAIN);
        assertThat(policy.ruleFor("pg", "shop.legal.cases", day.plusDays(1))).get().extracting(ErasureRule::action)
                .isEqualTo(ErasureAction.MANUAL);
        ErasureRule payments = policy.ruleFor("postgres://db", "shop.eu.payments", day).orElseThrow();
        assertThat(payments.action()).isEqualTo(ErasureAction.ANONYMIZE);
        assertThat(payments.autoApprove()).isTrue();
        assertThat(payments.anonymize()).containsOnlyKeys("EMAIL_ADDRESS", "column:card");
        assertThat(policy.ruleFor("mysql://db", "shop.eu.payments", day)).get().extracting(ErasureRule::action)
                .isEqualTo(ErasureAction.MANUAL);
        assertThat(DatasetPattern.of("a.*.c").matches("x", "a.b.c")).isTrue();
        assertThat(DatasetPattern.of("a.*.c").matches("x", "a.b.d")).isFalse();
        assertThat(DatasetPattern.of("a.(b)+").matches("x", "a.(b)+")).isTrue();
        assertThat(DatasetPattern.of("a.(b)+").matches("x", "a.bb")).isFalse();
    }

    @Test
    void laterFilesRulesComeFirstAndKeysAddUp() throws IOException {
        Path base = dir.resolve("base.yml");
        Files.writeString(base, """
                erasure:
                  keys: [{dataset: a.orders, column: cid, references: {dataset: a.customers, column: id}}]
                  rules: [{dataset: "*", action: MANUAL, reason: base}]
                """);
        Path folder = Files.createDirectory(dir.resolve("folder"));
        Files.writeString(folder.resolve("x.yml"), """
                erasure:
                  keys: [{dataset: a.tickets, column: cid, references: {dataset: a.customers, column: id}}]
                  rules: [{dataset: "a.*", action: DELETE_ROWS, reason: folder}]
                """);
        List<PolicySection<?>> sections = new ArrayList<>(OtherSections.SHIPPED);
        sections.addAll(ErasurePolicies.sections());
        ErasurePolicy policy = ErasurePolicies.erasure(new PolicySetLoader(sections).load(
                new PolicySources(java.util.Optional.of(base), java.util.Optional.of(folder))));
        assertThat(policy.rules()).extracting(ErasureRule::reason).containsExactly("folder", "base");
        assertThat(policy.keys()).extracting(DeclaredKey::column).containsExactly("cid", "cid");
    }

    @Test
    void mistakesAreRefusedWithFileLineAndWhat() {
        Map<String, String> cases = Map.of(
                "erasure:\n  rules:\n    - {dataset: x, action: ERASE, reason: r}\n", "action is 'ERASE'",
                "erasure:\n  rules:\n    - {dataset: x, action: UNRESOLVED, reason: r}\n", "action is 'UNRESOLVED'",
                "erasure:\n  rules:\n    - {dataset: x, action: DELETE_ROWS}\n", "has no reason",
                "erasure:\n  rules:\n    - {dataset: x, action: RETAIN, reason: r}\n", "has no basis",
                "erasure:\n  rules:\n    - {dataset: x, action: RETAIN, reason: r, basis: b, until: tomorrow}\n", "YYYY-MM-DD",
                "erasure:\n  rules:\n    - {dataset: x, action: ANONYMIZE, reason: r, anonymize: {EMAIL_ADDRESS: HASH}}\n",
                "a hash or token of a value still identifies",
                "erasure:\n  rules:\n    - {dataset: x, action: DELETE_ROWS, reason: r, anonymize: {}}\n", "sets anonymize",
                "erasure:\n  case_insensitive: [EMAIL]\n", "unknown type 'EMAIL'",
                "erasure:\n  resolution: {max_values: 0}\n", "from 1 to 10000",
                "erasure:\n  keys: [{dataset: a, column: b}]\n", "has no references");
        cases.forEach((yaml, message) -> assertThatThrownBy(() -> {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            load(yaml);
        }).as(yaml).isInstanceOf(PolicyException.class).hasMessageContaining(message).hasMessageContaining("f0.yml:"));
    }
}
