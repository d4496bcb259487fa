package io.custodian.erasure.request;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.Period;

/** The one extension a request's deadline may get: by how much, why, when and by whom. */
public record Extension(Period period, String reason, Instant extendedAt, String by) {
    public Extension {
        requireNonNull(period, "period is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(extendedAt, "extendedAt is null");
        requireNonNull(by, "by is null");
    }
}
