package io.custodian.bench.rewrite;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodian.catalog.classification.ClassificationStore;
import io.custodian.catalog.classification.Decision;
import io.custodian.catalog.ingest.LineageEventParser;
import io.custodian.catalog.ingest.LineageIngestor;
import io.custodian.catalog.sql.CatalogTables;
import io.custodian.catalog.sql.CatalogTables.CatalogColumn;
import io.custodian.catalog.sql.CatalogTables.CatalogTable;
import io.custodian.catalog.store.CatalogDatabase;
import io.custodian.lineage.sql.SqlDefaults;
import io.custodian.masking.MaskingDialect;
import io.custodian.masking.rewrite.QueryRewriter;
import io.custodian.masking.rewrite.RewriteException;
import io.custodian.masking.rewrite.RewrittenQuery;
import io.custodian.masking.rewrite.TableCatalog;
import io.custodian.masking.rewrite.TableMasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.LoggerFactory;

/**
 * Latency of the gateway query rewrite on one thread: typical analyst queries (5 to 30 lines, a few
 * joins, CTEs, subqueries, window functions) rewritten for a principal whose classified columns are
 * masked, one query per call, cycling. The catalog is either in memory (the rewrite alone) or the
 * catalog's own tables on embedded H2, filled through ingestion and steward decisions (the rewrite
 * plus the catalog read the service does per query). Calcite's Babel parser needs about ten
 * 10-second iterations before C2 has compiled it, hence the long warm-up.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10, time = 10)
@Measurement(iterations = 5, time = 10)
@Fork(1)
public class RewriteBenchmark {
    private static final String NS = "postgres://warehouse:5432";
    private static final SqlDefaults DEFAULTS = SqlDefaults.of("analytics", "shop");

    /** Tables as "name: column type [CLASSIFICATION], ...". */
    private static final Map<String, String> TABLES = Map.of(
            "customers", "customer_id bigint, name text PERSON_NAME, email text EMAIL_ADDRESS, phone text PHONE_NUMBER,"
                    + " birth_date date DATE_OF_BIRTH, country text, created_at timestamp, segment text",
            "orders", "order_id bigint, customer_id bigint, amount numeric, status text, created_at timestamp,"
                    + " region text, shipping_address text ADDRESS",
            "items", "order_id bigint, product_id bigint, qty int, price numeric",
            "products", "product_id bigint, title text, category text, list_price numeric",
            "payments", "payment_id bigint, order_id bigint, card_number text CREDIT_CARD, iban text IBAN, paid_at timestamp",
            "support_tickets", "ticket_id bigint, customer_id bigint, body text, contact_email text EMAIL_ADDRESS,"
                    + " opened_at timestamp");

    static final List<String> QUERIES = List.of(
            """
            SELECT c.customer_id, c.name, c.email, sum(o.amount) AS spend
            FROM customers c
            JOIN orders o ON o.customer_id = c.customer_id
            WHERE o.status = 'paid'
            GROUP BY c.customer_id, c.name, c.email
            ORDER BY spend DESC
            LIMIT 50""",
            """
            WITH recent AS (
              SELECT * FROM orders WHERE created_at > current_date - 30
            ), big AS (
              SELECT customer_id, count(*) AS n, avg(amount) AS avg_amount
              FROM recent GROUP BY customer_id HAVING count(*) > 3
            )
            SELECT c.email, c.country, b.n, b.avg_amount
            FROM big b JOIN customers c ON c.customer_id = b.customer_id
            WHERE c.country IN ('PT', 'ES', 'FR')
            ORDER BY b.n DESC""",
            """
            SELECT p.category, date_trunc('month', o.created_at) AS month,
                   sum(i.qty * i.price) AS revenue,
                   rank() OVER (PARTITION BY date_trunc('month', o.created_at) ORDER BY sum(i.qty * i.price) DESC) AS rnk
            FROM items i
            JOIN products p ON p.product_id = i.product_id
            JOIN orders o ON o.order_id = i.order_id
            WHERE o.status <> 'cancelled'
            GROUP BY p.category, date_trunc('month', o.created_at)""",
            """
            SELECT t.ticket_id, t.contact_email, c.name, c.phone,
                   (SELECT max(o.created_at) FROM orders o WHERE o.customer_id = t.customer_id) AS last_order
            FROM support_tickets t
            LEFT JOIN customers c ON c.customer_id = t.customer_id
            WHERE t.opened_at > current_date - 7
              AND EXISTS (SELECT 1 FROM payments p JOIN orders o2 ON o2.order_id = p.order_id
                          WHERE o2.customer_id = t.customer_id AND p.paid_at > current_date - 90)""",
            """
            SELECT c.segment, count(DISTINCT c.customer_id) AS customers, sum(p.amount_paid) AS paid
            FROM customers c
            JOIN (SELECT o.customer_id, pay.order_id, o.amount AS amount_paid
                  FROM payments pay JOIN orders o ON o.order_id = pay.order_id) p
              ON p.customer_id = c.customer_id
            WHERE c.customer_id IN (SELECT customer_id FROM support_tickets)
            GROUP BY c.segment
            UNION ALL
            SELECT 'all', count(*), sum(amount) FROM orders""",
            """
            WITH monthly AS (
              SELECT customer_id, date_trunc('month', created_at) AS m, sum(amount) AS total
              FROM orders
              GROUP BY customer_id, date_trunc('month', created_at)
            ),
            ranked AS (
              SELECT customer_id, m, total,
                     lag(total) OVER (PARTITION BY customer_id ORDER BY m) AS previous,
                     row_number() OVER (PARTITION BY m ORDER BY total DESC) AS position
              FROM monthly
            ),
            top AS (
              SELECT * FROM ranked WHERE position <= 10
            )
            SELECT c.name, c.email, c.birth_date, t.m, t.total, t.previous,
                   CASE WHEN t.previous IS NULL THEN 'new'
                        WHEN t.total > t.previous THEN 'up'
                        ELSE 'down' END AS trend,
                   p.card_number
            FROM top t
            JOIN customers c ON c.customer_id = t.customer_id
            LEFT JOIN orders o ON o.customer_id = c.customer_id AND date_trunc('month', o.created_at) = t.m
            LEFT JOIN payments p ON p.order_id = o.order_id
            WHERE c.country = 'PT'
            ORDER BY t.m, t.total DESC""");

    @Param({"memory", "h2"})
    public String catalog;

    private QueryRewriter rewriter;
    private TableMasks masks;
    private Runnable cleanup = () -> { };
    private int next;
    private long seen;

    @Setup
    public void setUp() throws Exception {
        // Calcite logs every parse at DEBUG, logback's default level here; the server runs at INFO.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.calcite")).setLevel(Level.INFO);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("ROOT")).setLevel(Level.WARN);
        masks = table -> {
            Map<String, String> out = new LinkedHashMap<>();
            for (CatalogColumn column : table.columns()) {
                if (column.isClassified()) {
                    out.put(column.name(), "CAST(NULL AS " + column.type() + ")");
                }
            }
            return out;
        };
        TableCatalog tables = catalog.equals("h2") ? h2Catalog() : TableCatalog.of(memoryTables());
        rewriter = new QueryRewriter(tables);
        for (String sql : QUERIES) {
            RewrittenQuery q = rewriter.rewrite(sql, MaskingDialect.POSTGRESQL, NS, DEFAULTS, masks);
            if (q.maskedColumns().isEmpty() && !sql.contains("p.category")) {
                throw new IllegalStateException("nothing masked in " + sql);
            }
        }
    }

    @TearDown
    public void tearDown() {
        cleanup.run();
    }

    /** The same dashboard queries again: their parse is kept, names and masks are decided anew. */
    @Benchmark
    public RewrittenQuery rewrite() throws RewriteException {
        String sql = QUERIES.get(next);
        next = (next + 1) % QUERIES.size();
        return rewriter.rewrite(sql, MaskingDialect.POSTGRESQL, NS, DEFAULTS, masks);
    }

    /** Queries never seen before (a comment makes each text new): every call parses. */
    @Benchmark
    public RewrittenQuery rewriteFirstSeen() throws RewriteException {
        String sql = QUERIES.get(next % QUERIES.size()) + "\n-- " + (seen++);
        next = (next + 1) % QUERIES.size();
        return rewriter.rewrite(sql, MaskingDialect.POSTGRESQL, NS, DEFAULTS, masks);
    }

    private static List<CatalogTable> memoryTables() {
        List<CatalogTable> out = new ArrayList<>();
        TABLES.forEach((name, spec) -> {
            List<CatalogColumn> columns = new ArrayList<>();
            for (String[] c : columns(spec)) {
                columns.add(new CatalogColumn(c[0], c[1], c.length > 2 ? List.of(c[2]) : List.of()));
            }
            out.add(new CatalogTable(NS, "analytics.shop." + name, columns));
        });
        return out;
    }

    private static List<String[]> columns(String spec) {
        List<String[]> out = new ArrayList<>();
        for (String column : spec.split(",")) {
            out.add(column.strip().split(" "));
        }
        return out;
    }

    /** The catalog's own tables on embedded H2, filled through ingestion and steward decisions. */
    private TableCatalog h2Catalog() throws Exception {
        Path dir = Files.createTempDirectory("custodian-rewrite-bench-");
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        dataSource.setUser("sa");
        dataSource.setPassword("");
        Connection keeper = dataSource.getConnection();
        CatalogDatabase database = CatalogDatabase.migrate(dataSource);
        LineageEventParser parser = new LineageEventParser();
        LineageIngestor ingestor = new LineageIngestor(database.jdbi(), parser, Clock.systemUTC(),
                LineageIngestor.Settings.defaults()).start();
        ingestor.submit(parser.parse(event())).join();
        if (!ingestor.awaitApplied(Duration.ofSeconds(60))) {
            throw new IllegalStateException("the catalog did not apply the event");
        }
        ClassificationStore store = new ClassificationStore(database.jdbi(), Clock.systemUTC());
        TABLES.forEach((name, spec) -> {
            for (String[] c : columns(spec)) {
                if (c.length > 2) {
                    store.decide(NS, "analytics.shop." + name, c[0], c[2], Decision.CONFIRMED, null, "bench");
                }
            }
        });
        cleanup = () -> {
            ingestor.close();
            try (Statement s = keeper.createStatement()) {
                s.execute("SHUTDOWN");
                keeper.close();
            } catch (java.sql.SQLException ignored) {
                // already closed
            }
        };
        // As the service reads it: resolutions cached between calls (see MaskingWiring).
        return CatalogTables.cached(database.jdbi(), 10_000, java.time.Duration.ofSeconds(5))::resolve;
    }

    /** One OpenLineage run event whose outputs are the tables, with schema facets. */
    private static byte[] event() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode event = mapper.createObjectNode();
        event.put("eventType", "COMPLETE").put("eventTime", Instant.parse("2025-03-01T10:00:00Z").toString())
                .put("producer", "https://github.com/custodian/bench")
                .put("schemaURL", "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent");
        event.putObject("run").put("runId", UUID.randomUUID().toString());
        event.putObject("job").put("namespace", "bench").put("name", "seed");
        event.putArray("inputs");
        ArrayNode outputs = event.putArray("outputs");
        TABLES.forEach((name, spec) -> {
            ObjectNode dataset = outputs.addObject().put("namespace", NS).put("name", "analytics.shop." + name);
            ObjectNode schema = dataset.putObject("facets").putObject("schema");
            schema.put("_producer", "https://github.com/custodian/bench")
                    .put("_schemaURL", "https://openlineage.io/spec/facets/1-0-0/SchemaDatasetFacet.json");
            ArrayNode fields = schema.putArray("fields");
            for (String[] c : columns(spec)) {
                fields.addObject().put("name", c[0]).put("type", c[1]);
            }
        });
        return mapper.writeValueAsBytes(event);
    }
}
