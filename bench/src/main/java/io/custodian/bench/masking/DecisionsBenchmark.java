package io.custodian.bench.masking;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodian.catalog.classification.ClassificationStore;
import io.custodian.catalog.classification.Decision;
import io.custodian.catalog.ingest.LineageEventParser;
import io.custodian.catalog.ingest.LineageIngestor;
import io.custodian.catalog.sql.CatalogTables;
import io.custodian.catalog.store.CatalogDatabase;
import io.custodian.lineage.sql.TableName;
import io.custodian.masking.MaskingDialect;
import io.custodian.masking.decision.ColumnDecision;
import io.custodian.masking.decision.DecisionRequest;
import io.custodian.masking.decision.DecisionRequest.ColumnRequest;
import io.custodian.masking.decision.DecisionRequest.TableRequest;
import io.custodian.masking.decision.DecisionResponse;
import io.custodian.masking.decision.GatewayColumn;
import io.custodian.masking.decision.GatewayDecisions;
import io.custodian.masking.decision.MaskingDecider;
import io.custodian.masking.decision.Principal;
import io.custodian.masking.decision.ResolvedTable;
import io.custodian.masking.policy.MaskingPolicies;
import io.custodian.masking.policy.MaskingPolicy;
import io.custodian.masking.strategy.ColumnType;
import io.custodian.masking.strategy.MaskingKeys;
import io.custodian.policy.PolicySet;
import io.custodian.policy.PolicySources;
import io.custodian.scanner.policy.ScannerPolicies;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Masking decisions for one gateway request reading a 250-column table (60 classified columns, a
 * policy of 12 rules and 4 overrides): the whole service call with its catalog read (an H2 catalog
 * seeded through the ingestion and classification APIs), once with cached resolutions and once
 * reading the catalog on every call, and the pure decider alone. Sampled, so
 * that JMH reports percentiles (p99 is the figure that counts: target under 2 ms).
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar DecisionsBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class DecisionsBenchmark {
    static final int COLUMNS = 250;
    static final String NAMESPACE = "postgres://bench:5432";
    static final String DATASET = "shop.public.wide_customers";
    private static final List<String> TYPES = List.of("EMAIL_ADDRESS", "PHONE_NUMBER", "PERSON_NAME", "DATE_OF_BIRTH",
            "POSTAL_CODE", "IBAN");
    private static final String POLICY = """
            masking:
              default: {strategy: REDACT, parameters: {value: "***"}}
              fallback: NULLIFY
              unknown_tables: mask
              udfs: {trino: {TOKENIZE: custodian.tokenize}}
              rules:
                - {name: support-phone, classifications: [PHONE_NUMBER], roles: [support], strategy: PARTIAL}
                - {name: support-email, classifications: [EMAIL_ADDRESS], roles: [support], strategy: EMAIL_MASK}
                - {name: support-name, classifications: [PERSON_NAME], roles: [support], strategy: TOKENIZE}
                - {name: analysts-birth, classifications: [DATE_OF_BIRTH], groups: [analysts], strategy: GENERALIZE}
                - {name: analysts-postal, classifications: [POSTAL_CODE], groups: [analysts], strategy: GENERALIZE}
                - {name: analysts-email, classifications: [EMAIL_ADDRESS], groups: [analysts], strategy: HASH}
                - {name: analysts-iban, classifications: [IBAN], groups: [analysts], strategy: HASH}
                - {name: finance-iban, classifications: [IBAN], roles: [finance], strategy: PARTIAL}
                - {name: privacy-raw, classifications: ["*"], groups: [privacy], strategy: NONE}
                - {name: audit-phone, classifications: [PHONE_NUMBER], roles: [audit], strategy: HASH}
                - {name: audit-name, classifications: [PERSON_NAME], roles: [audit], strategy: REDACT}
                - {name: marketing-postal, classifications: [POSTAL_CODE], roles: [marketing], strategy: NONE}
              overrides:
                - {dataset: shop.public.wide_customers, column: c7, strategy: NULLIFY}
                - {dataset: shop.public.wide_customers, column: c8, groups: [contractors], strategy: REDACT}
                - {dataset: shop.public.orders, strategy: NULLIFY, groups: [contractors]}
                - {dataset: shop.public.wide_customers, classifications: [IBAN], roles: [intern], strategy: NULLIFY}
            """;

    private Path dir;
    private HikariDataSource dataSource;
    private LineageIngestor ingestor;
    private GatewayDecisions decisions;
    private GatewayDecisions uncachedDecisions;
    private DecisionRequest request;
    private MaskingDecider decider;
    private MaskingPolicy policy;
    private String version;
    private Principal principal;
    private ResolvedTable table;
    private List<GatewayColumn> columns;

    /** Test keys: a fixed salt; tokens are not computed in SQL decisions. */
    static final class BenchKeys implements MaskingKeys {
        @Override
        public byte[] hashSalt(String purpose) {
            return ("bench-salt-" + purpose).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String tokenize(String purpose, String value) {
            return "tok_" + value.length();
        }
    }

    static String type(int i) {
        return switch (i % 5) {
            case 0 -> "varchar(200)";
            case 1 -> "bigint";
            case 2 -> "date";
            case 3 -> "text";
            default -> "numeric(12,2)";
        };
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("custodian-decisions-bench-");
        // pooled, as the service's catalog connections are: a decision call borrows an open connection
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl("jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        pool.setUsername("sa");
        pool.setPassword("");
        pool.setMaximumPoolSize(4);
        dataSource = new HikariDataSource(pool);
        CatalogDatabase catalog = CatalogDatabase.migrate(dataSource);
        LineageEventParser parser = new LineageEventParser();
        ingestor = new LineageIngestor(catalog.jdbi(), parser, Clock.systemUTC(), LineageIngestor.Settings.defaults())
                .start();
        ingestor.submit(parser.parse(event())).join();
        if (!ingestor.awaitApplied(Duration.ofSeconds(60))) {
            throw new IllegalStateException("the seed event was not applied");
        }
        ClassificationStore store = new ClassificationStore(catalog.jdbi(), Clock.systemUTC());
        for (int i = 0; i < COLUMNS; i += 4) {
            if (i / 4 >= 60) {
                break;
            }
            store.decide(NAMESPACE, DATASET, "c" + i, TYPES.get(i % TYPES.size()), Decision.CONFIRMED, null, "bench");
            if (i % 20 == 0) {
                store.decide(NAMESPACE, DATASET, "c" + i, "PHONE_NUMBER", Decision.CONFIRMED, null, "bench");
            }
        }
        Path policyFile = Files.writeString(dir.resolve("policy.yml"), POLICY);
        PolicySet set = MaskingPolicies.loader(ScannerPolicies.sections()).load(PolicySources.file(policyFile));
        CatalogTables tables = new CatalogTables(catalog.jdbi());
        uncachedDecisions = new GatewayDecisions(tables, () -> set, new BenchKeys());
        // entries re-read every 30 s, as a service bounding how long other replicas' changes go unseen
        decisions = new GatewayDecisions(CatalogTables.cached(catalog.jdbi(), 10_000, Duration.ofSeconds(30)),
                () -> set, new BenchKeys());
        List<ColumnRequest> requested = new ArrayList<>();
        columns = new ArrayList<>();
        for (int i = 0; i < COLUMNS; i++) {
            requested.add(new ColumnRequest("c" + i, type(i)));
            columns.add(new GatewayColumn("c" + i, ColumnType.parse(type(i))));
        }
        request = new DecisionRequest("bench-user", List.of("support", "finance"), List.of("analysts"), "trino",
                NAMESPACE, "shop", "public", List.of(new TableRequest("wide_customers", requested)));
        checkDecides(decisions.decide(request));
        checkDecides(uncachedDecisions.decide(request));
        decider = new MaskingDecider(new BenchKeys());
        policy = MaskingPolicies.masking(set);
        version = set.version();
        principal = new Principal("bench-user", Set.of("support", "finance"), Set.of("analysts"));
        table = ResolvedTable.known(tables.resolve(NAMESPACE, List.of(TableName.parse(DATASET))).values().iterator()
                .next().table().orElseThrow());
    }

    private static void checkDecides(DecisionResponse check) {
        long masked = check.tables().get(0).columns().stream().filter(ColumnDecision::masked).count();
        if (check.tables().get(0).columns().size() != COLUMNS || masked < 60) {
            throw new IllegalStateException("the seeded table decides " + masked + " masked columns");
        }
    }

    private static byte[] event() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode event = mapper.createObjectNode();
        event.put("eventType", "COMPLETE");
        event.put("eventTime", Instant.parse("2026-01-01T00:00:00Z").toString());
        event.putObject("run").put("runId", UUID.randomUUID().toString());
        event.putObject("job").put("namespace", "bench").put("name", "seed");
        event.put("producer", "https://github.com/custodian/bench");
        event.put("schemaURL", "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent");
        event.putArray("inputs");
        ObjectNode output = event.putArray("outputs").addObject();
        output.put("namespace", NAMESPACE).put("name", DATASET);
        ObjectNode schema = output.putObject("facets").putObject("schema");
        schema.put("_producer", "https://github.com/custodian/bench");
        schema.put("_schemaURL", "https://openlineage.io/spec/facets/1-0-0/SchemaDatasetFacet.json");
        ArrayNode fields = schema.putArray("fields");
        for (int i = 0; i < COLUMNS; i++) {
            fields.addObject().put("name", "c" + i).put("type", type(i));
        }
        return mapper.writeValueAsBytes(event);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        ingestor.close();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (java.sql.SQLException closing) {
            // the pool's connection closes with the database
        }
        dataSource.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** The service call with cached resolutions: checks, a cache hit (a read every 30 s), decisions. */
    @Benchmark
    public DecisionResponse gatewayDecisionsCached() {
        return decisions.decide(request);
    }

    /** The service call reading the catalog every time: checks, one catalog read, decisions. */
    @Benchmark
    public DecisionResponse gatewayDecisionsUncached() {
        return uncachedDecisions.decide(request);
    }

    /** The decider alone, on a table already resolved. */
    @Benchmark
    public List<ColumnDecision> deciderAlone() {
        return decider.decide(policy, version, principal, MaskingDialect.TRINO, table, columns);
    }
}
