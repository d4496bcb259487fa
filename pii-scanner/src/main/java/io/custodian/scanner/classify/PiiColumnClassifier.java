package io.custodian.scanner.classify;

import static java.util.Objects.requireNonNull;

import io.custodian.policy.PolicySet;
import io.custodian.policy.Taxonomy;
import io.custodian.scanner.ColumnClassification;
import io.custodian.scanner.ColumnClassifier;
import io.custodian.scanner.ColumnSample;
import io.custodian.scanner.detect.DataKind;
import io.custodian.scanner.detect.DeclaredTypes;
import io.custodian.scanner.detect.Detectors;
import io.custodian.scanner.detect.NameTokens;
import io.custodian.scanner.detect.NameVocabulary;
import io.custodian.scanner.detect.NameVocabulary.NameMatch;
import io.custodian.scanner.detect.TypeDetector;
import io.custodian.scanner.policy.ScannerPolicies;
import io.custodian.scanner.policy.ScannerThresholds;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Classifies a column from four signals: its name (multilingual vocabularies, with words that
 * negate, such as {@code _verified} or {@code _type}), its table's name (a {@code name} column of
 * {@code customers} is a person's name), its description and declared type, and its sampled values,
 * checked by validators (checksums, numbering plans, registries), not only patterns.
 *
 * <p>Values alone flag a column when most validate with a validator strong enough to stand on its
 * own (an email, a Luhn-valid card number in an issuer's range); a name alone flags a column only
 * when there are no values to contradict it; a name with values that agree gives the highest
 * confidence. In free text the type is reported as found in a share of the rows. Explanations
 * carry counts and rule names, never values.
 */
public final class PiiColumnClassifier implements ColumnClassifier {
    /** Changes whenever detection rules change, so that a re-scan can tell stale classifications. */
    public static final String DETECTOR_VERSION = "custodian-detect-1";

    /** Values probed before deciding whether a standalone validator deserves a full pass. */
    private static final int PROBE = 32;
    /**
     * Values a costly validator (a numbering-plan lookup, some 16 us a value) checks per column: the
     * share is estimated from an evenly spaced subsample, within about 6 points at 95 % confidence.
     */
    private static final int COSTLY_CHECKS = 256;

    private final Supplier<PolicySet> policies;
    private final List<TypeDetector> detectors;
    private final NameVocabulary vocabulary;

    /** Classifies under one fixed policy set. */
    public PiiColumnClassifier(PolicySet policy) {
        this(policy, Clock.systemUTC());
    }

    public PiiColumnClassifier(PolicySet policy, Clock clock) {
        this(fixed(policy), clock);
    }

    /** Classifies under the set {@code policies} gives when each column is classified (the set in force). */
    public PiiColumnClassifier(Supplier<PolicySet> policies, Clock clock) {
        this.policies = requireNonNull(policies, "policies is null");
        requireNonNull(clock, "clock is null");
        this.detectors = Detectors.standard(clock);
        this.vocabulary = NameVocabulary.standard();
    }

    private static Supplier<PolicySet> fixed(PolicySet policy) {
        requireNonNull(policy, "policy is null");
        return () -> policy;
    }

    @Override
    public List<ColumnClassification> classify(ColumnSample column) {
        return classify(column, policies.get());
    }

    @Override
    public List<ColumnClassification> classify(ColumnSample column, PolicySet policy) {
        ScannerThresholds thresholds = ScannerPolicies.thresholds(policy);
        return assess(column, policy).stream()
                .filter(c -> c.confidence() >= thresholds.threshold(c.type()))
                .toList();
    }

    /** Every type with any evidence, whatever its confidence, most confident first. */
    public List<ColumnClassification> assess(ColumnSample column) {
        return assess(column, policies.get());
    }

    private List<ColumnClassification> assess(ColumnSample column, PolicySet policy) {
        requireNonNull(column, "column is null");
        // Types the policy's taxonomy drops are not detected.
        Taxonomy taxonomy = policy.taxonomy();
        DataKind kind = DataKind.of(column.dataType());
        ValueProfile values = ValueProfile.of(column.values());
        if (kind == DataKind.BOOLEAN || values.booleanLike) {
            return List.of(); // a flag about personal data is not personal data
        }
        List<String> nameTokens = NameTokens.of(column.column());
        boolean personTable = vocabulary.isPersonTable(NameTokens.of(column.table()));
        Map<String, NameMatch> byName = index(vocabulary.matchName(nameTokens, personTable));
        Map<String, NameMatch> byDescription = column.description()
                .map(d -> index(vocabulary.matchProse(NameTokens.of(d))))
                .orElse(Map.of());
        Optional<String> otherConcept = vocabulary.otherConcept(nameTokens);
        Optional<String> declaredHint = DeclaredTypes.hint(column.dataType());

        List<Evidence> weighed = new ArrayList<>();
        for (TypeDetector detector : detectors) {
            if (!detector.accepts(kind) || !taxonomy.contains(detector.type())) {
                continue;
            }
            NameMatch nameMatch = byName.get(detector.type());
            if (nameMatch != null && nameMatch.scope() == NameVocabulary.Scope.WHOLE_NAME
                    && (kind == DataKind.NUMERIC || kind == DataKind.DECIMAL)) {
                // A short abbreviation (cap, cp, zip) over plain numbers is too ambiguous to count.
                nameMatch = null;
            }
            Optional<String> negative = nameMatch == null ? Optional.empty() : vocabulary.negative(nameTokens, nameMatch);
            NameMatch descriptionMatch = nameMatch == null ? byDescription.get(detector.type()) : null;
            String declared = declaredHint.filter(detector.type()::equals).flatMap(t -> column.dataType()).orElse(null);
            Evidence evidence = new Evidence(detector, values, nameMatch, descriptionMatch, declared, negative,
                    otherConcept);
            evidence.weigh();
            if (evidence.confidence > 0) {
                weighed.add(evidence);
            }
        }
        // Values that validate on their own as a checksummed type (IBAN, card, SSN...) contain digit
        // runs other types find in text (an IBAN holds card- and phone-shaped runs): those finds
        // are the strong type's, unless the name speaks for them.
        boolean strongColumn = weighed.stream().anyMatch(Evidence::validatesAsChecksummedType);
        List<ColumnClassification> found = new ArrayList<>();
        for (Evidence evidence : weighed) {
            if (strongColumn && evidence.onlyInText()) {
                continue;
            }
            found.add(new ColumnClassification(evidence.detector.type(), round(evidence.confidence),
                    evidence.explain(), evidence.examinedForReport(), evidence.matchedForReport()));
        }
        found.sort(Comparator.comparingDouble(ColumnClassification::confidence).reversed()
                .thenComparing(ColumnClassification::type));
        return List.copyOf(found);
    }

    @Override
    public String detectorVersion() {
        return DETECTOR_VERSION;
    }

    private static Map<String, NameMatch> index(List<NameMatch> matches) {
        Map<String, NameMatch> byType = new HashMap<>();
        for (NameMatch match : matches) {
            byType.putIfAbsent(match.type(), match);
        }
        return byType;
    }

    private static double round(double confidence) {
        return Math.round(Math.max(0.0, Math.min(1.0, confidence)) * 100) / 100.0;
    }

    /** The evidence for one type in one column, and the confidence it adds up to. */
    private static final class Evidence {
        private final TypeDetector detector;
        private final ValueProfile values;
        private final NameMatch nameMatch;
        private final NameMatch descriptionMatch;
        private final String declaredType;
        private final Optional<String> negative;
        private final Optional<String> otherConcept;

        private int checked;
        private int validated = -1;
        private int standalone = -1;
        private int distinctStandalone;
        private int textRows = -1;
        private double confidence;
        private String verdict = "";

        Evidence(TypeDetector detector, ValueProfile values, NameMatch nameMatch, NameMatch descriptionMatch,
                String declaredType, Optional<String> negative, Optional<String> otherConcept) {
            this.detector = detector;
            this.values = values;
            this.nameMatch = nameMatch;
            this.descriptionMatch = descriptionMatch;
            this.declaredType = declaredType;
            this.negative = negative;
            this.otherConcept = otherConcept;
        }

        void weigh() {
            int n = values.size();
            boolean named = (nameMatch != null || descriptionMatch != null || declaredType != null) && negative.isEmpty();
            double nameWeight = nameMatch == null ? 0.8 : nameMatch.scope() == NameVocabulary.Scope.PERSON_TABLE ? 0.9 : 1.0;
            boolean categoryMismatch = values.categorical() && !detector.categorical();

            if (n == 0) {
                if (named) {
                    confidence = 0.65 * nameWeight;
                    verdict = "no values sampled; the name alone";
                }
                return;
            }
            boolean wantStandalone = detector.standalone() != null && worthFullPass(named);
            boolean wantValidated = named && !categoryMismatch;
            if (wantStandalone || wantValidated) {
                count(wantStandalone, wantValidated);
            }
            if (wantStandalone) {
                double share = (double) standalone / checked;
                boolean enoughDistinct = detector.categorical() ? distinctStandalone >= 2 : !categoryMismatch;
                if (share >= 0.5 && enoughDistinct) {
                    double c = 0.55 + 0.4 * share;
                    if (otherConcept.isPresent() && nameMatch == null) {
                        c = Math.min(c, 0.45);
                    }
                    if (negative.isPresent()) {
                        c -= 0.15;
                    }
                    take(c, "values");
                }
            }
            if (wantValidated) {
                double share = (double) validated / checked;
                double c;
                if (share >= 0.5) {
                    c = (0.6 + 0.38 * share) * nameWeight;
                } else if (share >= 0.2) {
                    c = (0.35 + 0.4 * share) * nameWeight;
                } else {
                    c = 0.15 * nameWeight;
                }
                if (standalone > 0 && (double) standalone / checked >= 0.5) {
                    c += 0.02; // name and standalone values agree
                }
                take(Math.min(0.99, c), "name and values");
            }
            if (values.freeText && detector.inText() != TypeDetector.InText.NO) {
                countInText();
                if (textRows > 0) {
                    double share = (double) textRows / n;
                    double c = textRows >= 2 ? 0.5 + 0.35 * Math.min(1.0, share / 0.3)
                            : detector.inText() == TypeDetector.InText.CERTAIN ? 0.52 : 0.4;
                    if (named) {
                        c += 0.05;
                    }
                    take(c, "text");
                }
            }
        }

        /**
         * Cheap probe: a standalone validator that matches none of {@link #PROBE} evenly spaced values
         * gets no full pass (it could not reach half the column unless the probe was very unlucky).
         */
        private boolean worthFullPass(boolean named) {
            int n = values.size();
            if (named || n <= PROBE) {
                return true;
            }
            for (int k = 0; k < PROBE; k++) {
                if (detector.standalone().isValid(values.values.get((int) ((long) k * n / PROBE)))) {
                    return true;
                }
            }
            return false;
        }

        /** Whether most values validate on their own as a type whose validator checks a checksum. */
        boolean validatesAsChecksummedType() {
            return detector.inText() == TypeDetector.InText.CERTAIN && checked > 0 && standalone >= 0
                    && (double) standalone / checked >= 0.5 && !verdict.equals("text");
        }

        /** Whether the type was found only inside the values' text, with no name or description for it. */
        boolean onlyInText() {
            return verdict.equals("text") && nameMatch == null && descriptionMatch == null && declaredType == null;
        }

        private void take(double c, String how) {
            if (c > confidence) {
                confidence = c;
                verdict = how;
            }
        }

        /**
         * Counts the values that pass the standalone validator and those that pass the validator in
         * one pass (a standalone value always passes the validator). A costly validator sees an
         * evenly spaced subsample of at most {@link #COSTLY_CHECKS} values.
         */
        private void count(boolean wantStandalone, boolean wantValidated) {
            int n = values.size();
            checked = detector.costly() ? Math.min(n, COSTLY_CHECKS) : n;
            standalone = 0;
            validated = wantValidated ? 0 : -1;
            java.util.Set<String> distinct = wantStandalone && detector.categorical() ? new java.util.HashSet<>() : null;
            boolean sameValidator = detector.validator() == detector.standalone();
            for (int k = 0; k < checked; k++) {
                String value = values.values.get(checked == n ? k : (int) ((long) k * n / checked));
                boolean alone = wantStandalone && detector.standalone().isValid(value);
                if (alone) {
                    standalone++;
                    if (distinct != null) {
                        distinct.add(value.toLowerCase(java.util.Locale.ROOT));
                    }
                }
                if (wantValidated && (alone || (!(sameValidator && wantStandalone) && detector.validator().isValid(value)))) {
                    validated++;
                }
            }
            distinctStandalone = distinct == null ? 0 : distinct.size();
        }

        private void countInText() {
            textRows = 0;
            for (int i = 0; i < values.size(); i++) {
                if (TextSearch.contains(values.words(i), detector.standalone())) {
                    textRows++;
                }
            }
        }

        int matchedForReport() {
            return switch (verdict) {
                case "values" -> standalone;
                case "text" -> textRows;
                default -> Math.max(0, validated);
            };
        }

        /** How many values the reported count is out of. */
        int examinedForReport() {
            return verdict.equals("text") || checked == 0 ? values.size() : checked;
        }

        /** Which signals fired, with counts; never a value. */
        String explain() {
            int n = values.size();
            String outOf = checked > 0 && checked < n ? checked + " evenly spaced of " + n : String.valueOf(n);
            List<String> parts = new ArrayList<>();
            if (nameMatch != null) {
                parts.add("column name matches '" + nameMatch.phrase() + "'"
                        + (nameMatch.scope() == NameVocabulary.Scope.PERSON_TABLE ? " in a table about people" : ""));
            } else if (descriptionMatch != null) {
                parts.add("description mentions '" + descriptionMatch.phrase() + "'");
            }
            if (declaredType != null) {
                parts.add("declared type '" + declaredType + "'");
            }
            negative.ifPresent(word -> parts.add("but the name ends in '" + word
                    + "', describing the data rather than holding it"));
            if (otherConcept.isPresent() && nameMatch == null && standalone > 0) {
                parts.add("the name names something else ('" + otherConcept.get() + "')");
            }
            switch (verdict) {
                case "values" -> parts.add(standalone + " of " + outOf + " sampled values validated as "
                        + detector.type() + " on their own");
                case "text" -> parts.add("found in " + textRows + " of " + n + " values "
                        + io.custodian.catalog.classification.Classification.IN_FREE_TEXT);
                case "name and values" -> parts.add(validated + " of " + outOf + " sampled values validated");
                default -> {
                    if (n == 0) {
                        parts.add("no values sampled");
                    }
                }
            }
            if (!verdict.equals("name and values") && validated >= 0 && n > 0) {
                parts.add(validated + " of " + outOf + " values fit the name");
            }
            if (values.categorical() && !detector.categorical()) {
                parts.add("only " + values.distinct + " distinct values in " + n);
            }
            return String.join("; ", parts);
        }
    }
}
