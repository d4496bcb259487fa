package io.custodian.masking.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.catalog.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The proof of the rewrite: every query of the leak corpus, rewritten for a principal without
 * rights, runs on a real database and returns no classified value, not even as a substring of any
 * cell (compared ignoring case, and ignoring punctuation so a reformatted SSN or phone number
 * counts). The same query rewritten for a principal with every right returns what the original
 * query returns, raw values included, so the test could fail.
 */
class LeakCorpusTest {
    private static final LeakCorpus CORPUS = LeakCorpus.load();

    static Stream<String> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void noClassifiedValueReachesAPrincipalWithoutRights(String kind) throws Exception {
        try (CorpusGateway gateway = CorpusGateway.open(kind)) {
            assertThat(gateway.rawValues()).hasSize(3 * 5 + 4 + 2 * 2 + 2);
            List<String> failures = new ArrayList<>();
            int ran = 0;
            for (LeakCorpus.Entry entry : CORPUS.entries()) {
                if (!entry.runsOn(kind)) {
                    continue;
                }
                ran++;
                try {
                    String failure = check(gateway, entry);
                    if (failure != null) {
                        failures.add(entry.name() + ": " + failure);
                    }
                } catch (Exception e) {
                    failures.add(entry.name() + ": " + e);
                }
            }
            assertThat(failures).isEmpty();
            assertThat(ran).isGreaterThanOrEqualTo(kind.equals("postgresql") ? 80 : 60);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void insertSelectWritesMaskedValues(String kind) throws Exception {
        try (CorpusGateway gateway = CorpusGateway.open(kind)) {
            gateway.update("CREATE TABLE audit_copy (id bigint, email varchar(255), ssn varchar(11), note varchar(300))");
            String insert = "INSERT INTO audit_copy (id, email, ssn, note)\n"
                    + "SELECT c.id, c.email, (SELECT v.\"SSN\" FROM \"VIP\" v WHERE v.\"ID\" = c.id), c.name || c.phone\n"
                    + "FROM customers c WHERE c.ssn IS NOT NULL";
            RewrittenQuery masked = gateway.rewrite(insert, TestMasks.unprivileged(gateway.dialect()));
            assertThat(masked.tablesRead()).hasSize(2);
            assertThat(gateway.update(masked.sql())).isEqualTo(3);
            List<List<String>> written = gateway.run("SELECT * FROM audit_copy");
            assertThat(written).hasSize(3);
            assertThat(leaks(gateway, written)).isNull();
            // the same statement for a principal with every right copies raw values: the check can fail
            gateway.update(gateway.rewrite(insert, TestMasks.privileged()).sql());
            assertThat(leaks(gateway, gateway.run("SELECT * FROM audit_copy"))).isNotNull();
        }
    }

    /** What is wrong with one entry, or null. */
    private static String check(CorpusGateway gateway, LeakCorpus.Entry entry) throws Exception {
        List<String> original = sorted(gateway.run(entry.sql()));
        RewrittenQuery privileged = gateway.rewrite(entry.sql(), TestMasks.privileged());
        List<List<String>> privilegedRows = gateway.run(privileged.sql());
        if (!sorted(privilegedRows).equals(original)) {
            return "with every right, the rewritten query returns other rows than the query";
        }
        if (entry.rawWhenUnmasked() && leaks(gateway, privilegedRows) == null) {
            return "the unmasked result holds no classified value, so the masked one proves nothing"
                    + " (mark the entry 'expect: no-raw' if that is intended)";
        }
        RewrittenQuery masked = gateway.rewrite(entry.sql(), TestMasks.unprivileged(gateway.dialect()));
        String leak = leaks(gateway, gateway.run(masked.sql()));
        return leak == null ? null : "LEAK " + leak + " in the result of " + masked.sql();
    }

    /** Where a raw value shows in {@code rows} (row and column, never the value), or null. */
    private static String leaks(CorpusGateway gateway, List<List<String>> rows) {
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                String cell = rows.get(r).get(c).toLowerCase(Locale.ROOT);
                String cellDigitsAndLetters = lettersAndDigits(cell);
                for (String raw : gateway.rawValues()) {
                    String value = raw.toLowerCase(Locale.ROOT);
                    String valueDigitsAndLetters = lettersAndDigits(value);
                    if (cell.contains(value) || valueDigitsAndLetters.length() >= 6
                            && cellDigitsAndLetters.contains(valueDigitsAndLetters)) {
                        return "row " + (r + 1) + " column " + (c + 1);
                    }
                }
            }
        }
        return null;
    }

    private static String lettersAndDigits(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(Character::isLetterOrDigit).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static List<String> sorted(List<List<String>> rows) {
        return rows.stream().map(Object::toString).sorted().toList();
    }
}
