package io.custodian.server.erasure;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static io.custodian.server.erasure.SubjectRequestCalls.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodian.catalog.testing.TempFolders;
import io.custodian.catalog.testing.TestDatabase;
import io.custodian.server.testing.TestServer;
import io.dropwizard.testing.ConfigOverride;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The proof that a subject request does what it says, end to end, through the API of a real server
 * over a real source: PostgreSQL for both the store and the source when {@code CUSTODIAN_TEST_PG_URL}
 * is set, H2 otherwise. A shop of thirteen tables in layers (raw events, customers and their clean
 * copy, orders with a real foreign key, payments under a duty to keep, clicks, tickets, a marketing
 * export, an aggregate, features, a legal hold, staff notes) plus a CRM source, described by
 * OpenLineage events and classified by a real scan; the erasure policy declares the keys the
 * scanner cannot know and the rules the law sets. Then Alice asks for her data and to be erased,
 * and the test checks the tables themselves, row by row, against what it measured before.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SubjectRequestEndToEndTest {
    private static final String NS = "test://target";
    private static final String CRM_NS = "test://crm";
    private static final String ALICE = "Alice.Liddell@Example.com";
    private static final long ALICE_ID = 1001;
    private static final String DAN = "dan.brown@example.com";
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    /** The shop's tables; each one's first column is its row key. */
    private static final List<String> TABLES = List.of("raw_events", "customers", "clean_customers", "orders",
            "payments", "clickstream", "support_tickets", "marketing_export", "daily_revenue_by_city",
            "customer_features", "legal_hold_cases", "staff_notes");
    private final String kind = TestDatabase.kinds().contains("postgresql") ? "postgresql" : "h2";
    private final String schema = "shop_" + UUID.randomUUID().toString().substring(0, 8);
    private final String crmSchema = "crm_" + UUID.randomUUID().toString().substring(0, 8);
    private TestDatabase source;
    private Path policies;
    private TestServer server;
    private SubjectRequestCalls api;
    private String officerA;
    private String officerB;
    private final Map<String, List<String>> findings = new TreeMap<>();
    /** The CRM's write user: read again at each (re)start. */
    private volatile String crmWriteUser;

    @BeforeAll
    void start() throws Exception {
        source = TestDatabase.create(kind);
        crmWriteUser = source.user();
        seed();
        policies = TempFolders.create("custodian-policies-");
        Files.writeString(policies.resolve("erasure.yml"), policy());
        server = TestServer.start(kind,
                ConfigOverride.config("policies.dir", policies.toString()),
                ConfigOverride.config("sources[0].url", source.jdbcUrl()),
                ConfigOverride.config("sources[0].user", source.user()),
                ConfigOverride.config("sources[0].password", source.password()),
                ConfigOverride.config("sources[0].writeUser", source.user()),
                ConfigOverride.config("sources[0].writePassword", source.password()),
                ConfigOverride.config("sources[1].name", "crm"),
                ConfigOverride.config("sources[1].url", source.jdbcUrl()),
                ConfigOverride.config("sources[1].user", source.user()),
                ConfigOverride.config("sources[1].password", source.password()),
                ConfigOverride.config("sources[1].namespace", CRM_NS),
                ConfigOverride.config("sources[1].connectTimeout", "1s"),
                ConfigOverride.config("sources[1].writeUser", () -> crmWriteUser),
                ConfigOverride.config("sources[1].writePassword", source.password()),
                ConfigOverride.config("scanner.sources[0].name", "crm"));
        api = new SubjectRequestCalls(() -> server);
        officerA = server.createKey("officer a", "PRIVACY_OFFICER");
        officerB = server.createKey("officer b", "PRIVACY_OFFICER");
        String steward = server.createKey("steward", "STEWARD", "READER");
        describeByLineage();
        scan(steward, "target", schema);
        scan(steward, "crm", crmSchema);
        System.out.println("What the scanner classified: " + findings);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (source != null) {
            execute("DROP SCHEMA " + schema + " CASCADE", "DROP SCHEMA " + crmSchema + " CASCADE");
            source.close();
        }
        TempFolders.delete(policies);
    }

    // ---- the shop ------------------------------------------------------------------------------

    private record Customer(long id, String email, String name, String city) {}

    private static List<Customer> customers() {
        List<Customer> out = new ArrayList<>(List.of(
                new Customer(ALICE_ID, ALICE, "Alice Liddell", "Oxford"),
                new Customer(1002, "bob.dylan@example.com", "Bob Dylan", "Duluth"),
                new Customer(1003, "carol.king@example.com", "Carol King", "Oxford"),
                new Customer(1004, DAN, "Dan Brown", "Exeter"),
                new Customer(1005, "erin.hunt@example.com", "Erin Hunt", "Leeds")));
        String[] cities = {"Leeds", "York", "Bath", "Derby"};
        String[] first = {"Olivia", "Liam", "Noah", "Emma", "Ava", "Mia", "Lucas", "Ella"};
        String[] last = {"Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Thomas", "Walker"};
        for (int i = 0; i < 56; i++) {
            String name = first[i % 8] + " " + last[(i / 8) % 8];
            out.add(new Customer(2000 + i, name.toLowerCase(Locale.ROOT).replace(' ', '.') + i + "@example.org", name,
                    cities[i % 4]));
        }
        return out;
    }

    private static final String[] CARDS = {"4111111111111111", "5500000000000004", "4012888888888881",
            "5105105105105100"};

    private void seed() throws SQLException {
        String s = schema + ".";
        execute("CREATE SCHEMA " + schema, "CREATE SCHEMA " + crmSchema,
                "CREATE TABLE " + s + "raw_events (event_id BIGINT PRIMARY KEY, payload VARCHAR(2000))",
                "CREATE TABLE " + s + "customers (id BIGINT PRIMARY KEY, email VARCHAR(200), name VARCHAR(200), "
                        + "city VARCHAR(100))",
                "CREATE TABLE " + s + "clean_customers (id BIGINT PRIMARY KEY, email VARCHAR(200), name VARCHAR(200), "
                        + "city VARCHAR(100))",
                "CREATE TABLE " + s + "orders (order_id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL REFERENCES "
                        + s + "customers (id), amount NUMERIC(10, 2))",
                "CREATE TABLE " + s + "payments (payment_id BIGINT PRIMARY KEY, customer_id BIGINT, card VARCHAR(30), "
                        + "amount NUMERIC(10, 2))",
                "CREATE TABLE " + s + "clickstream (click_id BIGINT PRIMARY KEY, user_email VARCHAR(200), "
                        + "url VARCHAR(500))",
                "CREATE TABLE " + s + "support_tickets (ticket_id BIGINT PRIMARY KEY, customer_id BIGINT, "
                        + "body VARCHAR(2000))",
                "CREATE TABLE " + s + "marketing_export (export_id BIGINT PRIMARY KEY, email VARCHAR(200), "
                        + "segment VARCHAR(50))",
                "CREATE TABLE " + s + "daily_revenue_by_city (city VARCHAR(100) PRIMARY KEY, revenue NUMERIC(12, 2), "
                        + "customers BIGINT)",
                "CREATE TABLE " + s + "customer_features (customer_id BIGINT PRIMARY KEY, features VARCHAR(500))",
                "CREATE TABLE " + s + "legal_hold_cases (case_id BIGINT PRIMARY KEY, customer_email VARCHAR(200), "
                        + "matter VARCHAR(200))",
                "CREATE TABLE " + s + "staff_notes (note_id BIGINT PRIMARY KEY, customer_name VARCHAR(200), "
                        + "note VARCHAR(2000))",
                "CREATE TABLE " + crmSchema + ".contacts (contact_id BIGINT PRIMARY KEY, contact_email VARCHAR(200), "
                        + "channel VARCHAR(50))");
        try (Connection c = source.dataSource().getConnection()) {
            List<Customer> all = customers();
            Map<String, BigDecimal> revenue = new TreeMap<>();
            Map<String, Long> buyers = new TreeMap<>();
            int n = 0;
            for (Customer customer : all) {
                long id = customer.id();
                String email = customer.email();
                insert(c, s + "raw_events", id, "{\"type\": \"signup\", \"email\": \"" + email + "\", \"city\": \""
                        + customer.city() + "\"}");
                insert(c, s + "customers", id, email, customer.name(), customer.city());
                insert(c, s + "clean_customers", id, email.toLowerCase(Locale.ROOT), customer.name(), customer.city());
                for (int k = 0; k < 2; k++) {
                    BigDecimal amount = BigDecimal.valueOf(1000 + id % 97 * 13 + k * 250, 2);
                    insert(c, s + "orders", 50_000 + id * 2 + k, id, amount);
                    revenue.merge(customer.city(), amount, BigDecimal::add);
                }
                buyers.merge(customer.city(), 1L, Long::sum);
                insert(c, s + "payments", 70_000 + id, id, CARDS[n % CARDS.length], BigDecimal.valueOf(1250 + n, 2));
                for (int k = 0; k < 3; k++) {
                    insert(c, s + "clickstream", 90_000 + id * 3 + k, email, "https://shop.example/p/" + (id + k));
                }
                insert(c, s + "support_tickets", 30_000 + id, id, "My parcel has not arrived; please write to "
                        + email + " with news.");
                insert(c, s + "marketing_export", 40_000 + id, email, n % 2 == 0 ? "loyal" : "lapsed");
                insert(c, s + "customer_features", id, "{\"orders\": 2, \"churn_risk\": 0." + (n % 10) + "}");
                n++;
            }
            for (Map.Entry<String, BigDecimal> city : revenue.entrySet()) {
                insert(c, s + "daily_revenue_by_city", city.getKey(), city.getValue(), buyers.get(city.getKey()));
            }
            insert(c, s + "legal_hold_cases", 1L, ALICE.toLowerCase(Locale.ROOT), "chargeback dispute 2026-114");
            insert(c, s + "legal_hold_cases", 2L, "bob.dylan@example.com", "warranty claim");
            // Notes by name only: personal data with no column that identifies anyone.
            String[] notes = {"Asked for a refund by phone.", "Prefers deliveries after six.",
                    "Complained about a late parcel.", "Wants paper invoices."};
            for (int i = 0; i < 40; i++) {
                insert(c, s + "staff_notes", (long) i + 1, i == 7 ? "Alice Liddell" : all.get(1 + i % 20).name(),
                        notes[i % 4]);
            }
            for (int i = 0; i < 30; i++) {
                String email = all.get(10 + i).email();
                insert(c, crmSchema + ".contacts", 600L + i, email, i % 2 == 0 ? "phone" : "email");
            }
            insert(c, crmSchema + ".contacts", 699L, DAN, "email");
        }
    }

    private static void insert(Connection c, String table, Object... values) throws SQLException {
        String marks = String.join(", ", java.util.Collections.nCopies(values.length, "?"));
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " VALUES (" + marks + ")")) {
            for (int i = 0; i < values.length; i++) {
                insert.setObject(i + 1, values[i]);
            }
            insert.executeUpdate();
        }
    }

    private void execute(String... statements) {
        try (Connection c = source.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String policy() {
        String s = schema;
        return """
                erasure:
                  keys:
                    - {dataset: "%1$s.orders", column: customer_id, references: {dataset: "%1$s.customers", column: id}}
                    - {dataset: "%1$s.payments", column: customer_id, references: {dataset: "%1$s.customers", column: id}}
                    - {dataset: "%1$s.support_tickets", column: customer_id, references: {dataset: "%1$s.customers", column: id}}
                    - {dataset: "%1$s.customer_features", column: customer_id, references: {dataset: "%1$s.customers", column: id}}
                  rules:
                    - dataset: "%1$s.payments"
                      action: ANONYMIZE
                      reason: "payments are kept seven years under tax law"
                      anonymize:
                        CREDIT_CARD: {strategy: REDACT, parameters: {value: "erased"}}
                        "column:card": {strategy: REDACT, parameters: {value: "erased"}}
                        "column:customer_id": NULLIFY
                    - dataset: "%1$s.legal_hold_cases"
                      action: RETAIN
                      reason: "litigation hold"
                      basis: "Case 2026-114, hold order of 2026-03-01"
                """.formatted(s);
    }

    /** The shop's jobs as OpenLineage run events, with column lineage. */
    private void describeByLineage() {
        String s = schema + ".";
        List<byte[]> events = List.of(
                run("COMPLETE", UUID.randomUUID(), T0).job("shop", "ingest_signups")
                        .input(dataset(NS, s + "raw_events").schema("event_id:bigint", "payload:varchar(2000)"))
                        .output(dataset(NS, s + "customers").schema("id:bigint", "email:varchar(200)",
                                        "name:varchar(200)", "city:varchar(100)")
                                .lineage("email", NS, s + "raw_events", "payload", "TRANSFORMATION"))
                        .bytes(),
                run("COMPLETE", UUID.randomUUID(), T0).job("shop", "clean_customers")
                        .input(dataset(NS, s + "customers"))
                        .output(dataset(NS, s + "clean_customers").schema("id:bigint", "email:varchar(200)",
                                        "name:varchar(200)", "city:varchar(100)")
                                .lineage("id", NS, s + "customers", "id", "IDENTITY")
                                .lineage("email", NS, s + "customers", "email", "IDENTITY")
                                .lineage("name", NS, s + "customers", "name", "IDENTITY")
                                .lineage("city", NS, s + "customers", "city", "IDENTITY"))
                        .bytes(),
                run("COMPLETE", UUID.randomUUID(), T0).job("shop", "revenue_by_city")
                        .input(dataset(NS, s + "customers"))
                        .input(dataset(NS, s + "orders"))
                        .output(dataset(NS, s + "daily_revenue_by_city").schema("city:varchar(100)",
                                        "revenue:numeric(12,2)", "customers:bigint")
                                .lineage("city", NS, s + "customers", "city", "IDENTITY")
                                .lineage("revenue", NS, s + "orders", "amount", "DIRECT", "AGGREGATION", "sum", false)
                                .lineage("customers", NS, s + "customers", "id", "DIRECT", "AGGREGATION", "count",
                                        false)
                                .datasetLineage(NS, s + "orders", "customer_id", "JOIN"))
                        .bytes(),
                run("COMPLETE", UUID.randomUUID(), T0).job("marketing", "export_segments")
                        .input(dataset(NS, s + "customers"))
                        .output(dataset(NS, s + "marketing_export").schema("export_id:bigint", "email:varchar(200)",
                                        "segment:varchar(50)")
                                .lineage("email", NS, s + "customers", "email", "IDENTITY"))
                        .bytes(),
                run("COMPLETE", UUID.randomUUID(), T0).job("ml", "customer_features")
                        .input(dataset(NS, s + "customers"))
                        .input(dataset(NS, s + "orders"))
                        .output(dataset(NS, s + "customer_features").schema("customer_id:bigint",
                                        "features:varchar(500)")
                                .lineage("customer_id", NS, s + "customers", "id", "IDENTITY")
                                .lineage("features", NS, s + "orders", "amount", "DIRECT", "AGGREGATION", "count",
                                        false))
                        .bytes(),
                run("COMPLETE", UUID.randomUUID(), T0).job("shop", "customer_changes_to_kafka")
                        .input(dataset(NS, s + "customers"))
                        .output(dataset("kafka://broker:9092", "customer-changes-" + schema))
                        .bytes());
        for (byte[] event : events) {
            HttpResponse<String> posted = server.post("/api/v1/lineage", event);
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        }
    }

    private void scan(String steward, String sourceName, String scanned) {
        HttpResponse<String> started = api.call("POST", "/api/v1/scans", "{\"source\": \"" + sourceName
                + "\", \"schema\": \"" + scanned + "\"}", steward);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = TestServer.json(started.body()).get("id").asText();
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode scan = null;
        while (System.nanoTime() < end) {
            scan = api.json("GET", "/api/v1/scans/" + id, null, steward, 200);
            if (Set.of("SUCCEEDED", "FAILED", "INTERRUPTED").contains(scan.get("status").asText())) {
                break;
            }
            SubjectRequestCalls.sleep(50);
        }
        assertThat(scan.get("status").asText()).as(scan.toString()).isEqualTo("SUCCEEDED");
        for (JsonNode table : scan.get("tables")) {
            assertThat(table.get("status").asText()).as(table.toString()).isEqualTo("DONE");
            List<String> found = new ArrayList<>();
            table.get("findings").forEach(f -> found.add(f.get("column").asText() + ":" + f.get("type").asText()));
            findings.put(table.get("dataset").asText(), found);
        }
    }

    // ---- measuring the source ------------------------------------------------------------------

    /** A table's rows as text, by row key (the first column), in key order. */
    private Map<String, String> rows(String table) {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = source.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                List<String> cells = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    cells.add(meta.getColumnName(i).toLowerCase(Locale.ROOT) + "=" + rs.getString(i));
                }
                out.put(rs.getString(1), String.join("|", cells));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Whether a row, as text, is about Alice: her email anywhere, or her id in an id column. */
    private static boolean alices(String row) {
        String lower = row.toLowerCase(Locale.ROOT);
        return lower.contains(ALICE.toLowerCase(Locale.ROOT)) || lower.contains("alice liddell") || lower.matches("(^|.*\\|)(id|customer_id)="
                + ALICE_ID + "(\\|.*|$)");
    }

    /** Per table: Alice's row keys, and a checksum and count of everyone else's rows. */
    private record Snapshot(Map<String, Set<String>> alices, Map<String, String> others, Map<String, Integer> counts) {}

    private Snapshot snapshot(Map<String, Set<String>> aliceKeys) {
        Map<String, Set<String>> alices = new TreeMap<>();
        Map<String, String> others = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (String table : TABLES) {
            Map<String, String> rows = rows(schema + "." + table);
            Set<String> keys = aliceKeys != null ? aliceKeys.get(table) : new TreeSet<>();
            if (aliceKeys == null) {
                rows.forEach((key, row) -> {
                    if (alices(row)) {
                        keys.add(key);
                    }
                });
            }
            alices.put(table, keys);
            StringBuilder everyoneElse = new StringBuilder();
            int count = 0;
            for (Map.Entry<String, String> row : rows.entrySet()) {
                if (!keys.contains(row.getKey())) {
                    everyoneElse.append(row.getValue()).append('\n');
                    count++;
                }
            }
            others.put(table, sha256(everyoneElse.toString()));
            counts.put(table, count);
        }
        return new Snapshot(alices, others, counts);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * How many cells of a table hold {@code email} (any case, anywhere in the text) or, in its id
     * columns, {@code id} when given: by SQL against the source.
     */
    private long cellsHolding(String table, String email, Long id) {
        long found = 0;
        try (Connection c = source.dataSource().getConnection()) {
            List<String> columns = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table
                    + " WHERE 1 = 0")) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    columns.add(rs.getMetaData().getColumnName(i));
                }
            }
            for (String column : columns) {
                found += count(c, "SELECT COUNT(*) FROM " + table + " WHERE LOWER(CAST(" + column
                        + " AS VARCHAR(4000))) LIKE ?", "%" + email.toLowerCase(Locale.ROOT) + "%");
                String name = column.toLowerCase(Locale.ROOT);
                if (id != null && (name.equals("id") || name.endsWith("customer_id"))) {
                    found += count(c, "SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?", id);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    private static long count(Connection c, String sql, Object parameter) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    // ---- the requests ----------------------------------------------------------------------------

    private static Map<String, JsonNode> stepsByTable(JsonNode steps) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode step : steps) {
            String dataset = step.get("dataset").asText();
            out.put(dataset.substring(dataset.lastIndexOf('.') + 1), step);
        }
        return out;
    }

    /**
     * Waits until only steps a person must do are left, does them ({@code byHand} per waiting
     * dataset; nothing for the others), marks them done and waits for {@code finalStatus}.
     */
    private JsonNode finishByHand(String id, Function<String, String> byHand, String... finalStatus) {
        JsonNode view = api.await(id, officerA, v -> Set.of(finalStatus).contains(SubjectRequestCalls.status(v))
                || (v.get("steps").size() == v.get("plan").get("steps").size()
                        && v.get("steps").findValuesAsText("status").stream()
                        .allMatch(s -> Set.of("DONE", "FAILED", "WAITING").contains(s))
                        && v.get("steps").findValuesAsText("status").contains("WAITING")));
        for (JsonNode step : view.get("steps")) {
            if (step.get("status").asText().equals("WAITING")) {
                String note = byHand.apply(step.get("dataset").asText());
                api.json("POST", BASE + "/" + id + "/steps/" + step.get("order").asInt() + "/done",
                        "{\"note\": \"" + note + "\"}", officerA, 200);
            }
        }
        return api.awaitStatus(id, officerA, finalStatus);
    }

    private static String nothingByHand(String dataset) {
        return "checked by the owners of " + dataset + "; nothing of the subject's left";
    }

    @Test
    @Order(1)
    void anAccessRequestExportsExactlyAlicesRows() {
        Snapshot before = snapshot(null);
        String id = api.submit(officerA, "ACCESS", ALICE);
        api.awaitStatus(id, officerA, "PLANNED");
        api.json("POST", BASE + "/" + id + "/approve", null, officerB, 200);
        finishByHand(id, SubjectRequestEndToEndTest::nothingByHand, "COMPLETED");

        HttpResponse<String> export = api.call("GET", BASE + "/" + id + "/export", null, officerA);
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        JsonNode document = TestServer.json(export.body());
        Map<String, Integer> exported = new TreeMap<>();
        for (JsonNode dataset : document.get("datasets")) {
            String name = dataset.get("name").asText();
            String table = name.substring(name.lastIndexOf('.') + 1);
            for (JsonNode row : dataset.get("rows")) {
                String text = row.toString().toLowerCase(Locale.ROOT);
                assertThat(text.contains(ALICE.toLowerCase(Locale.ROOT)) || text.contains("\"id\":" + ALICE_ID)
                        || text.contains("\"customer_id\":" + ALICE_ID)).as(table + ": " + row).isTrue();
            }
            exported.merge(table, dataset.get("rows").size(), Integer::sum);
        }
        // Every table where her rows are found by a column (not the raw events' JSON, not the aggregate).
        Map<String, Integer> expected = new TreeMap<>();
        for (String table : List.of("customers", "clean_customers", "orders", "payments", "clickstream",
                "support_tickets", "marketing_export", "customer_features", "legal_hold_cases")) {
            expected.put(table, before.alices().get(table).size());
        }
        exported.entrySet().removeIf(e -> e.getValue() == 0);
        assertThat(exported).isEqualTo(expected);
        // Nobody else's data, and the tables are as they were.
        for (Customer other : customers().subList(1, customers().size())) {
            assertThat(export.body()).doesNotContain(other.email());
        }
        assertThat(snapshot(null)).isEqualTo(before);
    }

    @Test
    @Order(2)
    void alicesErasureRemovesHerFromEveryTableButTheHeldOneAndTouchesNobodyElse() {
        Snapshot before = snapshot(null);
        Map<String, BigDecimal> alicesPayments = new TreeMap<>();
        rows(schema + ".payments").forEach((key, row) -> {
            if (before.alices().get("payments").contains(key)) {
                alicesPayments.put(key, new BigDecimal(row.replaceAll(".*amount=([0-9.]+).*", "$1")));
            }
        });
        assertThat(alicesPayments).hasSize(1);

        String id = api.submit(officerA, "ERASURE", ALICE);
        JsonNode planned = api.awaitStatus(id, officerA, "PLANNED");
        HttpResponse<String> text = api.call("GET", BASE + "/" + id + "/plan", null, officerA, "text/plain");
        System.out.println("The plan of Alice's erasure:\n" + text.body());
        assertThat(text.body().toLowerCase(Locale.ROOT)).doesNotContain("alice.liddell");
        assertThat(planned.toString().toLowerCase(Locale.ROOT)).doesNotContain("alice.liddell");

        Map<String, JsonNode> steps = stepsByTable(planned.get("plan").get("steps"));
        Map<String, String> actions = new TreeMap<>();
        steps.forEach((table, step) -> actions.put(table, step.get("action").asText()));
        assertThat(actions).containsAllEntriesOf(Map.of(
                "customers", "DELETE_ROWS", "clean_customers", "DELETE_ROWS", "orders", "DELETE_ROWS",
                "payments", "ANONYMIZE", "clickstream", "DELETE_ROWS", "support_tickets", "DELETE_ROWS",
                "marketing_export", "DELETE_ROWS", "customer_features", "DELETE_ROWS",
                "legal_hold_cases", "RETAIN", "daily_revenue_by_city", "NO_ACTION"));
        assertThat(actions).containsEntry("staff_notes", "UNRESOLVED").containsEntry("raw_events", "UNRESOLVED")
                .containsEntry("customer-changes-" + schema, "MANUAL")
                .containsEntry("contacts", "DELETE_ROWS");
        assertThat(steps.get("orders").get("order").asInt()).isLessThan(steps.get("customers").get("order").asInt());
        assertThat(steps.get("clean_customers").get("order").asInt())
                .isLessThan(steps.get("customers").get("order").asInt());
        assertThat(steps.get("payments").get("reason").asText()).contains("seven years");
        assertThat(steps.get("legal_hold_cases").get("reason").asText()).contains("litigation hold");
        assertThat(steps.get("daily_revenue_by_city").get("reason").asText()).contains("aggregated");
        assertThat(steps.get("staff_notes").get("reason").asText()).contains("personal data");
        assertThat(steps.get("orders").get("reason").asText()).contains("PERSON_ID in customer_id");

        api.json("POST", BASE + "/" + id + "/approve", null, officerB, 200);
        // By hand: the raw events keep her e-mail inside JSON, which no column finds; their owners delete them.
        finishByHand(id, dataset -> {
            if (dataset.endsWith(".raw_events")) {
                execute("DELETE FROM " + schema + ".raw_events WHERE LOWER(payload) LIKE '%"
                        + ALICE.toLowerCase(Locale.ROOT) + "%'");
                return "deleted the signup events holding the subject's e-mail";
            }
            if (dataset.endsWith(".staff_notes")) {
                execute("DELETE FROM " + schema + ".staff_notes WHERE customer_name = 'Alice Liddell'");
                return "deleted the notes about the subject, found by name";
            }
            return nothingByHand(dataset);
        }, "COMPLETED");

        // The tables themselves: nothing of hers but the held case; nobody else's row touched.
        for (String table : TABLES) {
            long left = cellsHolding(schema + "." + table, ALICE, ALICE_ID);
            if (table.equals("legal_hold_cases")) {
                assertThat(left).as(table).isEqualTo(1);
            } else {
                assertThat(left).as(table + " still holds Alice").isZero();
            }
        }
        Snapshot after = snapshot(before.alices());
        assertThat(after.counts()).isEqualTo(before.counts());
        assertThat(after.others()).isEqualTo(before.others());
        Map<String, String> payments = rows(schema + ".payments");
        alicesPayments.forEach((key, amount) -> {
            String row = payments.get(key);
            assertThat(row).as("her payment is kept").isNotNull();
            assertThat(row).contains("customer_id=null").contains("card=erased").doesNotContain("card=4111");
            assertThat(new BigDecimal(row.replaceAll(".*amount=([0-9.]+).*", "$1"))).isEqualByComparingTo(amount);
        });

        // The report says the same, dataset by dataset.
        JsonNode report = api.json("GET", BASE + "/" + id + "/report", null, officerA, 200);
        assertThat(report.toString().toLowerCase(Locale.ROOT)).doesNotContain("alice");
        assertThat(report.get("approvedBy").asText()).startsWith("officer b");
        Map<String, JsonNode> outcomes = stepsByTable(report.get("datasets"));
        for (String table : List.of("customers", "clean_customers", "orders", "payments", "clickstream",
                "support_tickets", "marketing_export", "customer_features")) {
            JsonNode outcome = outcomes.get(table);
            assertThat(outcome.get("rowsAffected").asLong()).as(table + ": " + outcome)
                    .isEqualTo(before.alices().get(table).size());
            assertThat(outcome.get("verified").asBoolean()).as(table + ": " + outcome).isTrue();
            assertThat(outcome.get("rowsRemaining").asLong()).as(table + ": " + outcome).isZero();
        }
        assertThat(outcomes.get("legal_hold_cases").get("rowsAffected").asLong()).isZero();
        assertThat(outcomes.get("contacts").get("rowsAffected").asLong()).isZero();
        assertThat(outcomes.get("staff_notes").get("action").asText()).isEqualTo("UNRESOLVED");
        assertThat(outcomes.get("staff_notes").get("note").asText()).contains("deleted the notes about the subject");
        assertThat(outcomes.get("raw_events").get("action").asText()).isEqualTo("UNRESOLVED");
        assertThat(outcomes.get("raw_events").get("note").asText()).contains("deleted the signup events");
        assertThat(outcomes.get("daily_revenue_by_city").get("action").asText()).isEqualTo("NO_ACTION");
    }

    @Test
    @Order(3)
    void aSubjectNobodyKnowsCompletesWithZeroRows() {
        Snapshot before = snapshot(null);
        String id = api.submit(officerA, "ERASURE", "nobody.here@example.net");
        api.awaitStatus(id, officerA, "PLANNED");
        api.json("POST", BASE + "/" + id + "/approve", null, officerB, 200);
        finishByHand(id, SubjectRequestEndToEndTest::nothingByHand, "COMPLETED");

        JsonNode report = api.json("GET", BASE + "/" + id + "/report", null, officerA, 200);
        for (JsonNode outcome : report.get("datasets")) {
            if (outcome.hasNonNull("rowsAffected")) {
                assertThat(outcome.get("rowsAffected").asLong()).as(outcome.toString()).isZero();
            }
        }
        assertThat(report.get("datasets").findValues("rowsFound")).filteredOn(JsonNode::isNumber).isNotEmpty()
                .allSatisfy(rows -> assertThat(rows.asLong()).isZero());
        String summary = api.call("GET", BASE + "/" + id + "/report", null, officerA, "text/plain").body();
        System.out.println("The report of an unknown subject:\n" + summary);
        assertThat(summary).contains("COMPLETED");
        assertThat(snapshot(null)).isEqualTo(before);
    }

    @Test
    @Order(4)
    void aSourceItsWriterCannotReachLeavesTheRequestPartlyDoneUntilItIsRetried() throws Exception {
        // The CRM's write password is wrong after a restart: its steps fail, the shop's succeed.
        server.restart(() -> crmWriteUser = "no_such_writer");
        String id = api.submit(officerA, "ERASURE", DAN);
        api.awaitStatus(id, officerA, "PLANNED");
        api.json("POST", BASE + "/" + id + "/approve", null, officerB, 200);
        JsonNode partial = finishByHand(id, SubjectRequestEndToEndTest::nothingByHand, "PARTIALLY_COMPLETED");
        Map<String, JsonNode> steps = stepsByTable(partial.get("steps"));
        assertThat(steps.get("contacts").get("status").asText()).isEqualTo("FAILED");
        assertThat(steps.get("customers").get("status").asText()).isEqualTo("DONE");
        assertThat(partial.toString()).doesNotContain(DAN);
        assertThat(cellsHolding(crmSchema + ".contacts", DAN, null)).isEqualTo(1);
        assertThat(cellsHolding(schema + ".customers", DAN, null)).isZero();

        // A request claimed by a planner that died: while the service is down, the store shows a claim
        // whose lease ran out on a request not yet planned.
        String erin = api.submit(officerA, "ERASURE", "erin.hunt@example.com");
        api.awaitStatus(erin, officerA, "PLANNED");
        server.restart(() -> {
            deadPlannerClaims(erin);
            crmWriteUser = source.user();
        });
        JsonNode replanned = api.awaitStatus(erin, officerA, "PLANNED");
        assertThat(replanned.get("plan").get("steps").size()).isPositive();

        // The fault fixed: retry runs what failed, and the request completes.
        api.json("POST", BASE + "/" + id + "/retry", null, officerA, 200);
        JsonNode done = api.awaitStatus(id, officerA, "COMPLETED");
        assertThat(stepsByTable(done.get("steps")).get("contacts").get("status").asText()).isEqualTo("DONE");
        assertThat(cellsHolding(crmSchema + ".contacts", DAN, null)).isZero();
        JsonNode report = api.json("GET", BASE + "/" + id + "/report", null, officerA, 200);
        assertThat(stepsByTable(report.get("datasets")).get("contacts").get("rowsAffected").asLong()).isEqualTo(1);
    }

    /** Puts a planned request back as a planner that died mid-plan leaves it: RECEIVED, claimed, no plan. */
    private void deadPlannerClaims(String id) {
        try (Connection c = server.database().dataSource().getConnection()) {
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE subject_request SET status = 'RECEIVED', plan = NULL, policy_version = NULL,
                        planned_at = NULL, planning_claimed_by = 'custodian-worker-dead',
                        planning_claimed_until = ? WHERE id = ?""")) {
                update.setObject(1, OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1));
                update.setObject(2, UUID.fromString(id));
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement history = c.prepareStatement(
                    "DELETE FROM subject_request_history WHERE request_id = ? AND to_status <> 'RECEIVED'")) {
                history.setObject(1, UUID.fromString(id));
                history.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
