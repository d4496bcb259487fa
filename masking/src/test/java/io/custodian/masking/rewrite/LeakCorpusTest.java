package io.custodian.masking.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.catalog.testing.TestDatabase;
import io.custodian.masking.decision.ColumnDecision;
import io.custodian.masking.decision.DecisionRequest;
import io.custodian.masking.decision.DecisionRequest.ColumnRequest;
import io.custodian.masking.decision.DecisionRequest.TableRequest;
import io.custodian.masking.decision.DecisionResponse;
import io.custodian.masking.decision.Principal;
import io.custodian.masking.strategy.StrategyKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The proof of the rewrite on the service's masking decisions: every query of the leak corpus,
 * rewritten with the masks {@link io.custodian.masking.decision.GatewayDecisions} decides under
 * {@code leak-corpus-policy.yml} for a principal without rights (an analyst, who meets a different
 * strategy in each classified column, and a principal in no role, who meets the default), runs on a
 * real database and returns no classified value, not even as a substring of any cell (compared
 * ignoring case, and ignoring punctuation so a reformatted SSN or phone number counts), nor three
 * quarters of a long value in one run. The same
 * query rewritten through the same decisions for a privacy officer, whom the policy grants NONE,
 * returns what the original query returns, raw values included, so the test could fail.
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
            assertThat(gateway.rawValues()).hasSize(4 * 5 + 4 + 2 * 2 + 2);
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
            assertThat(ran).isGreaterThanOrEqualTo(kind.equals("postgresql") ? 137 : 97);
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
            RewrittenQuery masked = gateway.rewrite(insert, gateway.masks(CorpusGateway.ANALYST));
            assertThat(masked.tablesRead()).hasSize(2);
            assertThat(gateway.update(masked.sql())).isEqualTo(4);
            List<List<String>> written = gateway.run("SELECT * FROM audit_copy");
            assertThat(written).hasSize(4);
            assertThat(leaks(gateway, written)).isNull();
            // the same statement for a principal with every right copies raw values: the check can fail
            gateway.update(gateway.rewrite(insert, gateway.masks(CorpusGateway.PRIVACY_OFFICER)).sql());
            assertThat(leaks(gateway, gateway.run("SELECT * FROM audit_copy"))).isNotNull();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theAnalystMeetsEveryStrategyAndTokenizeFallsBackWithoutAUdf(String kind) throws Exception {
        try (CorpusGateway gateway = CorpusGateway.open(kind)) {
            DecisionResponse response = gateway.decisions().decide(new DecisionRequest("ana", List.of("analyst"),
                    List.of(), gateway.dialect().displayName(), CorpusGateway.NAMESPACE, "crm", gateway.schema(),
                    List.of(table("customers", "name", "varchar(100)", "email", "varchar(255)", "phone", "varchar(40)",
                                    "ssn", "varchar(11)", "birth_date", "date", "city", "varchar(50)"),
                            table("orders", "contact_email", "varchar(255)"),
                            table("Contacts", "Email Address", "varchar(255)", "Full Name", "varchar(100)"),
                            table("VIP", "SSN", "varchar(11)"))));
            Map<String, ColumnDecision> d = new HashMap<>();
            response.tables().forEach(t -> t.columns().forEach(c -> d.put(t.requested() + "." + c.column(), c)));
            assertThat(d.get("customers.email").strategy()).isEqualTo(StrategyKind.EMAIL_MASK);
            assertThat(d.get("Contacts.Email Address").strategy()).isEqualTo(StrategyKind.EMAIL_MASK);
            assertThat(d.get("customers.phone").strategy()).isEqualTo(StrategyKind.PARTIAL);
            assertThat(d.get("customers.ssn").strategy()).isEqualTo(StrategyKind.HASH);
            assertThat(d.get("customers.birth_date").strategy()).isEqualTo(StrategyKind.GENERALIZE);
            assertThat(d.get("orders.contact_email").strategy()).isEqualTo(StrategyKind.DEFAULT_VALUE);
            assertThat(d.get("Contacts.Full Name").strategy()).isEqualTo(StrategyKind.CUSTOM);
            assertThat(d.get("VIP.SSN").strategy()).isEqualTo(StrategyKind.REDACT);
            assertThat(d.get("customers.name").strategy()).isEqualTo(StrategyKind.NULLIFY);
            assertThat(d.get("customers.name").chosen()).hasValue("analyst-names: TOKENIZE");
            assertThat(d.get("customers.name").rule()).startsWith("fallback:TOKENIZE needs a UDF in " + gateway.dialect()
                    .displayName());
            assertThat(d.get("customers.city").masked()).isFalse();
            // the salt is in the SQL, derived from the keyring's key, never the test's own bytes
            assertThat(d.get("customers.ssn").sql()).doesNotContain("<salt>")
                    .isNotEqualTo(gateway.printable(d.get("customers.ssn").sql()));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void shortAndMalformedValuesAreMaskedWhole(String kind) throws Exception {
        try (CorpusGateway gateway = CorpusGateway.open(kind)) {
            String sql = "SELECT id, phone, email, birth_date FROM customers WHERE id IN (1, 4) ORDER BY id";
            List<List<String>> analyst = gateway.run(gateway.rewrite(sql, gateway.masks(CorpusGateway.ANALYST)).sql());
            assertThat(analyst).containsExactly(
                    List.of("1", "+*-***-***-0143", "***@example.org", "1984-01-01"),
                    // a phone of 2 * keep_last characters or fewer keeps nothing; no '@', no domain
                    List.of("4", "***-****", "***", "2001-01-01"));
            List<List<String>> stranger = gateway.run(gateway.rewrite(sql, gateway.masks(CorpusGateway.STRANGER)).sql());
            assertThat(stranger).containsExactly(List.of("1", "[redacted]", "[redacted]", "NULL"),
                    List.of("4", "[redacted]", "[redacted]", "NULL"));
        }
    }

    private static TableRequest table(String name, String... columnsAndTypes) {
        List<ColumnRequest> columns = new ArrayList<>();
        for (int i = 0; i < columnsAndTypes.length; i += 2) {
            columns.add(new ColumnRequest(columnsAndTypes[i], columnsAndTypes[i + 1]));
        }
        return new TableRequest(name, columns);
    }

    /** What is wrong with one entry, or null. */
    private static String check(CorpusGateway gateway, LeakCorpus.Entry entry) throws Exception {
        List<String> original = sorted(gateway.run(entry.sql()));
        RewrittenQuery privileged = gateway.rewrite(entry.sql(), gateway.masks(CorpusGateway.PRIVACY_OFFICER));
        List<List<String>> privilegedRows = gateway.run(privileged.sql());
        if (!sorted(privilegedRows).equals(original)) {
            return "with every right, the rewritten query returns other rows than the query";
        }
        if (entry.rawWhenUnmasked() && leaks(gateway, privilegedRows) == null) {
            return "the unmasked result holds no classified value, so the masked one proves nothing"
                    + " (mark the entry 'expect: no-raw' if that is intended)";
        }
        for (Principal principal : List.of(CorpusGateway.ANALYST, CorpusGateway.STRANGER)) {
            RewrittenQuery masked = gateway.rewrite(entry.sql(), gateway.masks(principal));
            String leak = leaks(gateway, gateway.run(masked.sql()));
            if (leak != null) {
                return "LEAK to " + principal.name() + " " + leak + " in the result of "
                        + gateway.printable(masked.sql());
            }
        }
        return null;
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
                            && cellDigitsAndLetters.contains(valueDigitsAndLetters)
                            || showsMostOf(cellDigitsAndLetters, valueDigitsAndLetters)) {
                        return "row " + (r + 1) + " column " + (c + 1);
                    }
                }
            }
        }
        return null;
    }

    /**
     * Whether a value of ten or more letters and digits shows three quarters of them in one run (a
     * phone number masked but for its first digit); shorter runs, such as a kept last four digits or
     * an address's domain, are what masks may show.
     */
    private static boolean showsMostOf(String cell, String value) {
        if (value.length() < 10) {
            return false;
        }
        int run = (value.length() * 3 + 3) / 4;
        for (int from = 0; from + run <= value.length(); from++) {
            if (cell.contains(value.substring(from, from + run))) {
                return true;
            }
        }
        return false;
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
