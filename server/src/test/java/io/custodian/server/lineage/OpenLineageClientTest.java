package io.custodian.server.lineage;

import static io.custodian.server.testing.TestServer.encode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodian.catalog.testing.TestDatabase;
import io.custodian.server.testing.TestServer;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineage.RunEvent.EventType;
import io.openlineage.client.OpenLineageClient;
import io.openlineage.client.transports.ApiKeyTokenProvider;
import io.openlineage.client.transports.HttpConfig;
import io.openlineage.client.transports.HttpTransport;
import java.net.URI;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The real openlineage-java client, pointed at Custodian as it would be at Marquez. */
class OpenLineageClientTest {
    private static final URI PRODUCER = URI.create("https://github.com/OpenLineage/OpenLineage/tree/1.55.0/client/java");
    private static final String NAMESPACE = "postgres://warehouse:5432";

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void eventsSentByTheJavaClientBecomeCatalogEntries(String kind) throws Exception {
        try (TestServer server = TestServer.start(kind)) {
            for (HttpConfig.Compression compression : new HttpConfig.Compression[] {null, HttpConfig.Compression.GZIP}) {
                HttpConfig config = new HttpConfig();
                config.setUrl(server.uri());
                config.setEndpoint("/api/v1/lineage");
                config.setCompression(compression);
                ApiKeyTokenProvider auth = new ApiKeyTokenProvider();
                auth.setApiKey(server.key());
                config.setAuth(auth);
                String jobName = "orders_to_customers_" + (compression == null ? "plain" : "gzip");
                try (OpenLineageClient client = OpenLineageClient.builder().transport(new HttpTransport(config)).build()) {
                    UUID runId = UUID.randomUUID();
                    ZonedDateTime start = ZonedDateTime.parse("2025-04-01T08:00:00Z");
                    client.emit(runEvent(EventType.START, runId, start, jobName));
                    client.emit(runEvent(EventType.COMPLETE, runId, start.plusMinutes(3), jobName));

                    JsonNode dataset = server.getJson("/api/v1/namespaces/" + encode(NAMESPACE)
                            + "/datasets/" + encode("shop.analytics.customers"));
                    assertThat(dataset.get("fields")).extracting(f -> f.get("name").asText())
                            .containsExactly("customer_id", "email");
                    assertThat(dataset.get("description").asText()).isEqualTo("One row per customer");
                    assertThat(dataset.get("facets").has("columnLineage")).isTrue();

                    JsonNode job = server.getJson("/api/v1/namespaces/etl/jobs/" + jobName);
                    assertThat(job.get("version").get("sql").asText()).startsWith("INSERT INTO analytics.customers");
                    assertThat(job.get("latestRun").get("id").asText()).isEqualTo(runId.toString());
                    assertThat(job.get("latestRun").get("state").asText()).isEqualTo("COMPLETED");
                    assertThat(job.get("latestRun").get("durationMs").asLong()).isEqualTo(180_000L);

                    JsonNode run = server.getJson("/api/v1/jobs/runs/" + runId);
                    assertThat(run.get("outputDatasetVersions").get(0).get("datasetVersionId").get("version").asText())
                            .isEqualTo(dataset.get("currentVersion").asText());
                }
            }
            assertThat(server.eventCount()).isEqualTo(4);
        }
    }

    private static OpenLineage.RunEvent runEvent(EventType type, UUID runId, ZonedDateTime time, String jobName) {
        OpenLineage ol = new OpenLineage(PRODUCER);
        OpenLineage.JobFacets jobFacets = ol.newJobFacetsBuilder()
                .sql(ol.newSQLJobFacetBuilder()
                        .query("INSERT INTO analytics.customers SELECT id, email FROM raw.users")
                        .dialect("postgres")
                        .build())
                .jobType(ol.newJobTypeJobFacetBuilder().processingType("BATCH").integration("AIRFLOW")
                        .jobType("TASK").build())
                .build();
        OpenLineage.InputDataset input = ol.newInputDatasetBuilder()
                .namespace(NAMESPACE)
                .name("shop.raw.users")
                .facets(ol.newDatasetFacetsBuilder()
                        .schema(schema(ol, "id", "integer", "email", "text"))
                        .build())
                .build();
        OpenLineage.ColumnLineageDatasetFacetFields lineage = ol.newColumnLineageDatasetFacetFieldsBuilder()
                .put("customer_id", identityFrom(ol, "id"))
                .put("email", identityFrom(ol, "email"))
                .build();
        OpenLineage.OutputDataset output = ol.newOutputDatasetBuilder()
                .namespace(NAMESPACE)
                .name("shop.analytics.customers")
                .facets(ol.newDatasetFacetsBuilder()
                        .schema(schema(ol, "customer_id", "integer", "email", "text"))
                        .documentation(ol.newDocumentationDatasetFacetBuilder().description("One row per customer")
                                .build())
                        .columnLineage(ol.newColumnLineageDatasetFacetBuilder().fields(lineage).build())
                        .build())
                .build();
        return ol.newRunEventBuilder()
                .eventType(type)
                .eventTime(time)
                .run(ol.newRunBuilder().runId(runId).build())
                .job(ol.newJobBuilder().namespace("etl").name(jobName).facets(jobFacets).build())
                .inputs(List.of(input))
                .outputs(List.of(output))
                .build();
    }

    private static OpenLineage.SchemaDatasetFacet schema(OpenLineage ol, String... nameTypePairs) {
        List<OpenLineage.SchemaDatasetFacetFields> fields = new java.util.ArrayList<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            fields.add(ol.newSchemaDatasetFacetFieldsBuilder().name(nameTypePairs[i]).type(nameTypePairs[i + 1]).build());
        }
        return ol.newSchemaDatasetFacetBuilder().fields(fields).build();
    }

    private static OpenLineage.ColumnLineageDatasetFacetFieldsAdditional identityFrom(OpenLineage ol, String field) {
        return ol.newColumnLineageDatasetFacetFieldsAdditionalBuilder()
                .inputFields(List.of(ol.newInputFieldBuilder()
                        .namespace(NAMESPACE)
                        .name("shop.raw.users")
                        .field(field)
                        .transformations(List.of(ol.newInputFieldTransformationsBuilder()
                                .type("DIRECT").subtype("IDENTITY").build()))
                        .build()))
                .build();
    }
}
