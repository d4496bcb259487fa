package io.custodian.bench.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodian.catalog.ingest.IngestReceipt;
import io.custodian.catalog.ingest.LineageEventParser;
import io.custodian.catalog.ingest.LineageIngestor;
import io.custodian.catalog.read.CatalogReader;
import io.custodian.catalog.search.SearchIndex;
import io.custodian.catalog.search.SearchQuery;
import io.custodian.catalog.store.CatalogDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * Search at catalog scale, in one run: generates a catalog of datasets (about 20 fields each,
 * names in the style of real warehouses, across 50 namespaces) and jobs reading them, ingests it
 * as OpenLineage events into an embedded H2 store, then measures
 * <ol>
 *   <li>the index build rate (a rebuild of the Lucene index from the store, as on first start),</li>
 *   <li>p50/p99 latency of a fixed mix of queries (words, two words, prefixes, typos, column terms,
 *       namespace filters), each with facet counts, after one warm-up pass,</li>
 *   <li>the same query words run as Marquez runs search: {@code name ILIKE '%word%'} over dataset
 *       and job names in the same store, newest first.</li>
 * </ol>
 * Not a JMH benchmark: the figures are latencies of a realistic mix, not of one operation.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.custodian.bench.search.SearchBenchmark [datasets] [queries]</pre>
 */
public final class SearchBenchmark {
    private static final ObjectMapper json = new ObjectMapper();
    private static final String[] DOMAINS = {"sales", "finance", "marketing", "hr", "support", "logistics", "product",
            "analytics", "raw", "staging", "crm", "billing", "growth", "risk", "ops"};
    private static final String[] ENTITIES = {"customers", "orders", "order_items", "invoices", "payments", "refunds",
            "sessions", "page_views", "products", "inventory", "shipments", "employees", "payroll", "tickets",
            "contacts", "accounts", "opportunities", "campaigns", "ad_spend", "subscriptions", "churn_scores",
            "transactions", "ledger_entries", "exchange_rates", "deliveries", "drivers", "vehicles", "reviews",
            "coupons", "carts", "signups", "logins", "devices", "addresses", "suppliers", "purchase_orders",
            "warehouses", "returns", "budgets", "forecasts"};
    private static final String[] PREFIXES = {"", "", "", "fct_", "dim_", "stg_", "int_", "agg_"};
    private static final String[] SUFFIXES = {"", "", "", "_daily", "_monthly", "_v2", "_snapshot", "_history",
            "_latest", "_by_region"};
    private static final String[] FIELDS = {"id", "customer_id", "order_id", "email", "first_name", "last_name",
            "created_at", "updated_at", "amount", "currency", "status", "country_code", "region", "phone_number",
            "product_id", "quantity", "unit_price", "discount", "tax_amount", "payment_method", "session_id",
            "user_id", "device_type", "ip_address", "campaign_id", "channel", "revenue", "cost", "margin",
            "employee_id", "department", "salary", "ticket_id", "priority", "subject", "account_id", "stage",
            "close_date", "sku", "category", "brand", "warehouse_id", "carrier", "tracking_number", "vin",
            "latitude", "longitude", "postal_code", "city", "street", "birth_date", "gender", "loyalty_tier",
            "is_active", "deleted_at", "valid_from", "valid_to", "source_system", "batch_id", "event_time"};
    private static final String[] SCHEMES = {"postgres://db-%d.prod:5432", "snowflake://acct-%d",
            "s3://lake-%d", "kafka://broker-%d:9092", "bigquery://project-%d"};

    public static void main(String[] args) throws Exception {
        int datasets = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int queryCount = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        Random random = new Random(42);
        Path dir = Files.createTempDirectory("custodian-search-bench-");
        String url = "jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;MAX_LENGTH_INPLACE_LOB=131072";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(8);
        CatalogDatabase database = CatalogDatabase.migrate(pool);
        CatalogReader reader = new CatalogReader(database.jdbi(), json);

        List<String> namespaces = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            namespaces.add(String.format(SCHEMES[i % SCHEMES.length], i));
        }
        List<String[]> names = new ArrayList<>();
        long started = System.nanoTime();
        ingest(database, datasets, namespaces, names, random);
        System.out.printf("generated and ingested %,d datasets and %,d jobs in %.1f s%n", datasets, datasets / 20,
                seconds(started));

        started = System.nanoTime();
        SearchIndex index = SearchIndex.open(dir.resolve("search-index"), reader);
        double buildSeconds = seconds(started);
        System.out.printf("index build: %,d documents in %.1f s = %,.0f datasets/s (including reading the store)%n",
                index.documentCount(), buildSeconds, datasets / buildSeconds);

        List<String> queries = queries(queryCount, namespaces, random);
        for (String query : queries) {
            index.search(SearchQuery.parse(query).orElseThrow(), 20, 0);
        }
        long[] lucene = new long[queries.size()];
        long hits = 0;
        for (int i = 0; i < queries.size(); i++) {
            long t = System.nanoTime();
            hits += index.search(SearchQuery.parse(queries.get(i)).orElseThrow(), 20, 0).totalCount();
            lucene[i] = System.nanoTime() - t;
        }
        report("lucene search (20 hits + facets)", lucene);
        System.out.printf("  mean total hits per query: %,.0f%n", (double) hits / queries.size());

        long[] ilike = new long[queries.size()];
        String sql = """
            SELECT type, name, namespace FROM (
              SELECT 'DATASET' AS type, d.name, n.name AS namespace, d.updated_at FROM dataset d
                JOIN namespace n ON n.id = d.namespace_id WHERE d.name ILIKE ?
              UNION ALL
              SELECT 'JOB' AS type, j.name, n.name AS namespace, j.updated_at FROM job j
                JOIN namespace n ON n.id = j.namespace_id WHERE j.name ILIKE ?
            ) r ORDER BY updated_at DESC LIMIT 20
            """;
        try (Connection connection = pool.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < queries.size(); i++) {
                    String pattern = "%" + word(queries.get(i)) + "%";
                    long t = System.nanoTime();
                    statement.setString(1, pattern);
                    statement.setString(2, pattern);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            rows.getString(2);
                        }
                    }
                    ilike[i] = System.nanoTime() - t;
                }
            }
        }
        report("ILIKE '%word%' on names (Marquez's search)", ilike);
        System.out.printf("ratio ILIKE / lucene: p50 %.1fx, p99 %.1fx%n",
                (double) percentile(ilike, 50) / percentile(lucene, 50),
                (double) percentile(ilike, 99) / percentile(lucene, 99));
        index.close();
        pool.dispose();
    }

    private static void ingest(CatalogDatabase database, int datasets, List<String> namespaces, List<String[]> names,
            Random random) {
        LineageEventParser parser = new LineageEventParser();
        Set<String> seen = new HashSet<>();
        Instant time = Instant.parse("2025-06-01T00:00:00Z");
        try (LineageIngestor ingestor = new LineageIngestor(database.jdbi(), parser, Clock.systemUTC(),
                LineageIngestor.Settings.defaults(), applied -> { }).start()) {
            List<CompletableFuture<IngestReceipt>> pending = new ArrayList<>();
            for (int i = 0; i < datasets; i++) {
                String namespace = namespaces.get(random.nextInt(namespaces.size()));
                String name;
                do {
                    name = DOMAINS[random.nextInt(DOMAINS.length)] + "." + PREFIXES[random.nextInt(PREFIXES.length)]
                            + ENTITIES[random.nextInt(ENTITIES.length)] + SUFFIXES[random.nextInt(SUFFIXES.length)];
                    if (seen.contains(namespace + name)) {
                        name = name + "_" + random.nextInt(1000);
                    }
                } while (!seen.add(namespace + name));
                names.add(new String[] {namespace, name});
                ObjectNode event = json.createObjectNode();
                event.put("eventTime", time.plusSeconds(i).toString());
                event.put("producer", "https://custodian.io/bench");
                event.put("schemaURL", "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent");
                ObjectNode dataset = event.putObject("dataset").put("namespace", namespace).put("name", name);
                ObjectNode facets = dataset.putObject("facets");
                ArrayNode fields = facets.putObject("schema").putArray("fields");
                List<String> pool = new ArrayList<>(Arrays.asList(FIELDS));
                for (int f = 0; f < 16 + random.nextInt(9); f++) {
                    fields.addObject().put("name", pool.remove(random.nextInt(pool.size()))).put("type", "varchar");
                }
                if (random.nextInt(3) == 0) {
                    facets.putObject("documentation").put("description",
                            "The " + name.replace('_', ' ').replace('.', ' ') + " of the " + namespace + " platform");
                }
                pending.add(ingestor.submit(parser.parse(bytes(event))));
                pending = drain(pending);
            }
            // Jobs, so datasets have readers (popularity) and the index holds jobs too.
            for (int j = 0; j < datasets / 20; j++) {
                ObjectNode event = json.createObjectNode();
                event.put("eventTime", time.plusSeconds(datasets + j).toString());
                event.put("producer", "https://custodian.io/bench");
                event.put("schemaURL", "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent");
                event.putObject("job").put("namespace", "airflow-" + j % 10).put("name",
                        "build_" + names.get(random.nextInt(names.size()))[1].replace('.', '_') + "_" + j);
                for (String io : List.of("inputs", "outputs")) {
                    ArrayNode list = event.putArray(io);
                    for (int k = 0; k < (io.equals("inputs") ? 3 : 1); k++) {
                        String[] ref = names.get(random.nextInt(names.size()));
                        list.addObject().put("namespace", ref[0]).put("name", ref[1]);
                    }
                }
                pending.add(ingestor.submit(parser.parse(bytes(event))));
                pending = drain(pending);
            }
            pending.forEach(CompletableFuture::join);
            ingestor.awaitApplied(Duration.ofMinutes(10));
        }
    }

    private static List<CompletableFuture<IngestReceipt>> drain(List<CompletableFuture<IngestReceipt>> pending) {
        if (pending.size() < 2_000) {
            return pending;
        }
        pending.forEach(CompletableFuture::join);
        return new ArrayList<>();
    }

    /** A fixed mix: words, two words, prefixes, typos, column terms, namespace filters. */
    private static List<String> queries(int count, List<String> namespaces, Random random) {
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String entity = ENTITIES[random.nextInt(ENTITIES.length)].replace("_", " ");
            String word = entity.split(" ")[0];
            int kind = random.nextInt(20);
            String query;
            if (kind < 6) {
                query = word;
            } else if (kind < 9) {
                query = DOMAINS[random.nextInt(DOMAINS.length)] + " " + entity;
            } else if (kind < 12) {
                query = word.substring(0, Math.min(word.length(), 3 + random.nextInt(3))) + "*";
            } else if (kind < 15) {
                query = typo(word.length() >= 5 ? word : "customers", random);
            } else if (kind < 18) {
                query = "column:" + FIELDS[random.nextInt(FIELDS.length)];
            } else {
                query = word + " namespace:" + namespaces.get(random.nextInt(namespaces.size()));
            }
            queries.add(query);
        }
        return queries;
    }

    private static String typo(String word, Random random) {
        int at = 1 + random.nextInt(word.length() - 2);
        return random.nextBoolean()
                ? word.substring(0, at) + word.substring(at + 1)
                : word.substring(0, at) + word.charAt(at + 1) + word.charAt(at) + word.substring(at + 2);
    }

    /** The word a name search would be given for this query. */
    private static String word(String query) {
        String first = query.split(" ")[0];
        return first.replace("column:", "").replace("*", "");
    }

    private static void report(String what, long[] nanos) {
        System.out.printf("%s: %d queries, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", what, nanos.length,
                percentile(nanos, 50) / 1e6, percentile(nanos, 90) / 1e6, percentile(nanos, 99) / 1e6,
                percentile(nanos, 100) / 1e6);
    }

    private static long percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
