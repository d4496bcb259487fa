package io.custodian.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodian.atlas.client.AtlasRequestException;
import io.custodian.atlas.export.ExportReport;
import io.custodian.atlas.testing.FakeAtlas;
import io.custodian.catalog.classification.Decision;
import io.custodian.catalog.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AtlasExportTest {
    private static final String EMAIL_COLUMN = "sales.customers.email@prod";
    private static final String NAME_COLUMN = "sales.customers.full_name@prod";
    private static final String TABLE = "sales.customers@prod";
    private BridgeFixture f;

    @BeforeEach
    void open() throws Exception {
        f = new BridgeFixture("h2");
        f.dataset("sales.customers", "id", "email", "full_name");
        f.hiveTable("sales.customers", "id", "email", "full_name");
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void createsOneClassificationTypePerTaxonomyTypeUnderPiiWithTheSensitivityAttribute() {
        ExportReport report = f.export();

        assertThat(report.typesCreated()).isEqualTo(4);
        JsonNode pii = f.atlas.classificationDefs().get("PII");
        assertThat(pii.get("attributeDefs").findValuesAsText("name")).containsExactly("sensitivity", "custodianSource");
        assertThat(pii.get("serviceType").asText()).isEqualTo("custodian");
        JsonNode card = f.atlas.classificationDefs().get("CREDIT_CARD_NUMBER");
        assertThat(card.get("superTypes").get(0).asText()).isEqualTo("PII");
        assertThat(card.get("description").asText()).contains("RESTRICTED");
        assertThat(f.atlas.requests()).anySatisfy(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.path()).isEqualTo("/api/atlas/v2/types/typedefs/");
            assertThat(r.query()).containsEntry("type", "classification");
        });
        f.assertEveryRequestAuthenticated();
        assertThat(f.atlas.requests().get(0).authorization())
                .isEqualTo("Basic " + java.util.Base64.getEncoder().encodeToString("custodian:s3cret-atlas".getBytes()));
    }

    @Test
    void attachesEachFieldsTypesToItsColumnAndTheirUnionToTheTableWithoutAtlasPropagation() {
        f.steward("sales.customers", "email", "EMAIL_ADDRESS", Decision.CONFIRMED);
        f.scanned("sales.customers", "full_name", "PERSON_NAME");

        ExportReport report = f.export();

        assertThat(report.tablesMatched()).isEqualTo(1);
        assertThat(report.added()).isEqualTo(7);
        JsonNode email = f.atlas.classifications("hive_column", EMAIL_COLUMN).stream()
                .filter(c -> c.get("typeName").asText().equals("EMAIL_ADDRESS")).findFirst().orElseThrow();
        assertThat(email.get("typeName").asText()).isEqualTo("EMAIL_ADDRESS");
        assertThat(email.get("propagate").asBoolean()).isFalse();
        assertThat(email.get("attributes").get("sensitivity").asText()).isEqualTo("CONFIDENTIAL");
        assertThat(email.get("attributes").get("custodianSource").asText()).isEqualTo("STEWARD");
        assertThat(f.atlas.classificationNames("hive_column", NAME_COLUMN)).containsExactly("PERSON_NAME", "PII");
        assertThat(f.atlas.classificationNames("hive_column", "sales.customers.id@prod")).isEmpty();
        assertThat(f.atlas.classificationNames("hive_table", TABLE)).containsExactly("EMAIL_ADDRESS", "PERSON_NAME", "PII");
        assertThat(f.atlas.classifications("hive_table", TABLE)).allSatisfy(c ->
                assertThat(c.get("attributes").get("custodianSource").asText()).isEqualTo("COLUMNS"));
        assertThat(f.atlas.classifications("hive_column", NAME_COLUMN)).anySatisfy(c -> {
            assertThat(c.get("typeName").asText()).isEqualTo("PII");
            assertThat(c.get("attributes").get("sensitivity").asText()).isEqualTo("CONFIDENTIAL");
            assertThat(c.get("attributes").get("custodianSource").asText()).isEqualTo("TYPES");
        });
        // Found by unique attribute; added in bulk, one request per type and attributes.
        assertThat(f.atlas.requests()).anySatisfy(r -> {
            assertThat(r.path()).isEqualTo("/api/atlas/v2/entity/uniqueAttribute/type/hive_table");
            assertThat(r.query()).containsEntry("attr:qualifiedName", TABLE);
        });
        assertThat(f.atlas.writes()).extracting(FakeAtlas.Request::path).containsOnly(
                "/api/atlas/v2/types/typedefs/", "/api/atlas/v2/entity/bulk/classification");
        assertThat(f.atlas.writes().stream().filter(r -> r.path().endsWith("/bulk/classification"))).extracting(r -> r.json().get("classification").get("typeName").asText() + "/"
                        + r.json().get("classification").get("attributes").get("custodianSource").asText() + "/"
                        + r.json().get("entityGuids").size())
                .containsExactlyInAnyOrder("EMAIL_ADDRESS/STEWARD/1", "PERSON_NAME/SCANNER/1", "PII/TYPES/2",
                        "EMAIL_ADDRESS/COLUMNS/1", "PERSON_NAME/COLUMNS/1", "PII/COLUMNS/1");
    }

    @Test
    void aSecondExportWithNothingChangedSendsNoWrite() {
        f.scanned("sales.customers", "email", "EMAIL_ADDRESS");
        f.export();
        f.atlas.clearRequests();

        ExportReport again = f.export();

        assertThat(f.atlas.writes()).isEmpty();
        assertThat(again.added() + again.updated() + again.removed()).isZero();
        assertThat(again.unchanged()).isEqualTo(4);
    }

    @Test
    void aWithdrawnClassificationIsRemovedFromColumnAndTable() {
        f.scanned("sales.customers", "email", "EMAIL_ADDRESS");
        f.scanned("sales.customers", "full_name", "PERSON_NAME");
        f.export();

        f.steward("sales.customers", "email", "EMAIL_ADDRESS", Decision.REJECTED);
        f.atlas.clearRequests();
        ExportReport report = f.export();

        assertThat(report.removed()).isEqualTo(3);
        assertThat(f.atlas.classificationNames("hive_column", EMAIL_COLUMN)).isEmpty();
        assertThat(f.atlas.classificationNames("hive_table", TABLE)).containsExactly("PERSON_NAME", "PII");
        assertThat(f.atlas.writes()).extracting(FakeAtlas.Request::method).containsOnly("DELETE");
        assertThat(f.atlas.writes()).anySatisfy(r -> {
            assertThat(r.path()).isEqualTo("/api/atlas/v2/entity/uniqueAttribute/type/hive_column/classification/EMAIL_ADDRESS");
            assertThat(r.query()).containsEntry("attr:qualifiedName", EMAIL_COLUMN);
        });
    }

    @Test
    void entitiesWhoseDatasetHasNoClassificationLeftAreFoundBySearchingPageByPage() throws Exception {
        f.close();
        f = new BridgeFixture("h2", BridgeFixture.USER, BridgeFixture.PASSWORD, 2);
        f.dataset("sales.customers", "id", "email", "full_name");
        f.hiveTable("sales.customers", "id", "email", "full_name");
        f.scanned("sales.customers", "email", "EMAIL_ADDRESS");
        f.scanned("sales.customers", "full_name", "PERSON_NAME");
        f.export();

        f.steward("sales.customers", "email", "EMAIL_ADDRESS", Decision.REJECTED);
        f.steward("sales.customers", "full_name", "PERSON_NAME", Decision.REJECTED);
        f.atlas.clearRequests();
        ExportReport report = f.export();

        assertThat(report.tablesMatched()).isZero(); // nothing in force: the table is not read
        assertThat(report.removed()).isEqualTo(7);
        assertThat(f.atlas.classificationNames("hive_table", TABLE)).isEmpty();
        assertThat(f.atlas.classificationNames("hive_column", EMAIL_COLUMN)).isEmpty();
        List<FakeAtlas.Request> searches = f.atlas.requests().stream()
                .filter(r -> r.path().equals("/api/atlas/v2/search/basic")).toList();
        assertThat(searches).extracting(r -> r.json().get("offset").asInt()).containsExactly(0, 2);
        assertThat(searches).allSatisfy(r -> {
            assertThat(r.json().get("classification").asText()).isEqualTo("PII");
            assertThat(r.json().get("limit").asInt()).isEqualTo(2);
        });
    }

    @Test
    void aChangedSourceIsUpdatedInPlace() {
        f.scanned("sales.customers", "email", "EMAIL_ADDRESS");
        f.export();

        f.steward("sales.customers", "email", "EMAIL_ADDRESS", Decision.CONFIRMED);
        f.atlas.clearRequests();
        ExportReport report = f.export();

        assertThat(report.updated()).isEqualTo(1);
        assertThat(f.atlas.writes()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("PUT");
            assertThat(r.path()).isEqualTo("/api/atlas/v2/entity/uniqueAttribute/type/hive_column/classifications");
            assertThat(r.json().get(0).get("attributes").get("custodianSource").asText()).isEqualTo("STEWARD");
        });
    }

    @Test
    void atlasOwnClassificationsAreNeitherDuplicatedNorRemoved() {
        f.export();
        f.atlas.classify("hive_column", EMAIL_COLUMN, "EMAIL_ADDRESS");
        f.scanned("sales.customers", "email", "EMAIL_ADDRESS");

        ExportReport report = f.export();
        assertThat(report.leftToAtlas()).isEqualTo(1);
        f.steward("sales.customers", "email", "EMAIL_ADDRESS", Decision.REJECTED);
        f.export();

        assertThat(f.atlas.classifications("hive_column", EMAIL_COLUMN)).singleElement()
                .satisfies(c -> assertThat(c.get("attributes").has("custodianSource")).isFalse());
    }

    @Test
    void aTableAtlasDoesNotKnowIsReportedAndLeftAlone() {
        f.dataset("sales.orders", "customer_email");
        f.scanned("sales.orders", "customer_email", "EMAIL_ADDRESS");

        ExportReport report = f.export();

        assertThat(report.tablesMissing()).isEqualTo(1);
        assertThat(report.missing()).containsExactly("sales.orders@prod");
    }

    @Test
    void typesSomeoneElseMadeAreCompletedOrUsedAsTheyAre() {
        f.atlas.defineClassification("PII");
        f.atlas.defineClassification("EMAIL_ADDRESS");

        ExportReport report = f.export();

        assertThat(report.typesUpdated()).isEqualTo(1);
        assertThat(f.atlas.classificationDefs().get("PII").get("attributeDefs").findValuesAsText("name"))
                .containsExactly("sensitivity", "custodianSource");
        assertThat(report.warnings()).singleElement().asString().contains("EMAIL_ADDRESS", "not a PII");
    }

    @Test
    void aWrongPasswordIsAnErrorNamingTheCallAndTheStatus() throws Exception {
        f.close();
        f = new BridgeFixture("h2", BridgeFixture.USER, "wrong", 100);

        assertThatThrownBy(f::export).isInstanceOfSatisfying(AtlasRequestException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.getMessage()).isEqualTo("Atlas answered 401 Unauthorized to GET typedefs");
        });
    }

    @Test
    void aBusyAtlasIsAskedAgainAndAFailingOneEndsTheRun() {
        f.scanned("sales.customers", "email", "EMAIL_ADDRESS");
        f.atlas.failNext("GET", "/types/typedefs", 503, 2);

        assertThat(f.export().added()).isEqualTo(4);

        f.steward("sales.customers", "full_name", "PERSON_NAME", Decision.CONFIRMED);
        f.atlas.failNext("POST", "/entity/bulk/classification", 500, 1);
        assertThatThrownBy(f::export).isInstanceOfSatisfying(AtlasRequestException.class, e -> {
            assertThat(e.status()).isEqualTo(500);
            assertThat(e.operation()).isEqualTo("POST bulk classification");
        });
        // Running it again finishes what failed.
        assertThat(f.export().added()).isEqualTo(3);
        assertThat(f.atlas.classificationNames("hive_column", NAME_COLUMN)).containsExactly("PERSON_NAME", "PII");
    }

    @Test
    void anUnreachableAtlasIsAnErrorWithoutAStatus() throws Exception {
        f.atlas.close();

        assertThatThrownBy(f::export).isInstanceOfSatisfying(AtlasRequestException.class, e -> {
            assertThat(e.status()).isZero();
            assertThat(e.getMessage()).startsWith("Atlas could not be reached for GET typedefs");
        });
    }

    @ParameterizedTest
    @MethodSource("io.custodian.catalog.testing.TestDatabase#all")
    void exportThenImportRoundTripsOnEveryStore(String kind) throws Exception {
        f.close();
        f = new BridgeFixture(kind);
        f.dataset("sales.customers", "id", "email", "full_name");
        f.hiveTable("sales.customers", "id", "email", "full_name");
        f.scanned("sales.customers", "email", "EMAIL_ADDRESS");
        f.export();
        f.atlas.classify("hive_column", NAME_COLUMN, "PERSON_NAME");

        var report = f.importAll();

        assertThat(report.ownSkipped()).isEqualTo(2);
        assertThat(report.classificationsImported()).isEqualTo(1);
        assertThat(f.classifications("sales.customers"))
                .extracting(c -> c.field() + ":" + c.type() + ":" + c.source())
                .containsExactly("email:EMAIL_ADDRESS:SCANNER", "full_name:PERSON_NAME:ATLAS");
        assertThat(TestDatabase.kinds()).contains(kind);
    }
}
