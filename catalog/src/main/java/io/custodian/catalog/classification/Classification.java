package io.custodian.catalog.classification;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One type of personal data on one field, as readers see it: the source that counts (a steward's
 * decision wins over the scanner, the scanner over propagation, propagation over Atlas), and the
 * evidence behind it. Never holds sampled values, only counts.
 *
 * @param source where the classification comes from
 * @param decision the steward's decision, when {@code source} is {@code STEWARD}
 * @param confidence the scanner's (or, when propagated, the origin's) confidence, if any
 * @param path for propagated classifications, the fields from the origin to this one
 * @param policyVersion the version of the policy set the scanner (or propagation) decided under, if known
 * @param sources every source that holds a row for this type on this field, in the enum's order
 * @param conflict when another catalog (Atlas) asserts the type and a steward rejected it: what
 *     disagrees; the steward's decision is in force
 */
public record Classification(
        String field,
        String type,
        ClassificationSource source,
        Decision decision,
        Double confidence,
        String explanation,
        String detectorVersion,
        Integer sampleSize,
        Integer matchedCount,
        UUID scanId,
        Instant scannedAt,
        String decidedBy,
        Instant decidedAt,
        String note,
        List<PathStep> path,
        String policyVersion,
        List<ClassificationSource> sources,
        String conflict) {
    /** How a scanner's explanation says it found the type inside free text, not as the field's value. */
    public static final String IN_FREE_TEXT = "(free text)";

    public Classification {
        requireNonNull(field, "field is null");
        requireNonNull(type, "type is null");
        requireNonNull(source, "source is null");
        path = path == null ? List.of() : List.copyOf(path);
        sources = sources == null ? List.of(source) : List.copyOf(sources);
    }

    /** Whether the field counts as holding this type (everything but a steward's rejection). */
    public boolean active() {
        return decision != Decision.REJECTED;
    }

    /**
     * Whether the scanner found the type inside free text (a ticket's body, a JSON payload): the
     * field mentions values of the type rather than holding one, so it cannot be matched to one.
     */
    public boolean foundInFreeText() {
        return source == ClassificationSource.SCANNER && explanation != null && explanation.contains(IN_FREE_TEXT);
    }
}
