package io.custodian.erasure.request;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One entry of a request's history: a status change, its creation ({@code from} empty) or its
 * deadline's extension ({@code from} equal to {@code to}).
 */
public record StatusChange(Instant at, String actor, Optional<RequestStatus> from, RequestStatus to,
        Optional<String> reason) {
    public StatusChange {
        requireNonNull(at, "at is null");
        requireNonNull(actor, "actor is null");
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        requireNonNull(reason, "reason is null");
    }
}
