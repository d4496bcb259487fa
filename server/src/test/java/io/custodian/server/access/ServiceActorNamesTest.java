package io.custodian.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.access.Actor;
import io.custodian.erasure.SubjectRequests;
import io.custodian.erasure.retention.RetentionRuns;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The names domain modules record the service's own actions under are service actors in the audit
 * log, not UNKNOWN: a name added to a module must be added to {@link Actor#SERVICE_NAMES} too.
 */
class ServiceActorNamesTest {
    @Test
    void theServicesOwnActorsAreServiceActors() {
        for (String name : List.of(SubjectRequests.WORKER, RetentionRuns.SCHEDULER)) {
            assertThat(Actor.fromName(name).kind()).as(name).isEqualTo(Actor.Kind.SERVICE);
        }
    }
}
