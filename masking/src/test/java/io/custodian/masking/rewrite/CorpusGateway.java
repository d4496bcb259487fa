package io.custodian.masking.rewrite;

import static io.custodian.catalog.testing.Events.dataset;

import io.custodian.catalog.classification.ClassificationStore;
import io.custodian.catalog.classification.Decision;
import io.custodian.catalog.ingest.LineageEventParser;
import io.custodian.catalog.ingest.LineageIngestor;
import io.custodian.catalog.sql.CatalogTables;
import io.custodian.catalog.store.CatalogDatabase;
import io.custodian.catalog.testing.TestDatabase;
import io.custodian.lineage.sql.SqlDefaults;
import io.custodian.masking.MaskingDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A gateway's world for the leak corpus: a data database seeded with personal data, and a catalog
 * that knows its tables (ingested as OpenLineage schema facets) and their classifications (recorded
 * as steward decisions), both on H2 or PostgreSQL.
 */
final class CorpusGateway implements AutoCloseable {
    static final String NAMESPACE = "postgres://gateway:5432";

    /** A classified column: table (as created), column, classification. */
    record Classified(String table, String column, String type) {
    }

    static final List<Classified> CLASSIFIED = List.of(
            new Classified("customers", "name", "PERSON_NAME"),
            new Classified("customers", "email", "EMAIL_ADDRESS"),
            new Classified("customers", "phone", "PHONE_NUMBER"),
            new Classified("customers", "ssn", "US_SSN"),
            new Classified("customers", "birth_date", "DATE_OF_BIRTH"),
            new Classified("orders", "contact_email", "EMAIL_ADDRESS"),
            new Classified("Contacts", "Email Address", "EMAIL_ADDRESS"),
            new Classified("Contacts", "Full Name", "PERSON_NAME"),
            new Classified("VIP", "SSN", "US_SSN"));

    private static final List<String> SEED = List.of(
            "CREATE TABLE customers (id bigint PRIMARY KEY, name varchar(100), email varchar(255),"
                    + " phone varchar(40), ssn varchar(11), birth_date date, city varchar(50), tier varchar(10))",
            "INSERT INTO customers VALUES"
                    + " (1, 'Alice Quimbyfield', 'alice.quimby@example.org', '+1-202-555-0143', '123-45-6789',"
                    + " DATE '1984-03-07', 'Lisbon', 'gold'),"
                    + " (2, 'Bartholomew Xanthos', 'bart.xanthos@mailbox.test', '+1-202-555-0178', '987-65-4321',"
                    + " DATE '1990-11-23', 'Porto', 'silver'),"
                    + " (3, 'Cordelia Vantongeren', 'cordelia.v@example.org', '+1-202-555-0199', '555-12-3456',"
                    + " DATE '1975-06-30', 'Lisbon', 'gold')",
            "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, amount numeric(10, 2),"
                    + " contact_email varchar(255), placed_on date)",
            "INSERT INTO orders VALUES (10, 1, 25.50, 'alice.quimby@example.org', DATE '2024-01-05'),"
                    + " (11, 1, 99.00, 'alice.quimby@example.org', DATE '2024-02-11'),"
                    + " (12, 2, 10.00, 'bart.xanthos@mailbox.test', DATE '2024-03-20'),"
                    + " (13, 3, 42.00, 'orders.desk@shop.example', DATE '2024-04-02')",
            "CREATE TABLE \"Contacts\" (\"Contact Id\" bigint, \"Email Address\" varchar(255),"
                    + " \"Full Name\" varchar(100), \"Notes\" varchar(200))",
            "INSERT INTO \"Contacts\" VALUES (1, 'dora.whitlock@corp.example', 'Dora Whitlock', 'prefers email'),"
                    + " (2, 'emil.ravensworth@corp.example', 'Emil Ravensworth', 'call after five')",
            "CREATE TABLE \"VIP\" (\"ID\" bigint, \"SSN\" varchar(11), \"LEVEL\" varchar(10))",
            "INSERT INTO \"VIP\" VALUES (1, '321-54-9876', 'A'), (2, '111-22-3333', 'B')");

    private final TestDatabase catalogDatabase;
    private final TestDatabase data;
    private final LineageIngestor ingestor;
    private final MaskingDialect dialect;
    private final SqlDefaults defaults;
    private final QueryRewriter rewriter;
    private final List<String> rawValues;

    private CorpusGateway(TestDatabase catalogDatabase, TestDatabase data, LineageIngestor ingestor,
            MaskingDialect dialect, SqlDefaults defaults, QueryRewriter rewriter, List<String> rawValues) {
        this.catalogDatabase = catalogDatabase;
        this.data = data;
        this.ingestor = ingestor;
        this.dialect = dialect;
        this.defaults = defaults;
        this.rewriter = rewriter;
        this.rawValues = rawValues;
    }

    static CorpusGateway open(String kind) throws SQLException {
        TestDatabase data = TestDatabase.create(kind);
        TestDatabase catalogDatabase = TestDatabase.create(kind);
        String schema;
        try (Connection c = data.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String sql : SEED) {
                s.execute(sql);
            }
            schema = c.getSchema();
        }
        CatalogDatabase catalog = catalogDatabase.migrate();
        LineageEventParser parser = new LineageEventParser();
        LineageIngestor ingestor = new LineageIngestor(catalog.jdbi(), parser, Clock.systemUTC(),
                LineageIngestor.Settings.defaults()).start();
        String prefix = "crm." + schema + ".";
        ingestor.submit(parser.parse(io.custodian.catalog.testing.Events.run("COMPLETE", UUID.randomUUID(), Instant.parse("2025-03-01T10:00:00Z"))
                .output(dataset(NAMESPACE, prefix + "customers").schema("id:bigint", "name:varchar", "email:varchar",
                        "phone:varchar", "ssn:varchar", "birth_date:date", "city:varchar", "tier:varchar"))
                .output(dataset(NAMESPACE, prefix + "orders").schema("id:bigint", "customer_id:bigint",
                        "amount:numeric", "contact_email:varchar", "placed_on:date"))
                .output(dataset(NAMESPACE, prefix + "Contacts").schema("Contact Id:bigint", "Email Address:varchar",
                        "Full Name:varchar", "Notes:varchar"))
                .output(dataset(NAMESPACE, prefix + "VIP").schema("ID:bigint", "SSN:varchar", "LEVEL:varchar"))
                .bytes())).join();
        if (!ingestor.awaitApplied(Duration.ofSeconds(30))) {
            throw new IllegalStateException("the catalog did not apply the seed events");
        }
        ClassificationStore store = new ClassificationStore(catalog.jdbi(), Clock.systemUTC());
        for (Classified c : CLASSIFIED) {
            store.decide(NAMESPACE, prefix + c.table(), c.column(), c.type(), Decision.CONFIRMED, null, "steward-1");
        }
        MaskingDialect dialect = kind.equals("postgresql") ? MaskingDialect.POSTGRESQL : MaskingDialect.H2;
        QueryRewriter rewriter = new QueryRewriter(new CatalogTables(catalog.jdbi())::resolve);
        List<String> raw = new ArrayList<>();
        try (Connection c = data.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (Classified column : CLASSIFIED) {
                String quote = dialect.sql().quote(column.column());
                try (ResultSet rs = s.executeQuery("SELECT " + quote + " FROM " + dialect.sql().quote(column.table()))) {
                    for (List<String> row : CellText.rows(rs)) {
                        raw.add(row.get(0));
                    }
                }
            }
        }
        return new CorpusGateway(catalogDatabase, data, ingestor, dialect, SqlDefaults.of("crm", schema), rewriter,
                List.copyOf(raw));
    }

    MaskingDialect dialect() {
        return dialect;
    }

    /** Every value of every classified column, as text. */
    List<String> rawValues() {
        return rawValues;
    }

    RewrittenQuery rewrite(String sql, TableMasks masks) throws RewriteException {
        return rewriter.rewrite(sql, dialect, NAMESPACE, defaults, masks);
    }

    /** Runs {@code sql} on the data database; every cell as text. */
    List<List<String>> run(String sql) throws SQLException {
        try (Connection c = data.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return CellText.rows(rs);
        }
    }

    /** Runs a statement that returns no rows (an INSERT). */
    int update(String sql) throws SQLException {
        try (Connection c = data.dataSource().getConnection(); Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    @Override
    public void close() {
        ingestor.close();
        catalogDatabase.close();
        data.close();
    }
}
