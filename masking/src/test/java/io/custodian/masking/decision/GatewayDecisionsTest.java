package io.custodian.masking.decision;

import static io.custodian.masking.decision.DecisionCatalog.CUSTOMERS;
import static io.custodian.masking.decision.DecisionCatalog.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodian.catalog.testing.TestDatabase;
import io.custodian.masking.decision.DecisionRequest.ColumnRequest;
import io.custodian.masking.decision.DecisionRequest.TableRequest;
import io.custodian.masking.decision.DecisionResponse.TableDecision;
import io.custodian.masking.decision.DecisionResponse.TableStatus;
import io.custodian.masking.policy.MaskingPolicies;
import io.custodian.masking.policy.OtherSections;
import io.custodian.masking.strategy.FixedKeys;
import io.custodian.masking.strategy.StrategyKind;
import io.custodian.policy.PolicySet;
import io.custodian.policy.PolicySources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Gateway decisions over a seeded catalog, on H2 and (when configured) PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayDecisionsTest {
    static final String POLICY = """
            masking:
              default: {strategy: REDACT, parameters: {value: "***"}}
              fallback: NULLIFY
              unknown_tables: %s
              rules:
                - name: support-phone
                  classifications: [PHONE_NUMBER]
                  roles: [support]
                  strategy: PARTIAL
                  parameters: {keep_last: 4}
                - name: support-phone-hashed
                  classifications: [PHONE_NUMBER]
                  roles: [support]
                  strategy: HASH
                - name: analysts-email
                  classifications: [EMAIL_ADDRESS]
                  groups: [analysts]
                  strategy: EMAIL_MASK
                - name: analysts-birth
                  classifications: [DATE_OF_BIRTH]
                  groups: [analysts]
                  strategy: HASH
                - name: privacy-team-raw
                  classifications: ["*"]
                  groups: [privacy]
                  strategy: NONE
                - name: support-names
                  classifications: [PERSON_NAME]
                  roles: [support]
                  strategy: TOKENIZE
              overrides:
                - dataset: shop.public.customers
                  strategy: NULLIFY
                  groups: [contractors]
                - dataset: shop.public.customers
                  column: full_name
                  groups: [contractors]
                  strategy: GENERALIZE
                  parameters: {keep: 1}
                - dataset: shop.public.customers
                  column: notes
                  strategy: REDACT
            """;

    private final Map<String, DecisionCatalog> catalogs = Collections.synchronizedMap(new HashMap<>());
    @TempDir
    Path dir;

    static Stream<String> databases() {
        return TestDatabase.all();
    }

    private DecisionCatalog catalog(String kind) {
        return catalogs.computeIfAbsent(kind, DecisionCatalog::open);
    }

    @AfterAll
    void close() {
        catalogs.values().forEach(DecisionCatalog::close);
    }

    private GatewayDecisions decisions(String kind, String unknownTables) throws IOException {
        Path file = Files.writeString(dir.resolve("policy.yml"), POLICY.formatted(unknownTables));
        PolicySet set = MaskingPolicies.loader(OtherSections.SHIPPED).load(PolicySources.file(file));
        return new GatewayDecisions(catalog(kind).tables(), () -> set, new FixedKeys());
    }

    private static DecisionRequest request(String dialect, List<String> roles, List<String> groups,
            TableRequest... tables) {
        return new DecisionRequest("jane", roles, groups, dialect, NS, "shop", "public", List.of(tables));
    }

    private static TableRequest customers(String... columnsAndTypes) {
        return table("customers", columnsAndTypes);
    }

    private static TableRequest table(String name, String... columnsAndTypes) {
        List<ColumnRequest> columns = new ArrayList<>();
        for (int i = 0; i < columnsAndTypes.length; i += 2) {
            columns.add(new ColumnRequest(columnsAndTypes[i], columnsAndTypes[i + 1]));
        }
        return new TableRequest(name, columns);
    }

    private static Map<String, ColumnDecision> byColumn(TableDecision table) {
        Map<String, ColumnDecision> out = new HashMap<>();
        table.columns().forEach(c -> out.put(c.column(), c));
        return out;
    }

    static final String[] ALL = {"id", "bigint", "email", "varchar(200)", "phone", "varchar(20)", "full_name", "text",
            "birth_date", "date", "notes", "text", "contact", "text", "test_email", "text", "Mixed Case", "text"};

    @ParameterizedTest
    @MethodSource("databases")
    void aPrincipalNoRuleNamesSeesClassifiedColumnsByTheDefaultAndTheRestAsTheyAre(String kind) throws IOException {
        DecisionResponse response = decisions(kind, "mask").decide(request("trino", List.of(), List.of(),
                customers(ALL)));
        TableDecision table = response.tables().get(0);
        assertThat(table.status()).isEqualTo(TableStatus.KNOWN);
        assertThat(table.dataset()).hasValue(CUSTOMERS);
        assertThat(table.qualified()).isEqualTo("shop.public.customers");
        Map<String, ColumnDecision> d = byColumn(table);
        assertThat(d.get("id").masked()).isFalse();
        assertThat(d.get("id").rule()).isEqualTo("unclassified");
        assertThat(d.get("id").sql()).isEqualTo("\"id\"");
        assertThat(d.get("email").strategy()).isEqualTo(StrategyKind.REDACT);
        assertThat(d.get("email").rule()).isEqualTo("default");
        assertThat(d.get("email").classifications()).containsExactly("EMAIL_ADDRESS");
        assertThat(d.get("email").sql()).isEqualTo("CAST('***' AS varchar(200))");
        assertThat(d.get("email").policyVersion()).isEqualTo(response.policyVersion()).hasSize(64);
        assertThat(d.get("Mixed Case").sql()).isEqualTo("CAST('***' AS text)");
        // REDACT does not apply to a date: the fallback, and why
        assertThat(d.get("birth_date").strategy()).isEqualTo(StrategyKind.NULLIFY);
        assertThat(d.get("birth_date").rule()).isEqualTo("fallback:REDACT masks text columns, not DATE (date)");
        assertThat(d.get("birth_date").chosen()).hasValue("default: REDACT");
        assertThat(d.get("birth_date").sql()).isEqualTo("CAST(NULL AS date)");
        // a column override applies to everyone it names (here: everyone)
        assertThat(d.get("notes").rule()).isEqualTo("override:shop.public.customers.notes");
        assertThat(d.get("notes").masked()).isTrue();
        // the steward rejected the scanner's finding: not classified, not masked
        assertThat(d.get("test_email").masked()).isFalse();
        assertThat(d.get("test_email").classifications()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void amongRulesTheMostRevealingWinsAndAcrossClassificationsTheLeast(String kind) throws IOException {
        Map<String, ColumnDecision> d = byColumn(decisions(kind, "mask").decide(request("postgresql",
                List.of("support"), List.of("analysts"), customers(ALL))).tables().get(0));
        // PARTIAL reveals more than HASH: both rules match support, PARTIAL wins
        assertThat(d.get("phone").strategy()).isEqualTo(StrategyKind.PARTIAL);
        assertThat(d.get("phone").rule()).isEqualTo("support-phone");
        assertThat(d.get("email").strategy()).isEqualTo(StrategyKind.EMAIL_MASK);
        // contact is EMAIL_ADDRESS (EMAIL_MASK for analysts) and PHONE_NUMBER (PARTIAL for support):
        // the result reveals least
        assertThat(d.get("contact").strategy()).isEqualTo(StrategyKind.EMAIL_MASK);
        assertThat(d.get("contact").classifications()).containsExactly("EMAIL_ADDRESS");
        // HASH of a date cannot be computed: the fallback
        assertThat(d.get("birth_date").rule()).startsWith("fallback:HASH masks text columns");
        assertThat(d.get("birth_date").chosen()).hasValue("analysts-birth: HASH");
        // TOKENIZE without a UDF in PostgreSQL: the fallback, in SQL and in Java the Java form exists
        assertThat(d.get("full_name").strategy()).isEqualTo(StrategyKind.NULLIFY);
        assertThat(d.get("full_name").rule()).isEqualTo("fallback:TOKENIZE needs a UDF in postgresql and the policy"
                + " names none (masking.udfs.postgresql.TOKENIZE)");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void overridesComeBeforeRulesAndColumnOverridesBeforeDatasetOverrides(String kind) throws IOException {
        Map<String, ColumnDecision> d = byColumn(decisions(kind, "mask").decide(request("trino", List.of("support"),
                List.of("contractors", "privacy"), customers(ALL))).tables().get(0));
        assertThat(d.get("full_name").strategy()).isEqualTo(StrategyKind.GENERALIZE);
        assertThat(d.get("full_name").rule()).isEqualTo("override:shop.public.customers.full_name");
        assertThat(d.get("full_name").sql()).isEqualTo("CAST(SUBSTR(\"full_name\", 1, 1) AS text)");
        // the dataset override for contractors wins over privacy-team-raw's NONE, even for unclassified columns
        assertThat(d.get("email").strategy()).isEqualTo(StrategyKind.NULLIFY);
        assertThat(d.get("email").rule()).isEqualTo("override:shop.public.customers");
        assertThat(d.get("id").strategy()).isEqualTo(StrategyKind.NULLIFY);
        // two column overrides could apply to notes only if both matched; the one for everyone does
        assertThat(d.get("notes").rule()).isEqualTo("override:shop.public.customers.notes");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void privacyGroupReadsEverythingRaw(String kind) throws IOException {
        Map<String, ColumnDecision> d = byColumn(decisions(kind, "mask").decide(request("spark", List.of(),
                List.of("privacy"), customers(ALL))).tables().get(0));
        assertThat(d.get("email").masked()).isFalse();
        assertThat(d.get("email").sql()).isEqualTo("`email`");
        assertThat(d.get("contact").rule()).isEqualTo("privacy-team-raw");
        assertThat(d.get("contact").classifications()).containsExactly("EMAIL_ADDRESS", "PHONE_NUMBER");
        assertThat(d.get("Mixed Case").sql()).isEqualTo("`Mixed Case`");
        assertThat(d.get("notes").masked()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void unknownTablesAndColumnsAreMaskedOrAllowedAsThePolicySays(String kind) throws IOException {
        DecisionRequest request = request("trino", List.of(), List.of(), table("nowhere.public.secrets", "ssn",
                "varchar(11)", "n", "integer"), customers("email", "varchar(200)", "added_later", "varchar(5)"),
                table("pending", "x", "text"));
        DecisionResponse masked = decisions(kind, "mask").decide(request);
        assertThat(masked.tables().get(0).status()).isEqualTo(TableStatus.UNKNOWN);
        assertThat(masked.tables().get(0).columns()).allSatisfy(c -> {
            assertThat(c.masked()).isTrue();
            assertThat(c.rule()).isIn("unknown-table", "fallback:REDACT masks text columns, not INTEGER (integer)");
        });
        assertThat(masked.tables().get(0).columns().get(0).sql()).isEqualTo("CAST('***' AS varchar(11))");
        assertThat(masked.tables().get(1).columns().get(1).rule()).isEqualTo("unknown-column");
        assertThat(masked.tables().get(1).columns().get(1).masked()).isTrue();
        // a dataset the catalog has seen without a schema: its columns are unknown
        assertThat(masked.tables().get(2).status()).isEqualTo(TableStatus.KNOWN);
        assertThat(masked.tables().get(2).columns().get(0).rule()).isEqualTo("unknown-column");
        assertThat(masked.tables().get(2).columns().get(0).masked()).isTrue();

        DecisionResponse allowed = decisions(kind, "allow").decide(request);
        assertThat(allowed.tables().get(0).columns()).allSatisfy(c -> {
            assertThat(c.masked()).isFalse();
            assertThat(c.rule()).isEqualTo("unknown-table");
        });
        assertThat(allowed.tables().get(1).columns().get(0).masked()).isTrue();
        assertThat(allowed.tables().get(1).columns().get(1).masked()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anAmbiguousNameIsMaskedWhateverThePolicySaysOfUnknownTables(String kind) throws IOException {
        DecisionRequest request = new DecisionRequest("jane", null, null, "trino", NS, null, null,
                List.of(table("customers", "email", "text", "id", "bigint")));
        TableDecision table = decisions(kind, "allow").decide(request).tables().get(0);
        assertThat(table.status()).isEqualTo(TableStatus.AMBIGUOUS);
        assertThat(table.candidates()).containsExactlyInAnyOrder("crm.public.customers", "shop.public.customers");
        assertThat(table.columns()).allSatisfy(c -> {
            assertThat(c.masked()).isTrue();
            assertThat(c.chosen().orElse(c.rule())).startsWith("ambiguous-table");
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void hostileRequestsAreRefusedSayingWhere(String kind) throws IOException {
        GatewayDecisions decisions = decisions(kind, "mask");
        assertThatThrownBy(() -> decisions.decide(request("trino", List.of(), List.of(), customers("id", "bigint"),
                customers("email", "varchar(200)) || (SELECT secret FROM vault"))))
                .isInstanceOf(DecisionRequestException.class)
                .hasMessage("tables[1].columns[0].type: the type may hold only letters, digits, underscores, spaces,"
                        + " commas and brackets, starting with a letter");
        assertThatThrownBy(() -> decisions.decide(request("trino", List.of(), List.of(), customers("id", "x".repeat(500)))))
                .hasMessage("tables[0].columns[0].type: the type is 500 characters long; at most 128");
        assertThatThrownBy(() -> decisions.decide(request("trino", List.of(), List.of(), customers("a\u0000b", "text"))))
                .hasMessage("tables[0].columns[0].name: holds a control character");
        assertThatThrownBy(() -> decisions.decide(request("trino", List.of(), List.of(), customers("", "text"))))
                .hasMessage("tables[0].columns[0].name: is missing");
        assertThatThrownBy(() -> decisions.decide(request("trino", List.of(), List.of(), customers("a", "text", "a",
                "text")))).hasMessage("tables[0].columns[1].name: repeats an earlier column's name");
        assertThatThrownBy(() -> decisions.decide(request("trino", List.of(), List.of(), table("a..b", "x", "text"))))
                .hasMessage("tables[0].name: must be one to three dot-separated non-empty parts");
        assertThatThrownBy(() -> decisions.decide(request("oracle", List.of(), List.of(), customers("a", "text"))))
                .hasMessageStartingWith("dialect: unknown dialect; one of [postgresql,");
        assertThatThrownBy(() -> decisions.decide(request("trino", List.of(), List.of())))
                .hasMessage("tables: no tables; a request names at least one");
        String[] many = new String[2 * 2001];
        for (int i = 0; i < 2001; i++) {
            many[2 * i] = "c" + i;
            many[2 * i + 1] = "text";
        }
        assertThatThrownBy(() -> decisions.decide(request("trino", List.of(), List.of(), customers(many))))
                .hasMessage("tables[0].columns: 2001 columns; at most 2000");
        TableRequest[] tables = new TableRequest[65];
        java.util.Arrays.fill(tables, customers("id", "bigint"));
        assertThatThrownBy(() -> decisions.decide(request("trino", List.of(), List.of(), tables)))
                .hasMessage("tables: 65 tables; at most 64");
        // a hostile column name is quoted, not refused
        Map<String, ColumnDecision> d = byColumn(decisions.decide(request("trino", List.of(), List.of(),
                table("nowhere", "x\" FROM secrets --", "text"))).tables().get(0));
        assertThat(d.get("x\" FROM secrets --").sql()).isEqualTo("CAST('***' AS text)");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void tableMasksGiveTheMaskedColumnsOfACatalogTable(String kind) throws IOException {
        GatewayDecisions decisions = decisions(kind, "mask");
        var table = catalog(kind).tables().resolve(NS, List.of(io.custodian.lineage.sql.TableName.parse(CUSTOMERS)))
                .values().iterator().next().table().orElseThrow();
        Map<String, String> masks = decisions.tableMasks(new Principal("jane", java.util.Set.of("support"),
                java.util.Set.of()), io.custodian.masking.MaskingDialect.TRINO).masks(table);
        assertThat(masks).doesNotContainKeys("id", "test_email");
        assertThat(masks).containsKeys("email", "phone", "notes", "birth_date", "contact", "Mixed Case");
        assertThat(masks.get("birth_date")).isEqualTo("CAST(NULL AS date)");
        // keep_last 4: a value of 8 characters or fewer keeps nothing
        assertThat(masks.get("phone")).startsWith("CAST(CASE WHEN length(\"phone\") > 8");
        // the catalog has no type for legacy_name: no cast is possible, so an untyped NULL
        assertThat(masks.get("legacy_name")).isEqualTo("NULL");
    }
}
