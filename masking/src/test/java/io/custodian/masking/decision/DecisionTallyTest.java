package io.custodian.masking.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodian.catalog.audit.AuditEvent;
import io.custodian.catalog.audit.AuditException;
import io.custodian.catalog.audit.AuditTrail;
import io.custodian.masking.decision.DecisionTally.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionTallyTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final List<AuditEvent> written = new ArrayList<>();
    private boolean auditDown;
    private final AuditTrail audit = event -> {
        if (auditDown) {
            throw new AuditException("audit log unavailable", null);
        }
        written.add(event);
    };

    @Test
    void oneEntryPerGatewayPrincipalAndKindPerWindowWithTheCounts() {
        DecisionTally tally = new DecisionTally(audit, clock, Duration.ofMinutes(1));
        tally.record("trino-gw", "alice", Kind.DECISIONS, 1, 250, 12);
        tally.record("trino-gw", "alice", Kind.DECISIONS, 2, 10, 3);
        tally.record("trino-gw", "bob", Kind.DECISIONS, 1, 5, 0);
        tally.record("trino-gw", "alice", Kind.REWRITE, 3, 7, 2);
        assertThat(written).isEmpty();

        clock.advance(Duration.ofSeconds(61));
        tally.record("trino-gw", "alice", Kind.DECISIONS, 1, 1, 1);

        assertThat(written).extracting(AuditEvent::actor, AuditEvent::action, AuditEvent::target)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("trino-gw", "gateway.decisions", "principal alice"),
                        org.assertj.core.groups.Tuple.tuple("trino-gw", "gateway.decisions", "principal bob"),
                        org.assertj.core.groups.Tuple.tuple("trino-gw", "gateway.rewrite", "principal alice"));
        assertThat(written.get(0).detail()).startsWith("calls=2 tables=3 columns=260 masked=15 from=2026-12-02T10:00:00Z");
        assertThat(written.get(2).detail()).startsWith("calls=1 tables=3 columns=7 masked=2");

        tally.write();
        assertThat(written).hasSize(4);
        assertThat(written.get(3).detail()).startsWith("calls=1 tables=1 columns=1 masked=1");
    }

    @Test
    void answersAreRefusedWhileEarlierCountsCannotBeWrittenAndNothingIsLost() {
        DecisionTally tally = new DecisionTally(audit, clock, Duration.ofMinutes(1));
        tally.record("gw", "alice", Kind.DECISIONS, 1, 4, 1);
        auditDown = true;
        clock.advance(Duration.ofMinutes(2));

        assertThatThrownBy(() -> tally.record("gw", "alice", Kind.DECISIONS, 1, 4, 1))
                .isInstanceOf(AuditException.class);
        assertThatThrownBy(() -> tally.record("gw", "alice", Kind.DECISIONS, 1, 4, 1))
                .isInstanceOf(AuditException.class);

        auditDown = false;
        tally.record("gw", "alice", Kind.DECISIONS, 1, 4, 1);
        assertThat(written).singleElement().satisfies(e -> assertThat(e.detail()).startsWith("calls=1 tables=1 columns=4"));
        tally.close();
        assertThat(written).hasSize(2);
        assertThat(written.get(1).detail()).startsWith("calls=1 tables=1 columns=4");
    }

    @Test
    void tooManyPrincipalsInOneWindowWriteTheWindowEarly() {
        DecisionTally tally = new DecisionTally(audit, clock, Duration.ofHours(1));
        for (int i = 0; i <= DecisionTally.MAX_KEYS; i++) {
            tally.record("gw", "user" + i, Kind.DECISIONS, 1, 1, 0);
        }
        assertThat(written).hasSize(DecisionTally.MAX_KEYS);
    }

    @Test
    void theTimerWritesAWindowThatEndedWithoutFurtherCalls() throws InterruptedException {
        Clock real = Clock.systemUTC();
        DecisionTally tally = new DecisionTally(audit, real, Duration.ofMillis(50));
        tally.start();
        try {
            tally.record("gw", "alice", Kind.REWRITE, 1, 2, 1);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (written.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            synchronized (tally) {
                assertThat(written).hasSize(1);
            }
        } finally {
            tally.close();
        }
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
