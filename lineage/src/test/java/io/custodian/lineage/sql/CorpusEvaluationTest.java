package io.custodian.lineage.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Scores the extractor against the labelled corpus: precision, recall and F1 over (target, source)
 * DIRECT edges, and the rate of cases matched exactly, per kind and per dialect. Prints the table
 * and every miss (docs/benchmarks.md records them).
 */
class CorpusEvaluationTest {
    private final SqlLineageExtractor extractor = new SqlLineageExtractor();

    /** Edge counts and exact matches of a group of cases. */
    private static final class Score {
        int cases;
        int exact;
        int truePositives;
        int falsePositives;
        int falseNegatives;
        int statements;
        int analysed;

        double analysed() {
            return statements == 0 ? 1 : (double) analysed / statements;
        }

        void add(Score o) {
            statements += o.statements;
            analysed += o.analysed;
            cases += o.cases;
            exact += o.exact;
            truePositives += o.truePositives;
            falsePositives += o.falsePositives;
            falseNegatives += o.falseNegatives;
        }

        double precision() {
            return truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
        }

        double recall() {
            return truePositives + falseNegatives == 0 ? 1 : (double) truePositives / (truePositives + falseNegatives);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        String row(String name) {
            return String.format("| %s | %d | %.3f | %.3f | %.3f | %d/%d (%.1f%%) |", name, cases, precision(), recall(),
                    f1(), exact, cases, 100.0 * exact / cases);
        }
    }

    @Test
    void corpusEdgeF1IsAtLeast95Percent() throws Exception {
        Score total = evaluate("/corpus/cases.jsonl");
        assertThat(total.cases).isGreaterThanOrEqualTo(200);
        assertThat(total.f1()).as("edge F1").isGreaterThanOrEqualTo(0.95);
    }

    /**
     * Production-shaped SQL: procedures, dbt merges, CTEs before writes, temporary tables, and the
     * dialect names users send (oracle, teradata, clickhouse, ...), each written for this corpus.
     */
    @Test
    void realWorldCorpusEdgeF1AndStatementsAnalysedAreAtLeast95Percent() throws Exception {
        Score total = evaluate("/corpus/realworld.jsonl");
        assertThat(total.cases).isGreaterThanOrEqualTo(140);
        // Measured 0.982 and 96.7 % (docs/benchmarks.md); the floor keeps what was reached.
        assertThat(total.f1()).as("edge F1").isGreaterThanOrEqualTo(0.95);
        assertThat(total.analysed()).as("statements analysed").isGreaterThanOrEqualTo(0.95);
    }

    private Score evaluate(String resource) throws Exception {
        List<CorpusCase> cases = CorpusCase.load(resource);
        Score total = new Score();
        Map<String, Score> byKind = new TreeMap<>();
        Map<String, Score> byDialect = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        for (CorpusCase c : cases) {
            ScriptLineage lineage = extractor.extract(c.sql(), c.sqlDialect(), c.defaults(),
                    InMemorySchemaProvider.ofDotted(c.schema()));
            Score score = score(c, lineage, misses);
            total.add(score);
            byKind.computeIfAbsent(c.kind(), k -> new Score()).add(score);
            byDialect.computeIfAbsent(c.dialect(), k -> new Score()).add(score);
        }
        StringBuilder table = new StringBuilder();
        table.append("| group | cases | precision | recall | F1 | exact |\n|---|---|---|---|---|---|\n");
        table.append(total.row("**all**")).append('\n');
        byKind.forEach((k, s) -> table.append(s.row("kind " + k)).append('\n'));
        byDialect.forEach((k, s) -> table.append(s.row("dialect " + k)).append('\n'));
        System.out.println(table);
        System.out.println(resource + " misses (" + misses.size() + "):");
        misses.forEach(m -> System.out.println("- " + m));

        System.out.printf("%s: %d of %d statements analysed (%.1f%%)%n", resource, total.analysed,
                total.statements, 100 * total.analysed());
        assertThat(byDialect).hasSizeGreaterThanOrEqualTo(5);
        return total;
    }

    private static Score score(CorpusCase c, ScriptLineage lineage, List<String> misses) {
        Score score = new Score();
        score.cases = 1;
        score.statements = lineage.statements().size();
        score.analysed = (int) lineage.statements().stream().filter(s -> s.error().isEmpty()).count();
        if (c.expectError()) {
            boolean failed = lineage.hasErrors() || lineage.statements().isEmpty();
            score.exact = failed ? 1 : 0;
            if (!failed) {
                misses.add(c.id() + ": expected an error, got " + CorpusCase.actual(lineage));
            }
            return score;
        }
        Map<String, TreeSet<String>> actual = CorpusCase.actual(lineage);
        TreeSet<String> expectedEdges = edges(c.expected());
        TreeSet<String> actualEdges = edges(actual);
        for (String e : actualEdges) {
            if (expectedEdges.contains(e)) {
                score.truePositives++;
            } else {
                score.falsePositives++;
            }
        }
        for (String e : expectedEdges) {
            if (!actualEdges.contains(e)) {
                score.falseNegatives++;
            }
        }
        boolean exact = actual.equals(c.expected());
        score.exact = exact ? 1 : 0;
        if (!exact) {
            TreeSet<String> extra = new TreeSet<>(actualEdges);
            extra.removeAll(expectedEdges);
            TreeSet<String> missing = new TreeSet<>(expectedEdges);
            missing.removeAll(actualEdges);
            TreeSet<String> targets = new TreeSet<>(actual.keySet());
            targets.removeAll(c.expected().keySet());
            String errors = lineage.statements().stream().flatMap(s -> s.error().stream())
                    .map(LineageError::toString).reduce("", (a, b) -> a + b + "; ");
            misses.add(c.id() + " [" + c.dialect() + "/" + c.kind() + "]: missing " + missing + ", extra " + extra
                    + (targets.isEmpty() ? "" : ", unexpected targets " + targets)
                    + (errors.isEmpty() ? "" : ", errors: " + errors));
        }
        return score;
    }

    /** "target <- source" strings; a target with no source counts as one edge to nothing. */
    private static TreeSet<String> edges(Map<String, TreeSet<String>> columns) {
        TreeSet<String> edges = new TreeSet<>();
        columns.forEach((target, sources) -> {
            if (sources.isEmpty()) {
                edges.add(target + " <- (none)");
            }
            sources.forEach(s -> edges.add(target + " <- " + s));
        });
        return edges;
    }

}
