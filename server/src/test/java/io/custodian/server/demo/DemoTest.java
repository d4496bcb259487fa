package io.custodian.server.demo;

import static io.custodian.server.testing.TestServer.encode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodian.server.testing.TestServer;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import io.custodian.catalog.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The demo as a newcomer meets it (over each catalog store): a real service with the demo on, its H2 shop database made
 * under the data folder, the jobs' events ingested and the source scanned; then what the README's
 * tour asks over HTTP finds the demo's data.
 */
class DemoTest {
    private static final String NS = DemoWiring.NAMESPACE;

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theDemoBuildsItsSourceSendsItsJobsAndScansItSoTheTourFindsItsData(String kind) throws Exception {
        // Started as `java -jar custodian.jar demo config.yml` starts it: the demo command, over a
        // configuration that leaves the demo off.
        try (TestServer server = TestServer.start(kind, DemoCommand::new)) {
            String steward = server.createKey("steward", "STEWARD", "READER");
            JsonNode scans = await(server, steward, "/api/v1/scans",
                    body -> body.get("scans").size() == 1
                            && !List.of("QUEUED", "RUNNING").contains(body.get("scans").get(0).get("status").asText()));
            JsonNode scan = scans.get("scans").get(0);
            assertThat(scan.get("status").asText()).as(scan.toString()).isEqualTo("SUCCEEDED");
            assertThat(scan.get("source").asText()).isEqualTo(DemoWiring.SOURCE);
            assertThat(scan.get("requestedBy").asText()).isEqualTo("custodian-demo");
            assertThat(scan.get("progress").get("tables").asInt()).isEqualTo(8);

            // Every job that builds the warehouse, and every table, is in the catalog.
            assertThat(names(server.getJson("/api/v1/namespaces/" + DemoWiring.JOB_NAMESPACE + "/jobs").get("jobs")))
                    .hasSize(DemoShop.JOBS.size()).contains("silver.build_customers", "gold.build_customer_lifetime_value");
            assertThat(names(server.getJson("/api/v1/namespaces/" + NS + "/datasets").get("datasets")))
                    .containsExactlyInAnyOrder("shop.bronze.raw_customers", "shop.bronze.raw_orders",
                            "shop.bronze.raw_web_events", "shop.silver.customers", "shop.silver.orders",
                            "shop.silver.sessions", "shop.gold.customer_lifetime_value",
                            "shop.gold.daily_revenue_by_country");
            // The scanner's findings: the email in silver, the card numbers in bronze; never a value.
            String customers = "/api/v1/namespaces/" + NS + "/datasets/" + encode("shop.silver.customers");
            JsonNode email = field(server.getJson(customers), "email").get("classifications");
            assertThat(types(email, "SCANNER")).contains("EMAIL_ADDRESS");
            assertThat(types(field(server.getJson(customers), "phone_number").get("classifications"), "SCANNER"))
                    .contains("PHONE_NUMBER");
            JsonNode card = field(server.getJson("/api/v1/namespaces/" + NS + "/datasets/"
                    + encode("shop.bronze.raw_orders")), "card_number").get("classifications");
            assertThat(types(card, "SCANNER")).contains("CREDIT_CARD");
            assertThat(scans.toString()).doesNotContain("@example.com").doesNotContain("4000 00");

            // Search finds the table and the job that writes it.
            List<String> found = new ArrayList<>();
            server.getJson("/api/v1/search?q=" + encode("customer email")).get("results")
                    .forEach(hit -> found.add(hit.get("type").asText() + " " + hit.get("name").asText()));
            assertThat(found).contains("DATASET shop.silver.customers", "JOB silver.build_customers");
            JsonNode classified = server.getJson("/api/v1/search?q=" + encode("classification:EMAIL_ADDRESS"));
            assertThat(names(classified.get("results"))).contains("shop.bronze.raw_customers", "shop.silver.customers");

            // Lineage: the mart comes from bronze through silver, and its email column from raw_customers.email,
            // as derived from the jobs' SQL.
            JsonNode upstream = server.getJson("/api/v1/lineage?nodeId="
                    + encode("dataset:" + NS + ":shop.gold.customer_lifetime_value") + "&direction=upstream");
            List<String> ids = new ArrayList<>();
            upstream.get("graph").forEach(node -> ids.add(node.get("id").asText()));
            assertThat(ids).contains("dataset:" + NS + ":shop.bronze.raw_customers",
                    "job:" + DemoWiring.JOB_NAMESPACE + ":silver.build_customers");
            JsonNode columns = server.getJson("/api/v1/column-lineage?nodeId="
                    + encode("datasetField:" + NS + ":shop.gold.customer_lifetime_value:email"));
            List<String> fields = new ArrayList<>();
            columns.get("graph").forEach(node -> fields.add(node.get("id").asText()));
            assertThat(fields).contains("datasetField:" + NS + ":shop.silver.customers:email",
                    "datasetField:" + NS + ":shop.bronze.raw_customers:email");

            // The shop's files are private to the service's user, like the rest of the data folder.
            Path demo = server.dataDir().resolve("demo");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(demo))).isEqualTo("rwx------");
            try (var files = Files.list(demo)) {
                assertThat(files.filter(Files::isRegularFile).toList()).isNotEmpty().allSatisfy(file -> assertThat(
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------"));
            }
        }
    }

    private static JsonNode await(TestServer server, String key, String path, Predicate<JsonNode> done)
            throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < end) {
            last = TestServer.json(server.send(HttpRequest.newBuilder(server.uri().resolve(path))
                    .header("Authorization", "Bearer " + key).GET().build()).body());
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not reached in 60 s: " + last);
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(item -> names.add(item.get("name").asText()));
        return names;
    }

    private static JsonNode field(JsonNode dataset, String name) {
        for (JsonNode field : dataset.get("fields")) {
            if (field.get("name").asText().equals(name)) {
                return field;
            }
        }
        throw new AssertionError("no field " + name + " in " + dataset);
    }

    private static List<String> types(JsonNode classifications, String source) {
        List<String> types = new ArrayList<>();
        classifications.forEach(c -> {
            if (c.get("source").asText().equals(source)) {
                types.add(c.get("type").asText());
            }
        });
        return types;
    }
}
