package io.custodian.bench.scan;

import io.custodian.catalog.classification.ClassificationStore;
import io.custodian.catalog.ingest.LineageEventParser;
import io.custodian.catalog.ingest.LineageIngestor;
import io.custodian.catalog.store.CatalogDatabase;
import io.custodian.policy.PolicySet;
import io.custodian.scanner.policy.ScannerPolicies;
import io.custodian.scanner.classify.PiiColumnClassifier;
import io.custodian.scanner.propagation.PropagationService;
import io.custodian.scanner.scan.IngestingRegistrar;
import io.custodian.scanner.scan.Scan;
import io.custodian.scanner.scan.ScanRequest;
import io.custodian.scanner.scan.ScanService;
import io.custodian.scanner.scan.ScanSource;
import io.custodian.sources.DataSources;
import io.custodian.sources.SourceSettings;
import io.custodian.sources.Sources;
import io.custodian.scanner.scan.ScanStore;
import io.custodian.scanner.scan.TableStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;

/**
 * End-to-end scan benchmark: a PostgreSQL schema of 50 tables (20,000 rows, nine columns each,
 * personal data and ordinary columns) scanned with 1,000 sampled rows per table by the real
 * classifier into an embedded H2 catalog, as the service does it: table listing, TABLESAMPLE,
 * classification, datasets created through ingestion, classifications stored, propagation run.
 * Prints the wall time of a first scan (the catalog does not know the tables) and of re-scans.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.custodian.bench.scan.ScanBenchmark} with
 * {@code CUSTODIAN_TEST_PG_URL}, {@code CUSTODIAN_TEST_PG_USER}, {@code CUSTODIAN_TEST_PG_PASSWORD}
 * naming a database the user may create schemas in. Optional arguments: tables, rows per table,
 * sample size, concurrency, re-scans.
 */
public final class ScanBenchmark {
    private ScanBenchmark() {}

    public static void main(String[] args) throws Exception {
        int tables = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int sampleSize = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        int rescans = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        String url = required("CUSTODIAN_TEST_PG_URL");
        String user = required("CUSTODIAN_TEST_PG_USER");
        String password = required("CUSTODIAN_TEST_PG_PASSWORD");
        String schema = "scanbench_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);

        long setup = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            for (int t = 0; t < tables; t++) {
                String table = schema + ".t_" + String.format("%02d", t);
                s.execute("CREATE TABLE " + table + " (id BIGINT, customer_email TEXT, full_name TEXT, phone TEXT,"
                        + " client_ip TEXT, note TEXT, amount NUMERIC(12,2), status TEXT, created_at TIMESTAMPTZ)");
                s.execute("INSERT INTO " + table + " SELECT i, 'user' || i || '@example' || (i % 7) || '.com',"
                        + " (ARRAY['Ana','John','Marie','Jan','Luca','Eva','Omar','Mei'])[1 + i % 8] || ' ' ||"
                        + " (ARRAY['Garcia','Smith','Curie','Vries','Rossi','Muller','Silva','Chen'])[1 + (i / 8) % 8],"
                        + " '+44 20 7946 ' || lpad((i % 10000)::text, 4, '0'),"
                        + " '10.' || (i % 256) || '.' || ((i / 256) % 256) || '.' || (i % 199),"
                        + " 'Order ' || i || ' shipped on time, no issues reported.', (i % 1000) * 1.25,"
                        + " (ARRAY['new','paid','shipped'])[1 + i % 3], now() - (i || ' minutes')::interval"
                        + " FROM generate_series(1, " + rows + ") AS g(i)");
            }
            s.execute("ANALYZE");
        }
        System.out.printf(Locale.ROOT, "setup: %d tables x %d rows in %.1f s%n", tables, rows, seconds(setup));

        Path dir = Files.createTempDirectory("custodian-scan-bench-");
        JdbcDataSource catalogSource = new JdbcDataSource();
        catalogSource.setURL("jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0"
                + ";MAX_LENGTH_INPLACE_LOB=131072");
        catalogSource.setUser("sa");
        catalogSource.setPassword("");
        CatalogDatabase catalog = CatalogDatabase.migrate(catalogSource);
        PolicySet policy = ScannerPolicies.defaults();
        ClassificationStore store = new ClassificationStore(catalog.jdbi(), Clock.systemUTC());
        LineageEventParser parser = new LineageEventParser();
        SourceSettings source = SourceSettings.of("bench", url, user, password, "postgres://bench:5432", Optional.empty())
                .withPool(Math.max(SourceSettings.DEFAULT_MAX_CONNECTIONS, concurrency),
                        SourceSettings.DEFAULT_CONNECT_TIMEOUT);
        try (DataSources dataSources = new DataSources(new Sources(List.of(source)));
                PropagationService propagation = new PropagationService(store, () -> policy).start();
                LineageIngestor ingestor = new LineageIngestor(catalog.jdbi(), parser, Clock.systemUTC(),
                        LineageIngestor.Settings.defaults(), propagation).start();
                ScanService scans = new ScanService(
                        List.of(new ScanSource(source, sampleSize, concurrency, Duration.ofSeconds(60))), dataSources,
                        new ScanStore(catalog.jdbi(), Clock.systemUTC()), store,
                        new IngestingRegistrar(store, ingestor, parser, Clock.systemUTC(), Duration.ofSeconds(60)),
                        new PiiColumnClassifier(policy), () -> policy, event -> { }, Clock.systemUTC(), 1,
                        propagation::request)) {
            dataSources.start();
            scans.start();
            for (int run = 0; run <= rescans; run++) {
                long start = System.nanoTime();
                Scan scan = scans.submit(new ScanRequest("bench", schema, null), "bench");
                while (!(scan = scans.scan(scan.id()).orElseThrow()).status().finished()) {
                    Thread.sleep(5);
                }
                propagation.awaitIdle(60_000);
                double elapsed = seconds(start);
                long done = scan.tables().stream().filter(t -> t.status() == TableStatus.DONE).count();
                long sampled = scan.tables().stream().mapToLong(t -> t.rowsSampled() == null ? 0 : t.rowsSampled()).sum();
                java.util.Map<String, Long> findings = new java.util.TreeMap<>();
                scan.tables().forEach(t -> t.findings().forEach(x -> findings.merge(x.column() + ":" + x.type(), 1L, Long::sum)));
                System.out.printf(Locale.ROOT, "%s scan: %s, %d/%d tables done, %d rows sampled, %.2f s; findings %s%n",
                        run == 0 ? "first" : "re-", scan.status(), done, scan.tables().size(), sampled, elapsed, findings);
            }
        } finally {
            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            } catch (SQLException e) {
                System.err.println("could not drop schema " + schema + ": SQLState " + e.getSQLState());
            }
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return value;
    }
}
