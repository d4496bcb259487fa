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
import io.custodian.masking.decision.GatewayDecisions;
import io.custodian.masking.decision.Principal;
import io.custodian.masking.keys.KeyEncryptionKey;
import io.custodian.masking.keys.Keyring;
import io.custodian.masking.policy.MaskingPolicies;
import io.custodian.masking.policy.OtherSections;
import io.custodian.masking.tokens.KeyringMaskingKeys;
import io.custodian.masking.tokens.TokenLimits;
import io.custodian.masking.tokens.TokenService;
import io.custodian.policy.PolicySet;
import io.custodian.policy.PolicySources;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A gateway's world for the leak corpus: a data database seeded with personal data, and a catalog
 * that knows its tables (ingested as OpenLineage schema facets) and their classifications (recorded
 * as steward decisions), both on H2 or PostgreSQL; and the service's masking decisions over that
 * catalog: {@code leak-corpus-policy.yml} loaded by the policy loader, with HASH salts from a keyring
 * of real keys stored in the catalog database.
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
                    + " DATE '1975-06-30', 'Lisbon', 'gold'),"
                    // short and malformed values: a phone shorter than twice what PARTIAL keeps, an
                    // address without '@'
                    + " (4, 'Octavia Pemberton-Lusk', 'octavia.pemberton', '555-0147', '078-05-1120',"
                    + " DATE '2001-02-28', 'Faro', 'bronze')",
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

    /** Reads every classified column through the policy's per-column strategies. */
    static final Principal ANALYST = new Principal("ana", Set.of("analyst"), Set.of());
    /** In no role the policy names: reads classified columns through its default. */
    static final Principal STRANGER = new Principal("sam", Set.of(), Set.of());
    /** Granted NONE for every classification: reads raw values. */
    static final Principal PRIVACY_OFFICER = new Principal("pia", Set.of("privacy-officer"), Set.of());
    /** The purposes the policy's HASH and TOKENIZE rules name. */
    private static final List<String> PURPOSES = List.of("analytics");

    private final TestDatabase catalogDatabase;
    private final DataDatabase data;
    private final LineageIngestor ingestor;
    private final MaskingDialect dialect;
    private final String schema;
    private final QueryRewriter rewriter;
    private final GatewayDecisions decisions;
    private final List<String> rawValues;
    private final List<String> salts;

    private CorpusGateway(TestDatabase catalogDatabase, DataDatabase data, LineageIngestor ingestor,
            MaskingDialect dialect, String schema, QueryRewriter rewriter, GatewayDecisions decisions,
            List<String> rawValues, List<String> salts) {
        this.catalogDatabase = catalogDatabase;
        this.data = data;
        this.ingestor = ingestor;
        this.dialect = dialect;
        this.schema = schema;
        this.rewriter = rewriter;
        this.decisions = decisions;
        this.rawValues = rawValues;
        this.salts = salts;
    }

    static CorpusGateway open(String kind) throws SQLException, IOException {
        DataDatabase data = DataDatabase.create(kind);
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
                .output(dataset(NAMESPACE, prefix + "customers").schema("id:bigint", "name:varchar(100)",
                        "email:varchar(255)", "phone:varchar(40)", "ssn:varchar(11)", "birth_date:date",
                        "city:varchar(50)", "tier:varchar(10)"))
                .output(dataset(NAMESPACE, prefix + "orders").schema("id:bigint", "customer_id:bigint",
                        "amount:numeric(10, 2)", "contact_email:varchar(255)", "placed_on:date"))
                .output(dataset(NAMESPACE, prefix + "Contacts").schema("Contact Id:bigint",
                        "Email Address:varchar(255)", "Full Name:varchar(100)", "Notes:varchar(200)"))
                .output(dataset(NAMESPACE, prefix + "VIP").schema("ID:bigint", "SSN:varchar(11)", "LEVEL:varchar(10)"))
                .bytes())).join();
        if (!ingestor.awaitDerived(Duration.ofSeconds(30))) {
            throw new IllegalStateException("the catalog did not apply the seed events");
        }
        ClassificationStore store = new ClassificationStore(catalog.jdbi(), Clock.systemUTC());
        for (Classified c : CLASSIFIED) {
            store.decide(NAMESPACE, prefix + c.table(), c.column(), c.type(), Decision.CONFIRMED, null, "steward-1");
        }
        MaskingDialect dialect = kind.equals("postgresql") ? MaskingDialect.POSTGRESQL : MaskingDialect.H2;
        CatalogTables tables = new CatalogTables(catalog.jdbi());
        QueryRewriter rewriter = new QueryRewriter(tables::resolve);
        // the keys live where the service keeps them: in the catalog database, under a KEK
        Keyring keyring = new Keyring(catalog.jdbi(), KeyEncryptionKey.fromJson(KeyEncryptionKey.generateJson()),
                PURPOSES, Clock.systemUTC()).start();
        TokenService tokens = new TokenService(keyring, event -> { }, TokenLimits.DEFAULTS);
        PolicySet policies = loadPolicy(schema);
        GatewayDecisions decisions = new GatewayDecisions(tables, () -> policies,
                new KeyringMaskingKeys(keyring, tokens));
        List<String> raw = new ArrayList<>();
        try (Connection c = data.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (Classified column : CLASSIFIED) {
                String quote = dialect.sql().quote(column.column());
                try (ResultSet rs = s.executeQuery("SELECT " + quote + " FROM " + dialect.sql().quote(column.table()))) {
                    while (rs.next()) {
                        raw.add(CellText.render(rs.getObject(1)));
                    }
                }
            }
        }
        List<String> salts = PURPOSES.stream().map(p -> HexFormat.of().formatHex(keyring.hashSalt(p))).toList();
        return new CorpusGateway(catalogDatabase, data, ingestor, dialect, schema, rewriter,
                decisions, List.copyOf(raw), salts);
    }

    /** {@code leak-corpus-policy.yml} for datasets in {@code schema}, through the real loader. */
    private static PolicySet loadPolicy(String schema) throws IOException {
        String text;
        try (InputStream in = CorpusGateway.class.getResourceAsStream("leak-corpus-policy.yml")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path file = Files.createTempFile("leak-corpus-policy-", ".yml");
        try {
            Files.writeString(file, text.replace("{schema}", schema), StandardCharsets.UTF_8);
            return MaskingPolicies.loader(OtherSections.SHIPPED).load(PolicySources.file(file));
        } finally {
            Files.delete(file);
        }
    }

    MaskingDialect dialect() {
        return dialect;
    }

    GatewayDecisions decisions() {
        return decisions;
    }

    /** The data database's schema: datasets are named {@code crm.<schema>.<table>}. */
    String schema() {
        return schema;
    }

    /** What {@code principal} reads in place of classified columns, decided as the service decides. */
    TableMasks masks(Principal principal) {
        return decisions.tableMasks(principal, dialect);
    }

    /** Every value of every classified column, as text. */
    List<String> rawValues() {
        return rawValues;
    }

    RewrittenQuery rewrite(String sql, TableMasks masks) throws RewriteException {
        return rewriter.rewrite(sql, dialect, NAMESPACE, SqlDefaults.of("crm", schema), masks);
    }

    /** {@code sql} with the HASH salts hidden, for failure messages (salts are secrets, even in tests). */
    String printable(String sql) {
        String out = sql;
        for (String salt : salts) {
            out = out.replace(salt, "<salt>");
        }
        return out;
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
