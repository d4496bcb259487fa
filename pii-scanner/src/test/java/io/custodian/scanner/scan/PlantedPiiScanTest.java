package io.custodian.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.catalog.classification.Classification;
import io.custodian.catalog.testing.TestDatabase;
import io.custodian.scanner.policy.ScannerPolicies;
import io.custodian.scanner.classify.PiiColumnClassifier;
import io.custodian.scanner.testing.PiiValues;
import io.custodian.scanner.testing.ScanFixture;
import io.custodian.scanner.testing.SourceDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import net.datafaker.Faker;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * End to end with the real classifier: a database with planted personal data and lookalikes
 * (order numbers shaped like phone numbers, version strings shaped like IPv4 addresses, product
 * names, flags and categories named after personal data) is scanned into a catalog. On
 * PostgreSQL (when configured) the large tables are sampled with TABLESAMPLE.
 */
class PlantedPiiScanTest {
    private static final String NS = "postgres://planted:5432";
    private static final int ROWS = 5000;

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void findsThePlantedPersonalDataAndNotTheLookalikes(String kind) throws SQLException {
        try (SourceDatabase db = new SourceDatabase(kind);
                ScanFixture f = new ScanFixture(kind, List.of(db.source("planted", NS, 400, Duration.ofSeconds(60))),
                        new PiiColumnClassifier(ScannerPolicies.defaults()))) {
            Faker faker = new Faker(Locale.ENGLISH, new Random(11));
            Random random = new Random(13);
            PiiValues pii = new PiiValues(random);
            insert(db, "customers", List.of("customer_id", "full_name", "email", "phone", "card_number", "signup_ip"),
                    i -> new String[] {String.valueOf(100_000 + i), faker.name().firstName() + " " + faker.name().lastName(),
                            faker.internet().emailAddress(),
                            "+44 20 7946 " + String.format("%04d", random.nextInt(10_000)), pii.anyCard(),
                            "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256)});
            insert(db, "orders", List.of("id", "order_number", "release_version", "email_verified", "phone_type",
                    "status"),
                    i -> new String[] {String.valueOf(i), String.format("%03d-%03d-%04d", 200 + random.nextInt(700),
                            200 + random.nextInt(700), random.nextInt(10_000)),
                            "1." + (i % 4) + "." + (i % 9) + "." + (i % 50), i % 3 == 0 ? "true" : "false",
                            List.of("mobile", "home", "work").get(i % 3), List.of("new", "paid", "shipped").get(i % 3)});
            insert(db, "products", List.of("id", "name", "sku"),
                    i -> new String[] {String.valueOf(i), faker.commerce().productName(),
                            "SKU-" + String.format("%06d", i)});
            if (kind.equals("postgresql")) {
                db.execute("ANALYZE " + db.schema + ".customers", "ANALYZE " + db.schema + ".orders",
                        "ANALYZE " + db.schema + ".products");
            }

            Scan scan = f.await(f.service.submit(new ScanRequest("planted", db.schema, null), "steward").id());

            assertThat(scan.status()).isEqualTo(ScanStatus.SUCCEEDED);
            assertThat(scan.tables()).allSatisfy(t -> {
                assertThat(t.status()).isEqualTo(TableStatus.DONE);
                // Sampled, not read whole: about the sample size on every path (TABLESAMPLE or bounded LIMIT).
                assertThat(t.rowsSampled()).isBetween(200, 400);
            });
            assertThat(types(f, db.schema + ".customers")).containsEntry("email", "EMAIL_ADDRESS")
                    .containsEntry("full_name", "PERSON_NAME")
                    .containsEntry("phone", "PHONE_NUMBER")
                    .containsEntry("card_number", "CREDIT_CARD")
                    .containsEntry("signup_ip", "IP_ADDRESS");
            assertThat(types(f, db.schema + ".orders")).isEmpty();
            assertThat(types(f, db.schema + ".products")).isEmpty();
        }
    }

    private static Map<String, String> types(ScanFixture f, String dataset) {
        return f.classifications.classifications(NS, dataset).orElseThrow().stream()
                .collect(Collectors.toMap(Classification::field, Classification::type, (a, b) -> a + "," + b));
    }

    private static void insert(SourceDatabase db, String table, List<String> columns, IntFunction<String[]> row)
            throws SQLException {
        db.execute("CREATE TABLE " + db.schema + "." + table + " ("
                + columns.stream().map(c -> c.equals("id") || c.equals("customer_id") ? c + " BIGINT" : c + " VARCHAR(200)")
                        .collect(Collectors.joining(", ")) + ")");
        try (Connection c = db.connect();
                PreparedStatement insert = c.prepareStatement("INSERT INTO " + db.schema + "." + table + " VALUES ("
                        + columns.stream().map(x -> "?").collect(Collectors.joining(", ")) + ")")) {
            c.setAutoCommit(false);
            for (int i = 0; i < ROWS; i++) {
                String[] values = row.apply(i);
                for (int k = 0; k < values.length; k++) {
                    if (columns.get(k).equals("id") || columns.get(k).equals("customer_id")) {
                        insert.setLong(k + 1, Long.parseLong(values[k]));
                    } else {
                        insert.setString(k + 1, values[k]);
                    }
                }
                insert.addBatch();
            }
            insert.executeBatch();
            c.commit();
        }
    }
}
