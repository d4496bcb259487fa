package io.custodian.atlas;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.atlas.importing.ImportReport;
import io.custodian.atlas.testing.FakeAtlas;
import io.custodian.catalog.classification.Classification;
import io.custodian.catalog.classification.ClassificationSource;
import io.custodian.catalog.classification.Decision;
import io.custodian.catalog.read.Views;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AtlasImportTest {
    private BridgeFixture f;

    @BeforeEach
    void open() throws Exception {
        f = new BridgeFixture("h2");
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void tablesAndColumnsArriveThroughIngestionWithTheirClassificationsAsAtlas() {
        f.atlas.addTable("hive_table", "hive_column", "type", "crm.contacts@prod", "contacts", "People we talk to",
                List.of(new FakeAtlas.Column("contact_id", "bigint", null),
                        new FakeAtlas.Column("email", "string", "work email")));
        f.atlas.classify("hive_column", "crm.contacts.email@prod", "EMAIL_ADDRESS");

        ImportReport report = f.importAll();

        assertThat(report.tablesRead()).isEqualTo(1);
        assertThat(report.classificationsImported()).isEqualTo(1);
        Views.Dataset dataset = f.catalog.reader().dataset(BridgeFixture.NAMESPACE, "crm.contacts").orElseThrow();
        assertThat(dataset.description()).isEqualTo("People we talk to");
        assertThat(dataset.fields()).extracting(Views.Field::name, Views.Field::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("contact_id", "bigint"),
                        org.assertj.core.groups.Tuple.tuple("email", "string"));
        Classification email = f.classifications("crm.contacts").get(0);
        assertThat(email.field()).isEqualTo("email");
        assertThat(email.source()).isEqualTo(ClassificationSource.ATLAS);
        assertThat(email.active()).isTrue();
        assertThat(email.explanation()).isEqualTo("Atlas hive_column crm.contacts.email@prod carries EMAIL_ADDRESS");
        // The event went through the log like any producer's.
        assertThat(f.catalog.reader().events(java.time.Instant.EPOCH, java.time.Instant.now().plusSeconds(60), 10, 0)
                .items()).anySatisfy(e -> assertThat(e.toString()).contains("custodian.io/atlas-bridge"));
    }

    @Test
    void importingAgainChangesNothing() {
        f.hiveTable("crm.contacts", "contact_id", "email");
        f.atlas.classify("hive_column", "crm.contacts.email@prod", "EMAIL_ADDRESS");
        f.importAll();
        long logged = f.catalog.ingestor().loggedEvents();
        var before = f.catalog.snapshot();

        f.importAll();

        assertThat(f.catalog.ingestor().loggedEvents()).isEqualTo(logged);
        assertThat(f.catalog.snapshot()).isEqualTo(before);
    }

    @Test
    void aClassificationAtlasDropsIsDroppedAndAliasesAndUnknownTypesAreSortedOut() {
        f.hiveTable("crm.contacts", "contact_id", "email", "mail2", "budget");
        f.atlas.classify("hive_column", "crm.contacts.email@prod", "EMAIL_ADDRESS");
        f.atlas.classify("hive_column", "crm.contacts.mail2@prod", "PII_EMAIL");
        f.atlas.classify("hive_column", "crm.contacts.budget@prod", "Finance");
        f.atlas.classify("hive_table", "crm.contacts@prod", "Sensitive");

        ImportReport report = f.importAll();

        assertThat(report.classificationsImported()).isEqualTo(2);
        assertThat(report.unmapped()).isEqualTo(1);
        assertThat(report.unmappedTypes()).containsExactly("Finance");
        assertThat(report.tableLevelSkipped()).isEqualTo(1);
        assertThat(f.classifications("crm.contacts")).extracting(Classification::field)
                .containsExactly("email", "mail2");

        f.atlas.declassify("hive_column", "crm.contacts.email@prod", "EMAIL_ADDRESS");
        f.importAll();

        assertThat(f.classifications("crm.contacts")).extracting(Classification::field).containsExactly("mail2");
    }

    @Test
    void aStewardsRejectionWinsOverAtlasAndTheConflictShows() {
        f.dataset("crm.contacts", "contact_id", "email");
        f.steward("crm.contacts", "email", "EMAIL_ADDRESS", Decision.REJECTED);
        f.hiveTable("crm.contacts", "contact_id", "email");
        f.atlas.classify("hive_column", "crm.contacts.email@prod", "EMAIL_ADDRESS");

        ImportReport report = f.importAll();

        assertThat(report.conflicts()).isEqualTo(1);
        assertThat(report.conflictList()).containsExactly(BridgeFixture.NAMESPACE + "/crm.contacts.email EMAIL_ADDRESS");
        Classification email = f.classifications("crm.contacts").get(0);
        assertThat(email.active()).isFalse();
        assertThat(email.decision()).isEqualTo(Decision.REJECTED);
        assertThat(email.sources()).containsExactly(ClassificationSource.STEWARD, ClassificationSource.ATLAS);
        assertThat(email.conflict()).contains("a steward rejected it");
        // In force only what the steward says: nothing for this field is exported.
        f.export();
        assertThat(f.atlas.classifications("hive_column", "crm.contacts.email@prod")).singleElement()
                .satisfies(c -> assertThat(c.get("attributes").has("custodianSource")).isFalse());
    }

    @Test
    void tablesAreReadPageByPageAndNamesOutsideTheTemplateAreSkipped() throws Exception {
        f.close();
        f = new BridgeFixture("h2", BridgeFixture.USER, BridgeFixture.PASSWORD, 2);
        for (String table : List.of("a.t1", "a.t2", "a.t3", "a.t4")) {
            f.hiveTable(table, "c");
        }
        f.atlas.addTable("hive_table", "hive_column", "type", "b.t5@staging", "t5", null,
                List.of(new FakeAtlas.Column("c", "int", null)));

        ImportReport report = f.importAll();

        assertThat(report.tablesRead()).isEqualTo(4);
        assertThat(report.tablesSkipped()).isEqualTo(1);
        assertThat(f.atlas.requests().stream().filter(r -> r.path().endsWith("/search/basic")).toList())
                .extracting(r -> r.json().get("offset").asInt() + ":" + r.json().get("typeName").asText())
                .containsExactly("0:hive_table", "2:hive_table", "4:hive_table");
        assertThat(f.catalog.reader().dataset(BridgeFixture.NAMESPACE, "a.t4")).isPresent();
        assertThat(f.catalog.reader().dataset(BridgeFixture.NAMESPACE, "b.t5")).isEmpty();
    }
}
