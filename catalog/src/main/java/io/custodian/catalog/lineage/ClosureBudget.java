package io.custodian.catalog.lineage;

import java.time.Duration;
import java.util.Optional;

/**
 * How much a closure may read before it gives up: at most {@code maxFields} distinct fields (the
 * start fields included), and, when {@code timeLimit} is given, no more time than that. A closure
 * that would go past either throws {@link ClosureBudgetExceededException}; it never returns part
 * of a closure as if it were whole.
 */
public record ClosureBudget(int maxFields, Optional<Duration> timeLimit) {
    public ClosureBudget {
        if (maxFields < 1) {
            throw new IllegalArgumentException("maxFields must be 1 or more, got " + maxFields);
        }
        java.util.Objects.requireNonNull(timeLimit, "timeLimit is null (use Optional.empty())");
        if (timeLimit.isPresent() && timeLimit.get().isNegative()) {
            throw new IllegalArgumentException("timeLimit must not be negative, got " + timeLimit.get());
        }
    }

    /** At most {@code maxFields} fields, with no time limit. */
    public static ClosureBudget fields(int maxFields) {
        return new ClosureBudget(maxFields, Optional.empty());
    }

    /** This budget, ending after {@code timeLimit} as well. */
    public ClosureBudget within(Duration timeLimit) {
        return new ClosureBudget(maxFields, Optional.of(timeLimit));
    }
}
