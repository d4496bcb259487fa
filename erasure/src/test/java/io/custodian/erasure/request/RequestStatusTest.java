package io.custodian.erasure.request;

import static io.custodian.erasure.request.RequestStatus.APPROVED;
import static io.custodian.erasure.request.RequestStatus.CANCELED;
import static io.custodian.erasure.request.RequestStatus.COMPLETED;
import static io.custodian.erasure.request.RequestStatus.EXECUTING;
import static io.custodian.erasure.request.RequestStatus.FAILED;
import static io.custodian.erasure.request.RequestStatus.ON_HOLD;
import static io.custodian.erasure.request.RequestStatus.PARTIALLY_COMPLETED;
import static io.custodian.erasure.request.RequestStatus.PLANNED;
import static io.custodian.erasure.request.RequestStatus.RECEIVED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RequestStatusTest {
    @Test
    void onlyCanceledCompletedAndFailedAreFinalAndNothingFollowsThem() {
        assertThat(Arrays.stream(RequestStatus.values()).filter(RequestStatus::isFinal))
                .containsExactlyInAnyOrder(CANCELED, COMPLETED, FAILED);
        for (RequestStatus status : RequestStatus.values()) {
            assertThat(status.successors().isEmpty()).as(status.name()).isEqualTo(status.isFinal());
        }
    }

    @Test
    void theAllowedTransitionsAreExactlyTheLifecycles() {
        assertThat(RECEIVED.successors()).containsExactlyInAnyOrder(PLANNED, ON_HOLD, CANCELED, FAILED);
        assertThat(PLANNED.successors()).containsExactlyInAnyOrder(APPROVED, ON_HOLD, CANCELED, RECEIVED);
        assertThat(ON_HOLD.successors()).containsExactlyInAnyOrder(RECEIVED, CANCELED);
        assertThat(APPROVED.successors()).containsExactlyInAnyOrder(EXECUTING, CANCELED);
        assertThat(EXECUTING.successors()).containsExactlyInAnyOrder(COMPLETED, PARTIALLY_COMPLETED, FAILED);
        assertThat(PARTIALLY_COMPLETED.successors()).containsExactlyInAnyOrder(EXECUTING, COMPLETED, FAILED);
    }

    @Test
    void canMoveToAgreesWithTheSuccessorsAndRefusesSkippingApproval() {
        assertThat(RECEIVED.canMoveTo(APPROVED)).isFalse();
        assertThat(PLANNED.canMoveTo(EXECUTING)).isFalse();
        assertThat(EXECUTING.canMoveTo(CANCELED)).isFalse();
        assertThat(COMPLETED.canMoveTo(EXECUTING)).isFalse();
        assertThat(PLANNED.canMoveTo(null)).isFalse();
        assertThat(APPROVED.canMoveTo(EXECUTING)).isTrue();
    }
}
