package io.custodian.scanner.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.scanner.policy.ScannerPolicies;
import io.custodian.scanner.ColumnClassification;
import io.custodian.scanner.classify.PiiColumnClassifier;
import io.custodian.scanner.eval.EvaluationSet.LabelledColumn;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Measures the classifier on the labelled evaluation set: per-type precision, recall and F1 over
 * (column, type) labels, macro F1 over the types, and overall (micro) precision; prints the table
 * and every miss. The development portion must meet the targets; the held-out portion, named and
 * seeded differently, is reported and must stay close.
 */
class ClassifierEvaluationTest {
    private final PiiColumnClassifier classifier = new PiiColumnClassifier(ScannerPolicies.defaults(),
            java.time.Clock.fixed(Generators.TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC));

    @Test
    void developmentPortionMeetsTheTargets() {
        List<LabelledColumn> set = EvaluationSet.development();
        assertThat(set).hasSizeGreaterThanOrEqualTo(400);
        assertThat(set.stream().map(c -> c.sample().table()).distinct().count()).isGreaterThanOrEqualTo(40);
        Scores scores = evaluate("development", set);
        assertThat(scores.macroF1()).isGreaterThanOrEqualTo(0.95);
        assertThat(scores.precision()).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void heldOutPortionStaysClose() {
        List<LabelledColumn> set = EvaluationSet.heldOut();
        assertThat(set).hasSizeGreaterThanOrEqualTo(400);
        Scores scores = evaluate("held-out", set);
        assertThat(scores.macroF1()).isGreaterThanOrEqualTo(0.90);
        assertThat(scores.precision()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void explanationsNeverQuoteASampledValue() {
        for (LabelledColumn column : EvaluationSet.development()) {
            for (ColumnClassification found : classifier.assess(column.sample())) {
                for (String value : column.sample().values()) {
                    if (value.strip().length() >= 6) {
                        assertThat(found.explanation()).as(column.sample().toString()).doesNotContain(value.strip());
                    }
                }
            }
        }
    }

    private Scores evaluate(String portion, List<LabelledColumn> set) {
        Map<String, int[]> counts = new TreeMap<>(); // type -> {tp, fp, fn}
        List<String> misses = new ArrayList<>();
        for (LabelledColumn column : set) {
            List<ColumnClassification> found = classifier.classify(column.sample());
            Set<String> predicted = new HashSet<>();
            found.forEach(c -> predicted.add(c.type()));
            Set<String> all = new TreeSet<>(predicted);
            all.addAll(column.labels());
            for (String type : all) {
                int[] c = counts.computeIfAbsent(type, t -> new int[3]);
                boolean labelled = column.labels().contains(type);
                boolean reported = predicted.contains(type);
                if (labelled && reported) {
                    c[0]++;
                } else if (reported) {
                    c[1]++;
                    misses.add("FP " + type + " " + where(column) + " : " + found.stream()
                            .filter(f -> f.type().equals(type)).findFirst().map(f -> f.confidence() + " " + f.explanation()).orElse(""));
                } else {
                    c[2]++;
                    misses.add("FN " + type + " " + where(column) + " : " + classifier.assess(column.sample()).stream()
                            .filter(f -> f.type().equals(type)).findFirst()
                            .map(f -> f.confidence() + " " + f.explanation()).orElse("no evidence"));
                }
            }
        }
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%n%s portion: %d columns in %d tables%n", portion, set.size(),
                set.stream().map(c -> c.sample().table()).distinct().count()));
        table.append(String.format(Locale.ROOT, "%-16s %4s %4s %4s %9s %7s %6s%n", "type", "tp", "fp", "fn", "precision",
                "recall", "f1"));
        double f1Sum = 0;
        int types = 0;
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            int[] c = e.getValue();
            double p = c[0] + c[1] == 0 ? 1.0 : (double) c[0] / (c[0] + c[1]);
            double r = c[0] + c[2] == 0 ? 1.0 : (double) c[0] / (c[0] + c[2]);
            double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
            table.append(String.format(Locale.ROOT, "%-16s %4d %4d %4d %9.3f %7.3f %6.3f%n", e.getKey(), c[0], c[1], c[2],
                    p, r, f1));
            f1Sum += f1;
            types++;
            tp += c[0];
            fp += c[1];
            fn += c[2];
        }
        Scores scores = new Scores(f1Sum / types, (double) tp / (tp + fp), (double) tp / (tp + fn));
        table.append(String.format(Locale.ROOT, "macro F1 %.3f, precision %.3f, recall %.3f (micro, over %d labels)%n",
                scores.macroF1(), scores.precision(), scores.recall(), tp + fn));
        misses.forEach(m -> table.append("  ").append(m).append('\n'));
        System.out.println(table);
        return scores;
    }

    private static String where(LabelledColumn column) {
        return column.sample().table() + "." + column.sample().column()
                + column.sample().dataType().map(t -> " (" + t + ")").orElse("");
    }

    private record Scores(double macroF1, double precision, double recall) {}
}
