package io.custodian.erasure.policy;

import static java.util.Objects.requireNonNull;

import io.custodian.masking.strategy.MaskingSpec;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A rule of the erasure policy: for the datasets it matches, the action a request takes and why.
 *
 * @param reason why, in words a privacy officer files (required)
 * @param anonymize for ANONYMIZE: the replacement per classification type or column name
 *     ({@code column:NAME}), each a constant masking strategy; types not named get the policy's
 *     default
 * @param basis for RETAIN: the legal basis of the hold
 * @param until for RETAIN: the last day the hold applies; after it the rule no longer matches
 * @param autoApprove whether steps under this rule run without a privacy officer's approval
 */
public record ErasureRule(
        DatasetPattern pattern,
        ErasureAction action,
        String reason,
        Map<String, MaskingSpec> anonymize,
        Optional<String> basis,
        Optional<LocalDate> until,
        boolean autoApprove) {
    public ErasureRule {
        requireNonNull(pattern, "pattern is null");
        requireNonNull(action, "action is null");
        requireNonNull(reason, "reason is null");
        anonymize = Collections.unmodifiableMap(new LinkedHashMap<>(anonymize));
        requireNonNull(basis, "basis is null");
        requireNonNull(until, "until is null");
        if (action == ErasureAction.UNRESOLVED) {
            throw new IllegalArgumentException("UNRESOLVED is the planner's to decide, not a rule's");
        }
        if (action == ErasureAction.RETAIN && basis.isEmpty()) {
            throw new IllegalArgumentException("a RETAIN rule needs the legal basis of the hold");
        }
    }

    /** Whether the rule applies to the dataset on {@code day} (a hold past its end no longer does). */
    public boolean appliesTo(String namespace, String dataset, LocalDate day) {
        return pattern.matches(namespace, dataset) && until.map(end -> !day.isAfter(end)).orElse(true);
    }
}
