package io.custodian.server.masking;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodian.catalog.testing.TempFolders;
import io.custodian.catalog.testing.TestDatabase;
import io.custodian.masking.keys.KeyEncryptionKey;
import io.custodian.masking.keys.Keyring;
import io.custodian.masking.tokens.TokenLimits;
import io.custodian.masking.tokens.TokenService;
import io.custodian.server.testing.ServerPerDatabaseTest;
import io.custodian.server.testing.TestServer;
import io.dropwizard.testing.ConfigOverride;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The token and gateway APIs over HTTP: who may call what, round trips across a key rotation, a
 * rewritten query run on the server's own database, and bad input answered with a 4xx that says where.
 */
class MaskingApiTest extends ServerPerDatabaseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAMESPACE = "postgres://crm-db:5432";
    private static final String POLICY = """
            masking:
              rules:
                - name: privacy-team-raw
                  classifications: ["*"]
                  groups: [privacy]
                  strategy: NONE
                - name: support-phone
                  classifications: [PHONE_NUMBER]
                  roles: [support]
                  strategy: PARTIAL
                  parameters: {keep_last: 4}
                - name: analysts-hash-email
                  classifications: [EMAIL_ADDRESS]
                  roles: [analyst]
                  strategy: HASH
            """;
    private final Path policies = policyFolder();

    private static Path policyFolder() {
        Path folder = TempFolders.create("custodian-masking-policies-");
        try {
            Files.writeString(folder.resolve("masking.yml"), POLICY);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return folder;
    }

    @Override
    protected ConfigOverride[] overrides() {
        return new ConfigOverride[] {ConfigOverride.config("policies.dir", policies.toString()),
};
    }

    private static HttpResponse<String> post(TestServer server, String key, String path, Object body) {
        try {
            return server.post(path, JSON.writeValueAsBytes(body), Map.of("Authorization", "Bearer " + key));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode tokenRequest(String purpose, List<String> values) {
        ObjectNode body = JSON.createObjectNode().put("purpose", purpose);
        ArrayNode array = body.putArray("values");
        values.forEach(array::add);
        return body;
    }

    private static List<String> values(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        TestServer.json(response.body()).get("values").forEach(v -> out.add(v.isNull() ? null : v.asText()));
        return out;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void tokensRoundTripAcrossARotationAndOnlyADetokenizerWithAReasonGetsValuesBack(String kind) {
        TestServer server = server(kind);
        String tokenizer = server.createKey("pipeline", "TOKENIZER");
        String detokenizer = server.createKey("support desk", "DETOKENIZER");
        String admin = TestServer.ADMIN_KEY;

        List<String> before = values(post(server, tokenizer, "/api/v1/tokens/tokenize",
                JSON.createObjectNode().put("classification", "EMAIL_ADDRESS").set("values",
                        JSON.createArrayNode().add("ada@example.org").add("ada@example.org").addNull())));
        assertThat(before.get(0)).startsWith("tk1_").isEqualTo(before.get(1)).doesNotContain("ada");
        assertThat(before.get(2)).isNull();

        assertThat(post(server, admin, "/api/v1/tokens/keys/contact/tokenize/rotate", Map.of()).statusCode())
                .isEqualTo(200);
        List<String> after = values(post(server, tokenizer, "/api/v1/tokens/tokenize",
                tokenRequest("contact", List.of("ada@example.org"))));
        assertThat(after.get(0)).as("a new primary key makes a new token").isNotEqualTo(before.get(0));

        ObjectNode reveal = tokenRequest("contact", List.of(before.get(0), after.get(0)));
        reveal.put("reason", "subject access request 2026-118");
        assertThat(values(post(server, detokenizer, "/api/v1/tokens/detokenize", reveal)))
                .containsExactly("ada@example.org", "ada@example.org");
        assertThat(post(server, tokenizer, "/api/v1/tokens/detokenize", reveal).statusCode())
                .as("TOKENIZER may not detokenize").isEqualTo(403);
        HttpResponse<String> noReason = post(server, detokenizer, "/api/v1/tokens/detokenize",
                tokenRequest("contact", List.of(before.get(0))));
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("/reason");

        List<String> retokenized = values(post(server, tokenizer, "/api/v1/tokens/retokenize",
                tokenRequest("contact", List.of(before.get(0)))));
        assertThat(retokenized).containsExactly(after.get(0));

        List<String> sealed = values(post(server, tokenizer, "/api/v1/tokens/encrypt",
                tokenRequest("contact", List.of("ada@example.org", "ada@example.org"))));
        assertThat(sealed.get(0)).startsWith("ec1_").isNotEqualTo(sealed.get(1));
        ObjectNode open = tokenRequest("contact", sealed);
        open.put("reason", "pipeline replay");
        assertThat(values(post(server, detokenizer, "/api/v1/tokens/decrypt", open)))
                .containsExactly("ada@example.org", "ada@example.org");
        List<String> pseudonyms = values(post(server, tokenizer, "/api/v1/tokens/pseudonymize",
                tokenRequest("contact", List.of("ada@example.org", "ada@example.org"))));
        assertThat(pseudonyms.get(0)).startsWith("ps1_").isEqualTo(pseudonyms.get(1));

        JsonNode audit = server.send(HttpRequest.newBuilder(server.uri().resolve("/api/v1/audit?limit=200"))
                .header("Authorization", "Bearer " + admin).GET().build()).body().transform(TestServer::json);
        assertThat(audit.toString()).contains("token.detokenize", "subject access request 2026-118",
                "masking.key.rotate").doesNotContain("ada@example.org");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void badTokenRequestsAreRefusedSayingWhereAndChangeNothing(String kind) {
        TestServer server = server(kind);
        String tokenizer = server.createKey("bulk", "TOKENIZER");
        String detokenizer = server.createKey("desk", "DETOKENIZER");

        List<String> huge = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            huge.add("v" + i);
        }
        HttpResponse<String> tooMany = post(server, tokenizer, "/api/v1/tokens/tokenize", tokenRequest("contact", huge));
        assertThat(tooMany.statusCode()).isBetween(400, 413);
        assertThat(tooMany.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        // A token of another deployment: the same purpose under keys this service never saw.
        String foreign;
        try (TestDatabase other = TestDatabase.h2()) {
            Keyring keyring = new Keyring(other.migrate().jdbi(),
                    KeyEncryptionKey.fromJson(KeyEncryptionKey.generateJson()), Set.of("contact"), Clock.systemUTC());
            keyring.start();
            foreign = new TokenService(keyring, event -> { }, TokenLimits.DEFAULTS)
                    .tokenize("test", "contact", List.of("ada@example.org")).get(0);
        }
        ObjectNode request = tokenRequest("contact", List.of("tk1_garbage", foreign));
        request.put("reason", "checking");
        HttpResponse<String> garbage = post(server, detokenizer, "/api/v1/tokens/detokenize", request);
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("/values/0");
        request = tokenRequest("contact", List.of(foreign));
        request.put("reason", "checking");
        HttpResponse<String> other = post(server, detokenizer, "/api/v1/tokens/detokenize", request);
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(other.body()).contains("/values/0", "not a token of purpose 'contact' in this deployment");

        HttpResponse<String> binary = server.post("/api/v1/tokens/tokenize",
                new byte[] {(byte) 0xC0, (byte) 0xAF, 0, 1, 2, (byte) 0xFF}, Map.of("Authorization", "Bearer " + tokenizer));
        assertThat(binary.statusCode()).isEqualTo(400);
        assertThat(post(server, tokenizer, "/api/v1/tokens/tokenize", tokenRequest("nope", List.of("x"))).body())
                .contains("/purpose");
        assertThat(post(server, tokenizer, "/api/v1/tokens/tokenize", Map.of("purpose", "contact", "values", "x"))
                .body()).contains("/values");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRewrittenQueryRunsOnTheDatabaseAndShowsEachPrincipalWhatThePolicyAllows(String kind)
            throws SQLException {
        TestServer server = server(kind);
        String steward = server.createKey("steward", "STEWARD");
        String gateway = server.createKey("trino", "GATEWAY");
        // The PostgreSQL test database is shared by runs: a table of this run's own.
        String table = "customers_" + UUID.randomUUID().toString().substring(0, 8);
        byte[] event = run("COMPLETE", UUID.randomUUID(), Instant.parse("2026-11-01T00:00:00Z"))
                .output(dataset(NAMESPACE, "crm.shop." + table)
                        .schema("id:integer", "email:varchar(100)", "phone:varchar(30)", "city:varchar(50)"))
                .bytes();
        assertThat(server.post("/api/v1/lineage", event).statusCode()).isEqualTo(201);
        for (String[] field : new String[][] {{"email", "EMAIL_ADDRESS"}, {"phone", "PHONE_NUMBER"}}) {
            HttpResponse<String> decided = server.send(HttpRequest.newBuilder(server.uri().resolve(
                            "/api/v1/namespaces/" + TestServer.encode(NAMESPACE) + "/datasets/crm.shop." + table
                                    + "/fields/" + field[0] + "/classifications/" + field[1]))
                    .header("Authorization", "Bearer " + steward).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"note\":\"confirmed\"}")).build());
            assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        }
        try (Connection connection = server.database().dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS shop");
            statement.execute("CREATE TABLE shop." + table
                    + " (id integer, email varchar(100), phone varchar(30), city varchar(50))");
            statement.execute("INSERT INTO shop." + table
                    + " VALUES (1, 'ada@example.org', '+44 20 7946 0958', 'London')");
        }
        String dialect = kind.equals("postgresql") ? "postgresql" : "h2";
        String sql = "SELECT c.email || ' / ' || c.phone AS contact, upper(c.city) AS city FROM shop." + table + " c";

        assertThat(rewriteAndRun(server, gateway, dialect, sql, List.of("analyst"), List.of()))
                .singleElement().satisfies(row -> assertThat(row)
                        .doesNotContain("ada@example.org", "+44 20 7946 0958").contains("LONDON"));
        assertThat(rewriteAndRun(server, gateway, dialect, sql, List.of("support"), List.of()))
                .singleElement().satisfies(row -> assertThat(row)
                        .contains("*** / ", "0958").doesNotContain("ada@example.org", "7946"));
        assertThat(rewriteAndRun(server, gateway, dialect, sql, List.of(), List.of("privacy")))
                .singleElement().satisfies(row -> assertThat(row).contains("ada@example.org / +44 20 7946 0958"));

        ObjectNode decisions = JSON.createObjectNode().put("principal", "bob").put("dialect", "trino")
                .put("defaultNamespace", NAMESPACE).put("defaultDatabase", "crm");
        decisions.putArray("roles").add("support");
        ObjectNode requested = decisions.putArray("tables").addObject().put("name", "shop." + table);
        requested.putArray("columns").add(JSON.createObjectNode().put("name", "phone").put("type", "varchar(30)"))
                .add(JSON.createObjectNode().put("name", "city").put("type", "varchar(50)"));
        JsonNode answer = TestServer.json(post(server, gateway, "/api/v1/gateway/decisions", decisions).body());
        JsonNode phone = answer.get("tables").get(0).get("columns").get(0);
        assertThat(phone.get("strategy").asText()).isEqualTo("PARTIAL");
        assertThat(phone.get("rule").asText()).isEqualTo("support-phone");
        assertThat(phone.get("sql").asText()).endsWith("AS varchar(30))");
        assertThat(phone.get("policyVersion").asText()).isEqualTo(answer.get("policyVersion").asText()).hasSize(64);
        assertThat(answer.get("tables").get(0).get("columns").get(1).get("masked").asBoolean()).isFalse();
        try (Connection connection = server.database().dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE shop." + table);
        }
    }

    private static List<String> rewriteAndRun(TestServer server, String gateway, String dialect, String sql,
            List<String> roles, List<String> groups) throws SQLException {
        ObjectNode body = JSON.createObjectNode().put("sql", sql).put("principal", "alice").put("dialect", dialect)
                .put("defaultNamespace", NAMESPACE).put("defaultDatabase", "crm");
        roles.forEach(body.putArray("roles")::add);
        groups.forEach(body.putArray("groups")::add);
        HttpResponse<String> response = post(server, gateway, "/api/v1/gateway/rewrite", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String rewritten = TestServer.json(response.body()).get("sql").asText();
        List<String> rows = new ArrayList<>();
        try (Connection connection = server.database().dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(rewritten)) {
            while (result.next()) {
                rows.add(result.getString(1) + " | " + result.getString(2));
            }
        }
        return rows;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aClassificationOrSchemaChangeIsInTheNextDecisionDespiteTheCache(String kind) {
        TestServer server = server(kind);
        String steward = server.createKey("cache steward", "STEWARD");
        String gateway = server.createKey("cache gateway", "GATEWAY");
        String name = "crm.shop.accounts_" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(server.post("/api/v1/lineage", run("COMPLETE", UUID.randomUUID(), Instant.parse("2026-11-01T00:00:00Z"))
                .output(dataset(NAMESPACE, name).schema("id:integer", "c1:varchar(40)")).bytes()).statusCode())
                .isEqualTo(201);
        ObjectNode request = JSON.createObjectNode().put("principal", "dave").put("dialect", "postgresql")
                .put("defaultNamespace", NAMESPACE);
        request.putArray("tables").addObject().put("name", name).putArray("columns")
                .add(JSON.createObjectNode().put("name", "c1").put("type", "varchar(40)"));
        // (c1: a name ingest classification finds nothing in, so the column starts unclassified)
        JsonNode before = TestServer.json(post(server, gateway, "/api/v1/gateway/decisions", request).body());
        assertThat(before.get("tables").get(0).get("columns").get(0).get("masked").asBoolean()).isFalse();

        HttpResponse<String> decided = server.send(HttpRequest.newBuilder(server.uri().resolve("/api/v1/namespaces/"
                        + TestServer.encode(NAMESPACE) + "/datasets/" + name + "/fields/c1/classifications/PERSON_NAME"))
                .header("Authorization", "Bearer " + steward).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"note\":\"a name after all\"}")).build());
        assertThat(decided.statusCode()).isEqualTo(200);

        JsonNode after = TestServer.json(post(server, gateway, "/api/v1/gateway/decisions", request).body());
        assertThat(after.get("tables").get(0).get("columns").get(0).get("masked").asBoolean())
                .as("the steward's decision drops the cached resolution").isTrue();

        // A new schema without the column: the column is unknown now, and masked by default.
        assertThat(server.post("/api/v1/lineage", run("COMPLETE", UUID.randomUUID(), Instant.parse("2026-11-02T00:00:00Z"))
                .output(dataset(NAMESPACE, name).schema("id:integer")).bytes()).statusCode()).isEqualTo(201);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode latest;
        do {
            latest = TestServer.json(post(server, gateway, "/api/v1/gateway/decisions", request).body());
        } while (!latest.get("tables").get(0).get("columns").get(0).get("rule").asText().equals("unknown-column")
                && System.nanoTime() < deadline);
        assertThat(latest.get("tables").get(0).get("columns").get(0).get("rule").asText()).isEqualTo("unknown-column");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void badGatewayRequestsGetA4xxThatSaysWhere(String kind) {
        TestServer server = server(kind);
        String gateway = server.createKey("gateway", "GATEWAY");
        ObjectNode decisions = JSON.createObjectNode().put("principal", "bob").put("dialect", "cobol")
                .put("defaultNamespace", NAMESPACE);
        decisions.putArray("tables").addObject().put("name", "t").putArray("columns")
                .add(JSON.createObjectNode().put("name", "c").put("type", "varchar(10)); DROP TABLE x; --"));
        HttpResponse<String> unknownDialect = post(server, gateway, "/api/v1/gateway/decisions", decisions);
        assertThat(unknownDialect.statusCode()).isEqualTo(400);
        assertThat(unknownDialect.body()).contains("/dialect", "postgresql");

        decisions.put("dialect", "trino");
        HttpResponse<String> hostileType = post(server, gateway, "/api/v1/gateway/decisions", decisions);
        assertThat(hostileType.statusCode()).isEqualTo(400);
        assertThat(hostileType.body()).contains("/tables/0/columns/0/type");

        String megabyte = "SELECT " + "1+".repeat(500_000) + "1";
        HttpResponse<String> huge = post(server, gateway, "/api/v1/gateway/rewrite", Map.of("sql", megabyte,
                "principal", "bob", "dialect", "postgresql", "defaultNamespace", NAMESPACE));
        assertThat(huge.statusCode()).isEqualTo(413);

        HttpResponse<String> unknownTable = post(server, gateway, "/api/v1/gateway/rewrite", Map.of(
                "sql", "SELECT name\nFROM nowhere", "principal", "bob", "dialect", "postgresql",
                "defaultNamespace", NAMESPACE));
        assertThat(unknownTable.statusCode()).isEqualTo(400);
        assertThat(unknownTable.body()).contains("unknown table", "line 2");

        HttpResponse<String> update = post(server, gateway, "/api/v1/gateway/rewrite", Map.of(
                "sql", "UPDATE x SET a = 1", "principal", "bob", "dialect", "postgresql",
                "defaultNamespace", NAMESPACE));
        assertThat(update.statusCode()).isEqualTo(400);
        String reader = server.key();
        assertThat(post(server, reader, "/api/v1/gateway/rewrite", Map.of("sql", "SELECT 1", "principal", "bob",
                "dialect", "postgresql", "defaultNamespace", NAMESPACE)).statusCode()).isEqualTo(403);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void gatewayAnswersAreAuditedPerPrincipalAndWindowNotPerCall(String kind) throws InterruptedException {
        TestServer server = server(kind);
        String gateway = server.createKey("audited gateway", "GATEWAY");
        ObjectNode decisions = JSON.createObjectNode().put("principal", "carol-" + kind).put("dialect", "trino")
                .put("defaultNamespace", NAMESPACE);
        decisions.putArray("tables").addObject().put("name", "unknown_table").putArray("columns")
                .add(JSON.createObjectNode().put("name", "c").put("type", "varchar(10)"));
        for (int i = 0; i < 3; i++) {
            assertThat(post(server, gateway, "/api/v1/gateway/decisions", decisions).statusCode()).isEqualTo(200);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String entries = "";
        while (System.nanoTime() < deadline) {
            entries = server.send(HttpRequest.newBuilder(server.uri().resolve("/api/v1/audit?limit=500"))
                    .header("Authorization", "Bearer " + TestServer.ADMIN_KEY).GET().build()).body();
            if (entries.contains("principal carol-" + kind)) {
                break;
            }
            Thread.sleep(200);
        }
        JsonNode all = TestServer.json(entries);
        List<JsonNode> mine = new ArrayList<>();
        all.findParents("target").forEach(e -> {
            if (("principal carol-" + kind).equals(e.get("target").asText())) {
                mine.add(e);
            }
        });
        assertThat(mine).singleElement().satisfies(e -> {
            assertThat(e.get("action").asText()).isEqualTo("gateway.decisions");
            assertThat(e.get("detail").asText()).startsWith("calls=3 tables=3 columns=3 masked=3");
        });
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
