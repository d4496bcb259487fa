package io.custodian.erasure.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodian.erasure.policy.DatasetPattern;
import io.custodian.erasure.policy.ErasureAction;
import io.custodian.erasure.policy.ErasurePolicies;
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
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retention section as a policy folder gives it: rules by name, schedules, and errors that say where. */
class RetentionSectionTest {
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
    void withoutASectionThereAreNoRules() throws IOException {
        assertThat(ErasurePolicies.retention(load("erasure: {}\n")).rules()).isEmpty();
    }

    @Test
    void rulesGiveTheirDatasetsColumnPeriodActionAndSchedule() throws IOException {
        RetentionPolicy policy = ErasurePolicies.retention(load("""
                retention:
                  rules:
                    - name: clickstream-90d
                      dataset: "web.*.clickstream"
                      namespace: "postgres://*"
                      timestamp_column: occurred_at
                      period: P90D
                      action: DELETE_ROWS
                    - name: orders.7y
                      dataset: shop.orders
                      timestamp_column: created_at
                      period: P7Y
                      action: ANONYMIZE
                      anonymize: {EMAIL_ADDRESS: {strategy: REDACT, parameters: {value: "erased"}}, "column:ip": NULLIFY}
                      schedule: hourly
                    - name: sessions
                      dataset: "web.sessions"
                      timestamp_column: started_on
                      period: P18M
                      action: DELETE_ROWS
                      schedule: PT6H
                """));
        RetentionRule clicks = policy.rule("clickstream-90d").orElseThrow();
        assertThat(clicks.pattern()).isEqualTo(new DatasetPattern(Optional.of("postgres://*"), "web.*.clickstream"));
        assertThat(clicks.timestampColumn()).isEqualTo("occurred_at");
        assertThat(clicks.period()).isEqualTo(Period.ofDays(90));
        assertThat(clicks.action()).isEqualTo(ErasureAction.DELETE_ROWS);
        assertThat(clicks.every()).isEqualTo(Duration.ofDays(1));
        assertThat(clicks.cutoff(Instant.parse("2026-12-02T10:00:00Z"))).isEqualTo(Instant.parse("2026-09-03T10:00:00Z"));
        RetentionRule orders = policy.rule("orders.7y").orElseThrow();
        assertThat(orders.action()).isEqualTo(ErasureAction.ANONYMIZE);
        assertThat(orders.anonymize()).containsOnlyKeys("EMAIL_ADDRESS", "column:ip");
        assertThat(orders.anonymize().get("EMAIL_ADDRESS").kind()).isEqualTo(StrategyKind.REDACT);
        assertThat(orders.every()).isEqualTo(Duration.ofHours(1));
        assertThat(orders.cutoff(Instant.parse("2026-12-02T10:00:00Z"))).isEqualTo(Instant.parse("2019-12-02T10:00:00Z"));
        assertThat(policy.rule("sessions").orElseThrow().every()).isEqualTo(Duration.ofHours(6));
        @SuppressWarnings("unchecked")
        Map<String, List<Map<String, Object>>> described = (Map<String, List<Map<String, Object>>>)
                ErasurePolicies.RETENTION.describe(policy);
        assertThat(described.get("rules")).extracting(r -> r.get("schedule")).containsExactly("daily", "hourly", "PT6H");
    }

    @Test
    void aLaterFilesRuleReplacesTheEarlierRuleOfItsName() throws IOException {
        Path base = dir.resolve("base.yml");
        Files.writeString(base, """
                retention:
                  rules:
                    - {name: clicks, dataset: a.clicks, timestamp_column: at, period: P30D, action: DELETE_ROWS}
                    - {name: logs, dataset: a.logs, timestamp_column: at, period: P7D, action: DELETE_ROWS}
                """);
        Path folder = Files.createDirectory(dir.resolve("folder"));
        Files.writeString(folder.resolve("x.yml"), """
                retention:
                  rules:
                    - {name: clicks, dataset: a.clicks, timestamp_column: at, period: P90D, action: DELETE_ROWS}
                """);
        List<PolicySection<?>> sections = new ArrayList<>(OtherSections.SHIPPED);
        sections.addAll(ErasurePolicies.sections());
        RetentionPolicy policy = ErasurePolicies.retention(new PolicySetLoader(sections).load(
                new PolicySources(Optional.of(base), Optional.of(folder))));
        assertThat(policy.rules()).extracting(RetentionRule::name).containsExactly("clicks", "logs");
        assertThat(policy.rule("clicks").orElseThrow().period()).isEqualTo(Period.ofDays(90));
    }

    @Test
    void mistakesAreRefusedWithFileLineAndWhat() {
        String rule = "retention:\n  rules:\n    - {name: r, dataset: x, timestamp_column: at, ";
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(rule + "period: P90D, action: ERASE}\n", "action is 'ERASE'; expected DELETE_ROWS or ANONYMIZE");
        cases.put(rule + "period: P90D, action: RETAIN}\n", "action is 'RETAIN'");
        cases.put(rule + "period: 90 days, action: DELETE_ROWS}\n", "period is '90 days'; write an ISO-8601 period");
        cases.put(rule + "period: P0D, action: DELETE_ROWS}\n", "must be positive");
        cases.put(rule + "period: P-3D, action: DELETE_ROWS}\n", "must be positive");
        cases.put(rule + "period: P90D, action: DELETE_ROWS, schedule: weekly}\n", "expected daily, hourly or an ISO-8601");
        cases.put(rule + "period: P90D, action: DELETE_ROWS, schedule: PT1S}\n", "at most every minute");
        cases.put(rule + "period: P90D, action: DELETE_ROWS, anonymize: {}}\n", "sets anonymize but its action is DELETE_ROWS");
        cases.put(rule + "period: P90D, action: ANONYMIZE, anonymize: {EMAIL_ADDRESS: HASH}}\n",
                "a hash or token of a value still identifies");
        cases.put(rule + "period: P90D, action: ANONYMIZE, anonymize: {EMAIL: NULLIFY}}\n", "EMAIL");
        cases.put(rule + "period: P90D}\n", "has no action");
        cases.put("retention:\n  rules:\n    - {name: r, dataset: x, period: P1D, action: DELETE_ROWS}\n",
                "has no timestamp_column");
        cases.put("retention:\n  rules:\n    - {dataset: x, timestamp_column: at, period: P1D, action: DELETE_ROWS}\n",
                "has no name");
        cases.put("retention:\n  rules:\n    - {name: 'a b', dataset: x, timestamp_column: at, period: P1D, "
                + "action: DELETE_ROWS}\n", "name is 'a b'");
        cases.put(rule + "period: P1D, action: DELETE_ROWS, every: P1D}\n", "every");
        cases.put("retention:\n  rules:\n    - {name: r, dataset: x, timestamp_column: at, period: P1D, action: DELETE_ROWS}\n"
                + "    - {name: r, dataset: y, timestamp_column: at, period: P1D, action: DELETE_ROWS}\n",
                "as an earlier rule of this file is");
        cases.put("retention:\n  purge: []\n", "purge");
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
