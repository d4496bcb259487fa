package io.custodian.atlas;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.atlas.client.AtlasConnection;
import io.custodian.atlas.export.AtlasExporter;
import io.custodian.atlas.export.ExportReport;
import io.custodian.atlas.importing.AtlasImporter;
import io.custodian.atlas.importing.ImportReport;
import io.custodian.atlas.testing.FakeAtlas;
import io.custodian.catalog.classification.Classification;
import io.custodian.catalog.classification.ClassificationStore;
import io.custodian.catalog.classification.ClassifiedFields;
import io.custodian.catalog.classification.Decision;
import io.custodian.catalog.classification.Finding;
import io.custodian.catalog.ingest.LineageEventParser;
import io.custodian.catalog.testing.TestCatalog;
import io.custodian.policy.ClassificationType;
import io.custodian.policy.Sensitivity;
import io.custodian.policy.Taxonomy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A catalog (H2 or PostgreSQL) with classifications, a fake Atlas on loopback holding Hive tables,
 * and the bridge's exporter and importer between them, mapped as the Hive hook names things.
 */
final class BridgeFixture implements AutoCloseable {
    static final String NAMESPACE = "hive://metastore:9083";
    static final String USER = "custodian";
    static final String PASSWORD = "s3cret-atlas";
    static final Taxonomy TAXONOMY = new Taxonomy(List.of(
            new ClassificationType("EMAIL_ADDRESS", Sensitivity.CONFIDENTIAL, "An email address", true),
            new ClassificationType("PERSON_NAME", Sensitivity.CONFIDENTIAL, "A person's name", false),
            new ClassificationType("CREDIT_CARD_NUMBER", Sensitivity.RESTRICTED, "A payment card number", false)));
    final TestCatalog catalog;
    final ClassificationStore store;
    final FakeAtlas atlas;
    final AtlasSettings settings;
    final AtlasExporter exporter;
    final AtlasImporter importer;

    BridgeFixture(String kind) throws IOException {
        this(kind, USER, PASSWORD, 100);
    }

    BridgeFixture(String kind, String user, String password, int pageSize) throws IOException {
        catalog = TestCatalog.open(kind);
        store = new ClassificationStore(catalog.jdbi(), Clock.systemUTC());
        atlas = new FakeAtlas(USER, PASSWORD);
        settings = new AtlasSettings(atlas.url(), user, password, Duration.ofSeconds(5), Duration.ofSeconds(10), 3,
                Duration.ofMillis(10), pageSize, "PII", Map.of("PII_EMAIL", "EMAIL_ADDRESS"),
                List.of(new NamespaceMapping(NAMESPACE, AtlasModel.HIVE, "{dataset}@prod", "{dataset}.{field}@prod", true)));
        exporter = new AtlasExporter(settings, new ClassifiedFields(catalog.jdbi(), store), () -> TAXONOMY);
        importer = new AtlasImporter(settings, catalog.ingestor(), new LineageEventParser(), store, () -> TAXONOMY,
                Duration.ofSeconds(30));
    }

    /** A Hive table in Atlas, {@code db.table@prod}, with string columns. */
    String hiveTable(String dataset, String... columns) {
        return atlas.addTable("hive_table", "hive_column", "type", dataset + "@prod", dataset.substring(dataset.indexOf('.') + 1),
                null, java.util.Arrays.stream(columns).map(c -> new FakeAtlas.Column(c, "string", null)).toList());
    }

    /** A dataset in the catalog, with its schema, sent as a producer would. */
    void dataset(String name, String... fields) {
        StringBuilder json = new StringBuilder("{\"eventTime\":\"2026-01-01T00:00:00Z\",\"producer\":\"https://example.com/p\","
                + "\"schemaURL\":\"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent\","
                + "\"dataset\":{\"namespace\":\"" + NAMESPACE + "\",\"name\":\"" + name + "\",\"facets\":{\"schema\":{"
                + "\"_producer\":\"https://example.com/p\",\"_schemaURL\":\"https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json\","
                + "\"fields\":[");
        for (int i = 0; i < fields.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"name\":\"").append(fields[i]).append("\",\"type\":\"string\"}");
        }
        json.append("]}}}}");
        catalog.ingest(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    void scanned(String dataset, String field, String type) {
        UUID id = store.dataset(NAMESPACE, dataset).orElseThrow().id();
        store.recordScan(id, List.of(field), List.of(new Finding(field, type, 0.9, "test", 10, 9)), UUID.randomUUID(),
                "test-1", null, Instant.now());
    }

    void steward(String dataset, String field, String type, Decision decision) {
        store.decide(NAMESPACE, dataset, field, type, decision, null, "steward@example.com");
    }

    List<Classification> classifications(String dataset) {
        return store.classifications(NAMESPACE, dataset).orElseThrow();
    }

    ExportReport export() {
        try (AtlasConnection connection = new AtlasConnection(settings)) {
            return exporter.export(connection);
        }
    }

    ImportReport importAll() {
        try (AtlasConnection connection = new AtlasConnection(settings)) {
            return importer.importAll(connection);
        }
    }

    void assertEveryRequestAuthenticated() {
        assertThat(atlas.requests()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.authorization()).startsWith("Basic "));
    }

    @Override
    public void close() {
        atlas.close();
        catalog.close();
    }
}
