package io.custodian.erasure.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.erasure.policy.ErasureAction;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Plans read back from their JSON: retention's cutoff kept, and plans stored before it had one still read. */
class PlanCodecTest {
    private static ErasurePlan plan(Locator locator) {
        PlannedStep step = new PlannedStep(1, "pg://web", "web.clicks", ErasureAction.DELETE_ROWS, "why",
                Optional.of("web"), Optional.of("web"), Optional.of("clicks"), Optional.of("h2"), List.of(locator),
                List.of(), List.of("id"), Optional.empty(), Optional.empty(), List.of(), List.of(), OptionalLong.of(3),
                Optional.empty(), List.of(), true);
        return new ErasurePlan("v1", Instant.parse("2026-12-02T10:00:00Z"), List.of(), List.of(step), List.of(),
                List.of(), List.of(), List.of());
    }

    @Test
    void aRetentionLocatorKeepsItsCutoff() {
        ErasurePlan plan = plan(Locator.before("occurred_at", "timestamp", Instant.parse("2026-09-03T10:00:00Z"),
                "retention rule clicks"));
        assertThat(PlanCodec.fromJson(PlanCodec.toJson(plan))).isEqualTo(plan);
    }

    @Test
    void aPlanStoredBeforeLocatorsHadACutoffReadsWithNone() {
        ErasurePlan plan = plan(new Locator("email", "varchar", "EMAIL_ADDRESS", Locator.Match.IGNORE_CASE, "classified"));
        String json = PlanCodec.toJson(plan).replace(",\"before\":null", "");
        assertThat(json).doesNotContain("before");
        assertThat(PlanCodec.fromJson(json)).isEqualTo(plan);
    }
}
