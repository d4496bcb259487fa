package io.custodian.erasure.plan;

import static io.custodian.erasure.testing.ShopFixture.KAFKA;
import static io.custodian.erasure.testing.ShopFixture.S3;
import static io.custodian.erasure.testing.ShopFixture.SHOP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.custodian.catalog.classification.Finding;
import io.custodian.erasure.policy.ErasureAction;
import io.custodian.erasure.testing.ShopFixture;
import io.custodian.erasure.testing.TestHasher;
import io.custodian.sources.testing.TargetDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Plans over a real catalog (H2 store) and a real source database (H2, and PostgreSQL when configured). */
class ErasurePlannerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), ZoneOffset.UTC);
    private static final TestHasher HASHER = new TestHasher();
    /** A customer id resolved from the shop holds in the shop's namespace only. */
    private static final String SHOP_ID = SubjectIdentifiers.scoped("PERSON_ID", SHOP);

    static List<String> sources() {
        return TargetDatabase.kinds();
    }

    private static ErasurePlanner planner(ShopFixture shop) {
        return new ErasurePlanner(shop.facts, shop::policies, shop.dataSources, HASHER, CLOCK);
    }

    private static SubjectIdentifiers email(String value) {
        return new SubjectIdentifiers(Map.of("EMAIL_ADDRESS", List.of(value)));
    }

    private static Map<String, PlannedStep> byDataset(ErasurePlan plan) {
        return plan.steps().stream().collect(Collectors.toMap(PlannedStep::dataset, Function.identity()));
    }

    @ParameterizedTest
    @MethodSource("sources")
    void everyDatasetGetsAnActionWithItsReasonInAnOrderForeignKeysAllow(String sourceKind) {
        try (ShopFixture shop = ShopFixture.open("h2", sourceKind)) {
            ErasurePlanner.Planned planned = planner(shop).plan(email("ALICE@example.com"), false);
            ErasurePlan plan = planned.plan();
            Map<String, PlannedStep> steps = byDataset(plan);

            assertThat(planned.identifiers().values(SHOP_ID)).containsExactly("1");
            assertThat(plan.identifiers()).extracting(IdentifierSummary::type, IdentifierSummary::hashes)
                    .containsExactly(tuple("EMAIL_ADDRESS", List.of(HASHER.hash("EMAIL_ADDRESS", "ALICE@example.com"))),
                            tuple(SHOP_ID, List.of(HASHER.hash("PERSON_ID", "1"))));
            assertThat(plan.identifiers().get(0).from()).containsExactly("request");
            assertThat(plan.identifiers().get(1).from()).singleElement().satisfies(from -> assertThat(from)
                    .isIn(SHOP + "/" + shop.name("customers") + ".id", SHOP + "/" + shop.name("clean_customers") + ".id"));

            assertThat(steps.get(shop.name("customers"))).satisfies(step -> {
                assertThat(step.action()).isEqualTo(ErasureAction.DELETE_ROWS);
                assertThat(step.reason()).contains("EMAIL_ADDRESS in email").contains("PERSON_ID in id");
                assertThat(step.estimatedRows()).isEqualTo(OptionalLong.of(1));
                assertThat(step.source()).contains("shop");
            });
            PlannedStep orders = steps.get(shop.name("orders"));
            assertThat(orders.action()).isEqualTo(ErasureAction.DELETE_ROWS);
            assertThat(orders.locators()).extracting(Locator::column, Locator::identifierType)
                    .containsExactly(tuple("customer_id", "PERSON_ID"));
            assertThat(orders.locators().get(0).why()).startsWith("declared key");
            assertThat(orders.estimatedRows()).isEqualTo(OptionalLong.of(2));
            assertThat(orders.order()).isLessThan(steps.get(shop.name("customers")).order());
            assertThat(steps.get(shop.name("clean_customers")).order())
                    .isLessThan(steps.get(shop.name("customers")).order());
            assertThat(steps.get(shop.name("clean_customers")).estimatedRows()).isEqualTo(OptionalLong.of(1));

            PlannedStep payments = steps.get(shop.name("payments"));
            assertThat(payments.action()).isEqualTo(ErasureAction.ANONYMIZE);
            assertThat(payments.reason()).startsWith("payments are kept seven years");
            assertThat(payments.rewrites()).extracting(ColumnRewrite::column, r -> r.replacement().kind().name())
                    .containsExactlyInAnyOrder(tuple("customer_id", "NULLIFY"), tuple("card", "REDACT"));
            assertThat(payments.estimatedRows()).isEqualTo(OptionalLong.of(1));

            PlannedStep legal = steps.get(shop.name("legal_cases"));
            assertThat(legal.action()).isEqualTo(ErasureAction.RETAIN);
            assertThat(legal.basis()).contains("Case 2026-114");
            assertThat(legal.estimatedRows()).isEqualTo(OptionalLong.of(1));

            PlannedStep revenue = steps.get(shop.name("daily_revenue_by_city"));
            assertThat(revenue.action()).isEqualTo(ErasureAction.NO_ACTION);
            assertThat(revenue.reason()).startsWith("aggregated beyond identification");
            assertThat(revenue.evidence()).isNotEmpty().allSatisfy(edge ->
                    assertThat(edge.type().equals("INDIRECT") || "AGGREGATION".equals(edge.subtype())).isTrue());

            assertThat(steps.get(shop.name("email_stats")).action()).isEqualTo(ErasureAction.UNRESOLVED);
            assertThat(steps.get(shop.name("staff_notes"))).satisfies(step -> {
                assertThat(step.action()).isEqualTo(ErasureAction.UNRESOLVED);
                assertThat(step.reason()).contains("PERSON_NAME");
            });
            assertThat(steps.get("customer-events")).satisfies(step -> {
                assertThat(step.namespace()).isEqualTo(KAFKA);
                assertThat(step.action()).isEqualTo(ErasureAction.MANUAL);
                assertThat(step.reason()).contains("job shop/cdc");
            });
            assertThat(steps.get("marketing/customers.csv")).satisfies(step -> {
                assertThat(step.namespace()).isEqualTo(S3);
                assertThat(step.action()).isEqualTo(ErasureAction.MANUAL);
                assertThat(step.reason()).contains("not reachable by SQL");
            });
            assertThat(steps.get("(backups of source shop)").action()).isEqualTo(ErasureAction.MANUAL);
            assertThat(steps).doesNotContainKey(shop.name("phone_book"));

            assertThat(plan.coverage()).filteredOn(c -> c.dataset().equals(shop.name("phone_book")))
                    .singleElement().satisfies(c -> {
                        assertThat(c.step()).isEmpty();
                        assertThat(c.why()).contains("PHONE_NUMBER").contains("neither gives nor resolves");
                    });
            assertThat(plan.coverage()).filteredOn(c -> c.step().isPresent()).extracting(CoverageEntry::dataset)
                    .contains(shop.name("customers"), shop.name("orders"), shop.name("payments"),
                            "marketing/customers.csv");
            assertThat(plan.risks()).extracting(CoverageRisk::dataset, CoverageRisk::kind)
                    .contains(tuple(shop.name("orders"), CoverageRisk.Kind.NEVER_SCANNED))
                    .doesNotContain(tuple(shop.name("customers"), CoverageRisk.Kind.NEVER_SCANNED));
            assertThat(plan.rederivations()).extracting(RederivationRisk::jobName, RederivationRisk::writes,
                    RederivationRisk::readsAction).contains(tuple("refresh_clean",
                    SHOP + "/" + shop.name("clean_customers"), "RETAIN"));
            assertThat(plan.steps()).extracting(PlannedStep::order)
                    .isEqualTo(java.util.stream.IntStream.rangeClosed(1, plan.steps().size()).boxed().toList());
        }
    }

    @ParameterizedTest
    @MethodSource("sources")
    void theStatementsBindTheSubjectAndThePlanHoldsNoIdentifierValue(String sourceKind) {
        try (ShopFixture shop = ShopFixture.open("h2", sourceKind)) {
            ErasurePlan plan = planner(shop).plan(email("alice@example.com"), false).plan();
            PlannedStep customers = byDataset(plan).get(shop.name("customers"));

            assertThat(customers.statements()).extracting(StatementPreview::purpose).containsExactly("COUNT", "DELETE");
            StatementPreview delete = customers.statements().get(1);
            assertThat(delete.sql()).isEqualTo("DELETE FROM \"" + shop.schema + "\".\"customers\" WHERE (\"id\" = ?) OR "
                    + "(LOWER(\"email\") = LOWER(?))");
            assertThat(delete.parameters()).containsExactly("PERSON_ID " + HASHER.hash("PERSON_ID", "1"),
                    "EMAIL_ADDRESS " + HASHER.hash("EMAIL_ADDRESS", "alice@example.com"));
            StatementPreview update = byDataset(plan).get(shop.name("payments")).statements().get(1);
            assertThat(update.purpose()).isEqualTo("UPDATE");
            assertThat(update.sql()).startsWith("UPDATE \"" + shop.schema + "\".\"payments\" SET ");

            String json = PlanCodec.toJson(plan);
            assertThat(json.toLowerCase(Locale.ROOT)).doesNotContain("alice@example.com").doesNotContain("alice liddell");
            assertThat(PlanCodec.fromJson(json)).isEqualTo(plan);
        }
    }

    @Test
    void accessPlansSelectTheSubjectsRowsInsteadOfChangingThem() {
        try (ShopFixture shop = ShopFixture.open("h2", "h2")) {
            ErasurePlan plan = planner(shop).plan(email("alice@example.com"), true).plan();
            assertThat(byDataset(plan).get(shop.name("orders")).statements()).extracting(StatementPreview::purpose)
                    .containsExactly("COUNT", "SELECT");
            assertThat(byDataset(plan).get(shop.name("legal_cases")).statements())
                    .extracting(StatementPreview::purpose).containsExactly("COUNT", "SELECT");
        }
    }

    @Test
    void aSubjectNobodyKnowsFindsNoRowsAnywhere() {
        try (ShopFixture shop = ShopFixture.open("h2", "h2")) {
            ErasurePlan plan = planner(shop).plan(email("nobody@example.com"), false).plan();
            assertThat(plan.identifiers()).extracting(IdentifierSummary::type).containsExactly("EMAIL_ADDRESS");
            assertThat(plan.steps()).filteredOn(s -> s.estimatedRows().isPresent())
                    .allSatisfy(step -> assertThat(step.estimatedRows()).isEqualTo(OptionalLong.of(0)));
            // Without a PERSON_ID, orders cannot be located: it is not in the plan, and coverage says why.
            assertThat(plan.steps()).extracting(PlannedStep::dataset).doesNotContain(shop.name("orders"));
            assertThat(plan.coverage()).filteredOn(c -> c.dataset().equals(shop.name("orders"))).singleElement()
                    .satisfies(c -> assertThat(c.why()).contains("PERSON_ID"));
        }
    }

    @Test
    void anIdentifierSharedByMorePeopleThanThePolicyAllowsResolvesNothing() {
        try (ShopFixture shop = ShopFixture.open("h2", "h2")) {
            shop.target.execute("UPDATE \"" + shop.schema + "\".\"customers\" SET \"email\" = 'family@example.com'");
            shop.policy(ShopFixture.defaultPolicy(shop.schema, 2));
            ErasurePlanner.Planned planned = planner(shop).plan(email("family@example.com"), false);
            assertThat(planned.identifiers().types()).containsExactly("EMAIL_ADDRESS");
            assertThat(planned.plan().warnings()).anySatisfy(w -> assertThat(w).contains(shop.name("customers"))
                    .contains("more than 2"));
        }
    }

    @Test
    void aCustomerIdResolvedInOneSystemFindsNobodyInAnother() {
        try (ShopFixture shop = ShopFixture.open("h2", "h2")) {
            // The CRM numbers its contacts from 1 too: contact 1 is not the shop's customer 1.
            shop.catalog.ingest(io.custodian.catalog.testing.Events.run("COMPLETE", UUID.randomUUID(), ShopFixture.T0)
                    .job("crm", "sync").output(io.custodian.catalog.testing.Events.dataset("postgres://crm",
                            "crm.contacts").schema("contact_id:bigint", "phone:varchar(40)")));
            UUID contacts = shop.classifications.dataset("postgres://crm", "crm.contacts").orElseThrow().id();
            shop.classifications.recordScan(contacts, List.of("contact_id", "phone"), new ArrayList<>(List.of(
                    new Finding("contact_id", "PERSON_ID", 0.9, "column name", 5, 5))), UUID.randomUUID(),
                    "detectors-1", "policy-1", ShopFixture.T0.plusSeconds(120));

            ErasurePlan plan = planner(shop).plan(email("alice@example.com"), false).plan();

            assertThat(byDataset(plan).get(shop.name("orders")).estimatedRows()).isEqualTo(OptionalLong.of(2));
            assertThat(plan.steps()).extracting(PlannedStep::dataset).doesNotContain("crm.contacts");
            assertThat(plan.coverage()).filteredOn(c -> c.dataset().equals("crm.contacts")).singleElement()
                    .satisfies(c -> assertThat(c.why()).contains("PERSON_ID").contains("neither gives nor resolves"));
        }
    }

    @Test
    void valuesThatDoNotLookLikeTheirTypeAreNotTakenAsTheSubjectsIdentifiers() {
        try (ShopFixture shop = ShopFixture.open("h2", "h2")) {
            // The city classified EMAIL_ADDRESS, as propagation through a transformation from raw JSON can
            // leave it: Alice's city taken as her e-mail would find Carol, who lives in Oxford too.
            String customers = shop.name("customers");
            UUID dataset = shop.classifications.dataset(ShopFixture.SHOP, customers).orElseThrow().id();
            shop.classifications.recordScan(dataset, List.of("id", "email", "name", "city"), new ArrayList<>(List.of(
                    new Finding("id", "PERSON_ID", 0.9, "column name", 3, 3),
                    new Finding("email", "EMAIL_ADDRESS", 0.99, "values", 3, 3),
                    new Finding("name", "PERSON_NAME", 0.8, "values", 3, 3),
                    new Finding("city", "EMAIL_ADDRESS", 0.85, "propagated", 3, 3))), UUID.randomUUID(),
                    "detectors-1", "policy-1", ShopFixture.T0.plusSeconds(120));

            ErasurePlanner.Planned planned = planner(shop).plan(email("alice@example.com"), false);

            assertThat(planned.identifiers().values("EMAIL_ADDRESS")).doesNotContain("Oxford")
                    .allSatisfy(v -> assertThat(v).contains("@"));
            assertThat(planned.identifiers().values(SHOP_ID)).containsExactly("1");
            assertThat(planned.plan().warnings()).anySatisfy(w -> assertThat(w).contains(customers)
                    .contains("city (EMAIL_ADDRESS)").doesNotContain("Oxford"));
            assertThat(byDataset(planned.plan()).get(customers).estimatedRows()).isEqualTo(OptionalLong.of(1));
        }
    }

    @Test
    void aTypeFoundInsideFreeTextLocatesNoRowsAndLeavesTheDatasetToAPerson() {
        try (ShopFixture shop = ShopFixture.open("h2", "h2")) {
            String notes = shop.name("staff_notes");
            UUID dataset = shop.classifications.dataset(ShopFixture.SHOP, notes).orElseThrow().id();
            shop.classifications.recordScan(dataset, List.of("author", "note"), new ArrayList<>(List.of(
                    new Finding("author", "PERSON_NAME", 0.7, "values look like names", 5, 4),
                    new Finding("note", "EMAIL_ADDRESS", 0.6, "found in 2 of 5 values "
                            + io.custodian.catalog.classification.Classification.IN_FREE_TEXT, 5, 2))),
                    UUID.randomUUID(), "detectors-1", "policy-1", ShopFixture.T0.plusSeconds(120));

            PlannedStep step = byDataset(planner(shop).plan(email("alice@example.com"), false).plan()).get(notes);

            // Comparing a note with an address finds nothing; DELETE_ROWS would report a clean table.
            assertThat(step.action()).isEqualTo(ErasureAction.UNRESOLVED);
            assertThat(step.locators()).isEmpty();
            assertThat(step.reason()).contains("EMAIL_ADDRESS");
        }
    }

    @Test
    void aColumnTheRuleNamesIsAnonymizedEvenWhenNoScanClassifiedIt() {
        try (ShopFixture shop = ShopFixture.open("h2", "h2")) {
            // The scanner missed the card numbers; the policy knows the column.
            String payments = shop.name("payments");
            UUID dataset = shop.classifications.dataset(ShopFixture.SHOP, payments).orElseThrow().id();
            shop.classifications.recordScan(dataset, List.of("payment_id", "customer_id", "card", "amount"),
                    new ArrayList<>(List.of(new Finding("customer_id", "PERSON_ID", 0.8, "column name", 2, 2))),
                    UUID.randomUUID(), "detectors-1", "policy-1", ShopFixture.T0.plusSeconds(120));
            shop.policy(ShopFixture.defaultPolicy(shop.schema, 10).replace(
                    "anonymize: {CREDIT_CARD: {strategy: REDACT, parameters: {value: \"erased\"}}}",
                    "anonymize: {\"column:card\": {strategy: REDACT, parameters: {value: \"erased\"}}}"));

            PlannedStep step = byDataset(planner(shop).plan(email("alice@example.com"), false).plan()).get(payments);

            assertThat(step.action()).isEqualTo(ErasureAction.ANONYMIZE);
            assertThat(step.rewrites()).extracting(ColumnRewrite::column, ColumnRewrite::strategy)
                    .contains(tuple("card", "REDACT"), tuple("customer_id", "NULLIFY"));
        }
    }

    @Test
    void typesThatIdentifyNoOneAreRefused() {
        try (ShopFixture shop = ShopFixture.open("h2", "h2")) {
            assertThatThrownBy(() -> planner(shop).plan(new SubjectIdentifiers(Map.of("PERSON_NAME",
                    List.of("Alice"))), false)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("PERSON_NAME does not identify a subject");
            assertThatThrownBy(() -> planner(shop).plan(new SubjectIdentifiers(Map.of()), false))
                    .hasMessageContaining("at least one identifier");
        }
    }

    @Test
    void aSourceThatIsDownLeavesTheEstimateOutAndSaysWhy() {
        try (ShopFixture shop = ShopFixture.open("h2", "h2")) {
            shop.target.execute("DROP TABLE \"" + shop.schema + "\".\"payments\"");
            ErasurePlan plan = planner(shop).plan(email("alice@example.com"), false).plan();
            PlannedStep payments = byDataset(plan).get(shop.name("payments"));
            assertThat(payments.estimatedRows()).isEmpty();
            assertThat(payments.warning()).hasValueSatisfying(w -> assertThat(w).startsWith("the estimate failed: SQLState"));
            assertThat(Optional.of(plan.warnings())).get().asList().isNotEmpty();
        }
    }
}
