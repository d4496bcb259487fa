package io.custodian.erasure.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeadlinesTest {
    private final Deadlines deadlines = Deadlines.defaults();

    @Test
    void aGdprRequestReceivedOnTheLastDayOfJanuaryIsDueOnTheLastDayOfFebruary() {
        assertThat(deadlines.due(Regulation.GDPR, Instant.parse("2027-01-31T10:00:00Z")))
                .isEqualTo(Instant.parse("2027-02-28T10:00:00Z"));
        assertThat(deadlines.due(Regulation.GDPR, Instant.parse("2028-01-31T23:30:00Z")))
                .isEqualTo(Instant.parse("2028-02-29T23:30:00Z"));
        assertThat(deadlines.due(Regulation.GDPR, Instant.parse("2027-03-15T00:00:00Z")))
                .isEqualTo(Instant.parse("2027-04-15T00:00:00Z"));
    }

    @Test
    void aCcpaRequestIsDueFortyFiveDaysAfterReceipt() {
        assertThat(deadlines.due(Regulation.CCPA, Instant.parse("2027-01-31T10:00:00Z")))
                .isEqualTo(Instant.parse("2027-03-17T10:00:00Z"));
    }

    @Test
    void anExtensionUpToTheMaximumIsAllowedAndBeyondItIsRefusedNamingTheMaximum() {
        Instant due = Instant.parse("2027-02-28T10:00:00Z");
        assertThat(deadlines.extended(Regulation.GDPR, due, Period.ofMonths(2)))
                .isEqualTo(Instant.parse("2027-04-28T10:00:00Z"));
        assertThat(deadlines.extended(Regulation.GDPR, due, Period.ofDays(30)))
                .isEqualTo(Instant.parse("2027-03-30T10:00:00Z"));
        assertThatThrownBy(() -> deadlines.extended(Regulation.GDPR, due, Period.ofMonths(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a GDPR deadline may be extended by at most P2M; P3M was asked");
        assertThatThrownBy(() -> deadlines.extended(Regulation.GDPR, due, Period.ofDays(62)))
                .hasMessageContaining("at most P2M");
        assertThat(deadlines.extended(Regulation.CCPA, due, Period.ofDays(45)))
                .isEqualTo(Instant.parse("2027-04-14T10:00:00Z"));
        assertThatThrownBy(() -> deadlines.extended(Regulation.CCPA, due, Period.ofDays(46)))
                .hasMessage("a CCPA deadline may be extended by at most P45D; P46D was asked");
        assertThatThrownBy(() -> deadlines.extended(Regulation.CCPA, due, Period.ZERO))
                .hasMessageContaining("positive");
    }

    @Test
    void standingIsOnTrackThenNearTheDeadlineForItsLastSevenDaysThenOverdueAndClosedOnceFinal() {
        Instant due = Instant.parse("2027-02-28T10:00:00Z");
        SubjectRequest open = request(RequestStatus.PLANNED, due);
        assertThat(deadlines.standing(open, due.minus(Duration.ofDays(7)).minusSeconds(1))).isEqualTo(Standing.ON_TRACK);
        assertThat(deadlines.standing(open, due.minus(Duration.ofDays(7)))).isEqualTo(Standing.NEAR_DEADLINE);
        assertThat(deadlines.standing(open, due.minusSeconds(1))).isEqualTo(Standing.NEAR_DEADLINE);
        assertThat(deadlines.standing(open, due)).isEqualTo(Standing.OVERDUE);
        assertThat(deadlines.standing(request(RequestStatus.COMPLETED, due), due.plus(Duration.ofDays(30))))
                .isEqualTo(Standing.CLOSED);
    }

    private static SubjectRequest request(RequestStatus status, Instant due) {
        Instant received = Instant.parse("2027-01-31T10:00:00Z");
        return new SubjectRequest(UUID.randomUUID(), RequestType.ERASURE, Regulation.GDPR, status, Optional.empty(),
                new java.util.TreeSet<>(Set.of("EMAIL_ADDRESS")), Map.of(), "someone", "officer", Optional.empty(),
                received, due, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), received);
    }
}
