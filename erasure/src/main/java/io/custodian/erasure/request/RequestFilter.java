package io.custodian.erasure.request;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which requests a list shows, and which page of them. Empty sets mean any status, any type.
 *
 * @param dueBefore only requests due strictly before this instant
 * @param standing  only requests of this standing at the store's present time
 */
public record RequestFilter(Set<RequestStatus> statuses, Set<RequestType> types, Optional<Instant> dueBefore,
        Optional<Standing> standing, int limit, int offset) {
    public static final int MAX_LIMIT = 1000;

    public RequestFilter {
        statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        types = types.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(types));
        requireNonNull(dueBefore, "dueBefore is null");
        requireNonNull(standing, "standing is null");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("a page holds 1 to " + MAX_LIMIT + " requests; " + limit + " was asked");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("an offset cannot be negative");
        }
    }

    /** Every request, first page of {@code limit}. */
    public static RequestFilter all(int limit) {
        return new RequestFilter(Set.of(), Set.of(), Optional.empty(), Optional.empty(), limit, 0);
    }

    public RequestFilter withStatuses(Set<RequestStatus> statuses) {
        return new RequestFilter(statuses, types, dueBefore, standing, limit, offset);
    }

    public RequestFilter withTypes(Set<RequestType> types) {
        return new RequestFilter(statuses, types, dueBefore, standing, limit, offset);
    }

    public RequestFilter withDueBefore(Instant dueBefore) {
        return new RequestFilter(statuses, types, Optional.of(dueBefore), standing, limit, offset);
    }

    public RequestFilter withStanding(Standing standing) {
        return new RequestFilter(statuses, types, dueBefore, Optional.of(standing), limit, offset);
    }

    public RequestFilter page(int limit, int offset) {
        return new RequestFilter(statuses, types, dueBefore, standing, limit, offset);
    }
}
