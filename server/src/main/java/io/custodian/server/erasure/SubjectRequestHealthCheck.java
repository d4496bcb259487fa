package io.custodian.server.erasure;

import com.codahale.metrics.health.HealthCheck;
import io.custodian.erasure.request.Standing;
import io.custodian.erasure.request.SubjectRequestStore;
import java.time.Clock;
import java.util.Map;

/** Unhealthy while any open subject request is past its deadline; says how many are near theirs. */
final class SubjectRequestHealthCheck extends HealthCheck {
    private final SubjectRequestStore store;
    private final Clock clock;

    SubjectRequestHealthCheck(SubjectRequestStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    protected Result check() {
        Map<Standing, Long> counts = store.standingCounts(clock.instant());
        long overdue = counts.getOrDefault(Standing.OVERDUE, 0L);
        long near = counts.getOrDefault(Standing.NEAR_DEADLINE, 0L);
        String detail = overdue + " open request(s) overdue, " + near + " near their deadline, "
                + counts.getOrDefault(Standing.ON_TRACK, 0L) + " on track";
        return overdue > 0 ? Result.unhealthy(detail) : Result.healthy(detail);
    }
}
