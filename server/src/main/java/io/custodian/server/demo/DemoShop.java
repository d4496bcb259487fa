package io.custodian.server.demo;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The demo's source database: a small shop laid out as a warehouse, {@code bronze} (raw copies of
 * the shop's systems), {@code silver} (cleaned) and {@code gold} (marts), in an H2 file. Bronze is
 * filled with made-up people from a fixed seed, so every demo holds the same data and no real
 * person; silver and gold are built from it by the SQL of the {@link #JOBS jobs}, the same text
 * their OpenLineage events carry.
 */
public final class DemoShop {
    /** Users of the source: the scanner reads as the first, erasure writes as the second. */
    public static final String READER = "custodian_reader";
    public static final String WRITER = "custodian_writer";
    private static final String OWNER = "shop_owner";
    static final int CUSTOMERS = 200;
    static final int ORDERS = 600;
    static final int WEB_EVENTS = 400;
    private static final long SEED = 20261202L;

    /** One job of the warehouse: what it reads, what it writes, and for silver and gold, its SQL. */
    public record Job(String name, List<String> inputs, String output, String sql) {
        public Job {
            inputs = List.copyOf(inputs);
            requireNonNull(output, "output is null");
        }
    }

    /** The jobs that build the warehouse, in the order they run; tables are {@code schema.table}. */
    public static final List<Job> JOBS = List.of(
            new Job("bronze.ingest_customers", List.of(), "bronze.raw_customers", null),
            new Job("bronze.ingest_orders", List.of(), "bronze.raw_orders", null),
            new Job("bronze.ingest_web_events", List.of(), "bronze.raw_web_events", null),
            new Job("silver.build_customers", List.of("bronze.raw_customers"), "silver.customers", """
                    INSERT INTO silver.customers (customer_id, full_name, email, phone_number, date_of_birth, city, \
                    country, signed_up_at)
                    SELECT customer_id, first_name || ' ' || last_name, LOWER(email), phone, birth_date, city, \
                    country, created_at
                    FROM bronze.raw_customers"""),
            new Job("silver.build_orders", List.of("bronze.raw_orders"), "silver.orders", """
                    INSERT INTO silver.orders (order_id, customer_id, ordered_at, amount_eur, status)
                    SELECT order_id, customer_id, ordered_at, amount, status
                    FROM bronze.raw_orders
                    WHERE status <> 'TEST'"""),
            new Job("silver.build_sessions", List.of("bronze.raw_web_events"), "silver.sessions", """
                    INSERT INTO silver.sessions (session_id, customer_id, ip_address, first_seen, pages)
                    SELECT session_id, MAX(customer_id), MAX(ip_address), MIN(occurred_at), COUNT(*)
                    FROM bronze.raw_web_events
                    GROUP BY session_id"""),
            new Job("gold.build_customer_lifetime_value", List.of("silver.customers", "silver.orders"),
                    "gold.customer_lifetime_value", """
                    INSERT INTO gold.customer_lifetime_value (customer_id, email, orders, total_spent, first_order, \
                    last_order)
                    SELECT c.customer_id, c.email, COUNT(o.order_id), COALESCE(SUM(o.amount_eur), 0), \
                    MIN(o.ordered_at), MAX(o.ordered_at)
                    FROM silver.customers c LEFT JOIN silver.orders o ON o.customer_id = c.customer_id
                    GROUP BY c.customer_id, c.email"""),
            new Job("gold.build_daily_revenue_by_country", List.of("silver.customers", "silver.orders"),
                    "gold.daily_revenue_by_country", """
                    INSERT INTO gold.daily_revenue_by_country (sales_day, country, orders, revenue_eur)
                    SELECT CAST(o.ordered_at AS DATE), c.country, COUNT(*), SUM(o.amount_eur)
                    FROM silver.orders o JOIN silver.customers c ON c.customer_id = o.customer_id
                    GROUP BY CAST(o.ordered_at AS DATE), c.country"""));

    private static final List<String> SCHEMA = List.of(
            "CREATE SCHEMA bronze", "CREATE SCHEMA silver", "CREATE SCHEMA gold",
            """
            CREATE TABLE bronze.raw_customers (customer_id BIGINT PRIMARY KEY, first_name VARCHAR(64), \
            last_name VARCHAR(64), email VARCHAR(128), phone VARCHAR(32), birth_date DATE, street VARCHAR(128), \
            city VARCHAR(64), postcode VARCHAR(16), country CHAR(2), created_at TIMESTAMP)""",
            """
            CREATE TABLE bronze.raw_orders (order_id BIGINT PRIMARY KEY, customer_id BIGINT, ordered_at TIMESTAMP, \
            amount DECIMAL(10, 2), currency CHAR(3), card_number VARCHAR(19), status VARCHAR(16))""",
            """
            CREATE TABLE bronze.raw_web_events (event_id BIGINT PRIMARY KEY, session_id VARCHAR(36), \
            customer_id BIGINT, ip_address VARCHAR(15), user_agent VARCHAR(128), page VARCHAR(64), \
            occurred_at TIMESTAMP)""",
            """
            CREATE TABLE silver.customers (customer_id BIGINT PRIMARY KEY, full_name VARCHAR(130), \
            email VARCHAR(128), phone_number VARCHAR(32), date_of_birth DATE, city VARCHAR(64), country CHAR(2), \
            signed_up_at TIMESTAMP)""",
            """
            CREATE TABLE silver.orders (order_id BIGINT PRIMARY KEY, customer_id BIGINT, ordered_at TIMESTAMP, \
            amount_eur DECIMAL(10, 2), status VARCHAR(16))""",
            """
            CREATE TABLE silver.sessions (session_id VARCHAR(36) PRIMARY KEY, customer_id BIGINT, \
            ip_address VARCHAR(15), first_seen TIMESTAMP, pages INTEGER)""",
            """
            CREATE TABLE gold.customer_lifetime_value (customer_id BIGINT PRIMARY KEY, email VARCHAR(128), \
            orders INTEGER, total_spent DECIMAL(12, 2), first_order TIMESTAMP, last_order TIMESTAMP)""",
            """
            CREATE TABLE gold.daily_revenue_by_country (sales_day DATE, country CHAR(2), orders INTEGER, \
            revenue_eur DECIMAL(12, 2))""");

    private static final String[] FIRST = {"Ada", "Bruno", "Chiara", "Dmitri", "Elena", "Farid", "Greta", "Hugo",
        "Ines", "Jonas", "Kaito", "Lena", "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Sven", "Tomasz",
        "Ulla", "Vera", "Wanjiru", "Xavier", "Yara", "Zoltan"};
    private static final String[] LAST = {"Almeida", "Berger", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia",
        "Horvat", "Ivanova", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Novak", "Olsen", "Petrov", "Quist",
        "Rossi", "Schmidt", "Tanaka", "Urban", "Varga", "Weber", "Yilmaz", "Zimmermann"};
    private static final String[][] CITIES = {{"Lisbon", "PT", "1100-"}, {"Berlin", "DE", "10"}, {"Lyon", "FR", "690"},
        {"Milan", "IT", "201"}, {"Utrecht", "NL", "35"}, {"Gdansk", "PL", "80-"}, {"Aarhus", "DK", "80"},
        {"Valencia", "ES", "460"}};
    private static final String[] STREETS = {"Rua Augusta", "Karl-Marx-Allee", "Rue de la Charité", "Via Torino",
        "Oudegracht", "Długa", "Strøget", "Carrer de Colón"};
    private static final String[] PAGES = {"/", "/search", "/product", "/cart", "/checkout", "/account"};
    private static final String[] AGENTS = {"Mozilla/5.0 (X11; Linux x86_64)", "Mozilla/5.0 (Macintosh)",
        "Mozilla/5.0 (iPhone)", "Mozilla/5.0 (Windows NT 10.0)"};

    private final String url;
    private final String password;

    /**
     * @param url the H2 URL of the database file
     * @param password the password of the owner, reader and writer users (the demo's own secret)
     */
    public DemoShop(String url, String password) {
        this.url = requireNonNull(url, "url is null");
        this.password = requireNonNull(password, "password is null");
    }

    /** Creates the schemas, fills bronze and runs the silver and gold jobs; the file must not exist yet. */
    public void create() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, OWNER, password); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String ddl : SCHEMA) {
                s.execute(ddl);
            }
            fillBronze(c);
            for (Job job : JOBS) {
                if (job.sql() != null) {
                    s.executeUpdate(job.sql());
                }
            }
            for (String user : List.of(READER, WRITER)) {
                s.execute("CREATE USER " + user + " PASSWORD '" + password.replace("'", "''") + "'");
            }
            for (String schema : List.of("bronze", "silver", "gold")) {
                s.execute("GRANT SELECT ON SCHEMA " + schema + " TO " + READER);
                s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON SCHEMA " + schema + " TO " + WRITER);
            }
            c.commit();
        }
    }

    /** The columns of every table with their SQL types, by {@code schema.table}, as the database reports them. */
    public Map<String, List<String[]>> columns() throws SQLException {
        Map<String, List<String[]>> tables = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url, READER, password)) {
            DatabaseMetaData metadata = c.getMetaData();
            for (String schema : List.of("bronze", "silver", "gold")) {
                try (ResultSet rs = metadata.getColumns(null, schema, "%", "%")) {
                    while (rs.next()) {
                        tables.computeIfAbsent(schema + "." + rs.getString("TABLE_NAME"), t -> new ArrayList<>())
                                .add(new String[] {rs.getString("COLUMN_NAME"),
                                    rs.getString("TYPE_NAME").toLowerCase(Locale.ROOT)});
                    }
                }
            }
        }
        return tables;
    }

    private static void fillBronze(Connection c) throws SQLException {
        Random random = new Random(SEED);
        LocalDateTime start = LocalDateTime.of(2025, 1, 1, 8, 0);
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO bronze.raw_customers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int id = 1; id <= CUSTOMERS; id++) {
                String first = FIRST[random.nextInt(FIRST.length)];
                String last = LAST[random.nextInt(LAST.length)];
                String[] city = CITIES[random.nextInt(CITIES.length)];
                insert.setLong(1, id);
                insert.setString(2, first);
                insert.setString(3, last);
                // example.com and example.org are reserved for examples (RFC 2606): no one's mailbox.
                insert.setString(4, ascii(first) + "." + ascii(last) + id + (id % 3 == 0 ? "@Example.org" : "@example.com"));
                // Ofcom keeps 020 7946 0000-0999 for drama: a valid London number, and no one's.
                insert.setString(5, String.format(Locale.ROOT, "+44 20 7946 0%03d", random.nextInt(1000)));
                insert.setObject(6, LocalDate.of(1950 + random.nextInt(55), 1 + random.nextInt(12), 1 + random.nextInt(28)));
                insert.setString(7, STREETS[random.nextInt(STREETS.length)] + " " + (1 + random.nextInt(200)));
                insert.setString(8, city[0]);
                insert.setString(9, city[2] + String.format(Locale.ROOT, "%03d", random.nextInt(1000)));
                insert.setString(10, city[1]);
                insert.setObject(11, start.plusMinutes(random.nextInt(60 * 24 * 180)));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO bronze.raw_orders VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int id = 1; id <= ORDERS; id++) {
                insert.setLong(1, 100_000 + id);
                insert.setLong(2, 1 + random.nextInt(CUSTOMERS));
                insert.setObject(3, start.plusDays(180).plusMinutes(random.nextInt(60 * 24 * 120)));
                insert.setBigDecimal(4, java.math.BigDecimal.valueOf(500 + random.nextInt(30_000), 2));
                insert.setString(5, "EUR");
                insert.setString(6, testCard(random));
                insert.setString(7, id % 50 == 0 ? "TEST" : id % 9 == 0 ? "REFUNDED" : "PAID");
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO bronze.raw_web_events VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int id = 1; id <= WEB_EVENTS; id++) {
                int session = 1 + random.nextInt(WEB_EVENTS / 4);
                insert.setLong(1, id);
                insert.setString(2, new java.util.UUID(SEED, session).toString());
                insert.setLong(3, 1 + (session * 7L) % CUSTOMERS);
                // 192.0.2.0/24 and 198.51.100.0/24 are reserved for documentation (RFC 5737).
                insert.setString(4, (session % 2 == 0 ? "192.0.2." : "198.51.100.") + (1 + session % 250));
                insert.setString(5, AGENTS[session % AGENTS.length]);
                insert.setString(6, PAGES[random.nextInt(PAGES.length)]);
                insert.setObject(7, start.plusDays(200).plusMinutes(session * 90L + random.nextInt(60)));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * A card number in the 400000 range payment processors reserve for testing, with a valid Luhn
     * digit, grouped by four: shaped like a real PAN, issued to nobody.
     */
    static String testCard(Random random) {
        StringBuilder digits = new StringBuilder("400000");
        while (digits.length() < 15) {
            digits.append(random.nextInt(10));
        }
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            int d = digits.charAt(14 - i) - '0';
            // From the right, every other digit starting with the one left of the check digit is doubled.
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        digits.append((10 - sum % 10) % 10);
        return digits.substring(0, 4) + " " + digits.substring(4, 8) + " " + digits.substring(8, 12) + " "
                + digits.substring(12);
    }

    private static String ascii(String name) {
        return java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("[^A-Za-z]", "")
                .toLowerCase(Locale.ROOT);
    }
}
