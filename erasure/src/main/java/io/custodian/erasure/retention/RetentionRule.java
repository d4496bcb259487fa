package io.custodian.erasure.retention;

import static java.util.Objects.requireNonNull;

import io.custodian.erasure.policy.DatasetPattern;
import io.custodian.erasure.policy.ErasureAction;
import io.custodian.masking.strategy.MaskingSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rule of the retention policy: rows of the datasets it matches whose {@code timestampColumn} is
 * older than {@code period} are deleted or anonymized, every {@code every}.
 *
 * @param name the rule's name, unique in the policy set: runs and evidence name it
 * @param period how long rows are kept, as an ISO-8601 period ({@code P90D}, {@code P7Y})
 * @param action DELETE_ROWS or ANONYMIZE
 * @param anonymize for ANONYMIZE: the replacement per classification type or column name
 *     ({@code column:NAME}), each a constant strategy; others get the erasure policy's default
 * @param every how often the rule runs
 */
public record RetentionRule(String name, DatasetPattern pattern, String timestampColumn, Period period,
        ErasureAction action, Map<String, MaskingSpec> anonymize, Duration every) {
    public RetentionRule {
        requireNonNull(name, "name is null");
        requireNonNull(pattern, "pattern is null");
        requireNonNull(timestampColumn, "timestampColumn is null");
        requireNonNull(period, "period is null");
        requireNonNull(action, "action is null");
        anonymize = Collections.unmodifiableMap(new LinkedHashMap<>(anonymize));
        requireNonNull(every, "every is null");
        if (!action.changesData()) {
            throw new IllegalArgumentException("a retention rule deletes or anonymizes, not " + action);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a retention period must be positive");
        }
        if (action != ErasureAction.ANONYMIZE && !anonymize.isEmpty()) {
            throw new IllegalArgumentException("only an ANONYMIZE rule says how to anonymize");
        }
    }

    /** The point in time before which rows are purged, for a run at {@code now} (months and years by the UTC calendar). */
    public Instant cutoff(Instant now) {
        return now.atOffset(ZoneOffset.UTC).minus(period).toInstant();
    }
}
