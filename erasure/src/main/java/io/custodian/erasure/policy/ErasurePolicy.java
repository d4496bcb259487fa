package io.custodian.erasure.policy;

import static java.util.Objects.requireNonNull;

import io.custodian.masking.strategy.MaskingSpec;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code erasure} section of a policy set, as loaded ({@link ErasureSection}).
 *
 * @param caseInsensitive identifier types compared without regard to case (an email address)
 * @param systemScoped identifier types whose values mean something inside one system only (a
 *     customer id): a value resolved from a dataset finds rows in that dataset's namespace only
 * @param distinctApprover whether the person approving a request may not be the one who submitted it
 * @param maxResolvedValues how many values of one identifier type a request may resolve from the
 *     data before planning stops and asks a person (a shared mailbox would pull in many people)
 * @param defaultAnonymize the replacement for a personal column ANONYMIZE rewrites when no rule names one
 * @param keys keys declared in the policy
 * @param rules the rules, first match wins
 * @param backups what the organisation does about backups, as MANUAL steps say it
 */
public record ErasurePolicy(
        Set<String> caseInsensitive,
        Set<String> systemScoped,
        boolean distinctApprover,
        int maxResolvedValues,
        MaskingSpec defaultAnonymize,
        List<DeclaredKey> keys,
        List<ErasureRule> rules,
        String backups) {
    /** Email addresses and user names are compared without regard to case; approval needs a second person. */
    public static final ErasurePolicy EMPTY = new ErasurePolicy(Set.of("EMAIL_ADDRESS", "USERNAME"),
            Set.of("PERSON_ID", "USERNAME"), true, 10, MaskingSpec.NULLIFY, List.of(),
            List.of(), "Backups hold the subject's data until they expire; they are kept beyond use "
                    + "(never restored to answer queries) and, if restored, this request is applied again.");

    public ErasurePolicy {
        caseInsensitive = Set.copyOf(caseInsensitive);
        systemScoped = Set.copyOf(systemScoped);
        if (maxResolvedValues < 1) {
            throw new IllegalArgumentException("maxResolvedValues is " + maxResolvedValues + "; give at least 1");
        }
        requireNonNull(defaultAnonymize, "defaultAnonymize is null");
        keys = List.copyOf(keys);
        rules = List.copyOf(rules);
        requireNonNull(backups, "backups is null");
    }

    /** The first rule that applies to the dataset on {@code day}. */
    public Optional<ErasureRule> ruleFor(String namespace, String dataset, LocalDate day) {
        return rules.stream().filter(rule -> rule.appliesTo(namespace, dataset, day)).findFirst();
    }
}
