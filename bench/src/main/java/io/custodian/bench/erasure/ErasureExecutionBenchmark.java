package io.custodian.bench.erasure;

import io.custodian.catalog.store.CatalogDatabase;
import io.custodian.erasure.execute.ExecutionResult;
import io.custodian.erasure.execute.ExecutionSettings;
import io.custodian.erasure.execute.PlanExecutor;
import io.custodian.erasure.execute.StepStore;
import io.custodian.erasure.plan.ErasurePlan;
import io.custodian.erasure.plan.Locator;
import io.custodian.erasure.plan.PlannedStep;
import io.custodian.erasure.plan.StepStatements;
import io.custodian.erasure.plan.SubjectHasher;
import io.custodian.erasure.plan.SubjectIdentifiers;
import io.custodian.erasure.policy.ErasureAction;
import io.custodian.erasure.request.IdentifierVault;
import io.custodian.sources.DataSources;
import io.custodian.sources.SourceSettings;
import io.custodian.sources.Sources;
import io.custodian.sources.dialect.SqlStatement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What durable, verified execution costs over running the same statements by hand: a subject's
 * rows in five tables of an H2 source (each table also holding 100,000 rows of other people),
 * deleted by {@link PlanExecutor} (claims and progress in an H2 file store, a COUNT before, the
 * DELETE in chunks of 1,000, a COUNT after) and, side by side, by the plain DELETE statements the
 * plan renders, one per table, on one connection. The subject's rows are inserted again before each
 * invocation, outside the measured time.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar ErasureExecutionBenchmark
 * java -jar bench/target/benchmarks.jar ErasureExecutionBenchmark -p source=postgresql   # with CUSTODIAN_TEST_PG_URL
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 30)
@Fork(1)
public class ErasureExecutionBenchmark {
    private static final int TABLES = 5;
    private static final int OTHERS = 100_000;
    private static final long SUBJECT = -42L;
    private static final SubjectHasher HASHER = (type, value) -> Integer.toHexString((type + value).hashCode());
    /** The subject's rows per table. */
    @Param({"10", "10000"})
    public int subjectRows;
    /** Where the subject's tables are: an in-memory H2, or PostgreSQL ({@code CUSTODIAN_TEST_PG_URL}). */
    @Param({"h2"})
    public String source;
    private String sourceSchema;
    private Path storeDir;
    private String seriesOf;
    private Connection keeper;
    private DataSources dataSources;
    private PlanExecutor executor;
    private ErasurePlan plan;
    private final Map<UUID, SubjectIdentifiers> vault = new ConcurrentHashMap<>();
    private final SubjectIdentifiers subject = new SubjectIdentifiers(Map.of("PERSON_ID", List.of(Long.toString(SUBJECT))));
    private UUID request;
    private List<SqlStatement> direct;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        String url;
        String user;
        String password;
        String series;
        if (source.equals("postgresql")) {
            url = System.getenv("CUSTODIAN_TEST_PG_URL");
            if (url == null || url.isBlank()) {
                throw new IllegalStateException("set CUSTODIAN_TEST_PG_URL to benchmark against PostgreSQL");
            }
            user = System.getenv("CUSTODIAN_TEST_PG_USER");
            password = System.getenv("CUSTODIAN_TEST_PG_PASSWORD");
            series = "generate_series(1, %d) AS r(x)";
        } else {
            url = "jdbc:h2:mem:erasure-bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
            user = "sa";
            password = "";
            series = "SYSTEM_RANGE(1, %d) r(x)";
        }
        sourceSchema = "erasure_bench_" + UUID.randomUUID().toString().substring(0, 8);
        keeper = java.sql.DriverManager.getConnection(url, user, password);
        seriesOf = series;
        try (Statement s = keeper.createStatement()) {
            s.execute("CREATE SCHEMA \"" + sourceSchema + "\"");
            for (int t = 0; t < TABLES; t++) {
                s.execute("CREATE TABLE " + table(t) + " (\"id\" BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                        + " \"customer_id\" BIGINT, \"payload\" VARCHAR(200))");
                s.execute("CREATE INDEX ON " + table(t) + " (\"customer_id\")");
                s.execute("INSERT INTO " + table(t) + " (\"customer_id\", \"payload\") SELECT x, 'row ' || x FROM "
                        + String.format(series, OTHERS));
            }
            if (source.equals("postgresql")) {
                s.execute("ANALYZE");
            }
        }
        Sources sources = new Sources(List.of(SourceSettings.of("shop", url, user, password, "bench://shop",
                Optional.empty()).withWriter(user, password)));
        dataSources = new DataSources(sources);
        dataSources.start();
        storeDir = Files.createTempDirectory("custodian-erasure-bench-");
        JdbcDataSource store = new JdbcDataSource();
        store.setURL("jdbc:h2:file:" + storeDir.resolve("catalog").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        store.setUser("sa");
        CatalogDatabase catalog = CatalogDatabase.migrate(store);
        IdentifierVault identifiers = new IdentifierVault() {
            @Override
            public void seal(UUID requestId, SubjectIdentifiers values) {
                vault.put(requestId, values);
            }

            @Override
            public Optional<SubjectIdentifiers> open(UUID requestId) {
                return Optional.ofNullable(vault.get(requestId));
            }

            @Override
            public void destroy(UUID requestId) {
                vault.remove(requestId);
            }
        };
        executor = new PlanExecutor(new StepStore(catalog.jdbi(), Clock.systemUTC()), dataSources, sources,
                identifiers, HASHER, event -> { }, Clock.systemUTC(), ExecutionSettings.DEFAULTS);
        List<PlannedStep> steps = new ArrayList<>();
        direct = new ArrayList<>();
        for (int t = 0; t < TABLES; t++) {
            PlannedStep step = new PlannedStep(t + 1, "bench://shop", sourceSchema + ".t" + t,
                    ErasureAction.DELETE_ROWS, "holds the subject's PERSON_ID in customer_id", Optional.of("shop"),
                    Optional.of(sourceSchema), Optional.of("t" + t), Optional.of(sources.get("shop").dialect().name()), List.of(new Locator("customer_id", "bigint",
                            "PERSON_ID", Locator.Match.EXACT, "benchmark")), List.of(), List.of(), Optional.empty(),
                    Optional.empty(), List.of(), List.of(), OptionalLong.empty(), Optional.empty(), List.of(), false);
            steps.add(step);
            direct.add(new StepStatements(sources.get("shop").dialect(), step, subject, HASHER).delete().orElseThrow());
        }
        plan = new ErasurePlan("bench", Instant.now(), List.of(), steps, List.of(), List.of(), List.of(), List.of());
    }

    @Setup(Level.Invocation)
    public void insertTheSubjectsRows() throws SQLException {
        try (Statement s = keeper.createStatement()) {
            for (int t = 0; t < TABLES; t++) {
                s.execute("INSERT INTO " + table(t) + " (\"customer_id\", \"payload\") SELECT " + SUBJECT
                        + ", 'subject ' || x FROM " + String.format(seriesOf, subjectRows));
            }
        }
        request = UUID.randomUUID();
        vault.put(request, subject);
    }

    @Benchmark
    public ExecutionResult executor() {
        ExecutionResult result = executor.execute(request, plan, false, "bench");
        if (result.outcome() != ExecutionResult.Outcome.COMPLETED) {
            throw new IllegalStateException("the plan did not complete: " + result.remaining());
        }
        return result;
    }

    @Benchmark
    public int direct() throws SQLException {
        int deleted = 0;
        DataSource writer = dataSources.writer("shop");
        try (Connection connection = writer.getConnection()) {
            for (SqlStatement statement : direct) {
                try (PreparedStatement prepared = statement.prepare(connection)) {
                    deleted += prepared.executeUpdate();
                }
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
        if (deleted != TABLES * subjectRows) {
            throw new IllegalStateException("deleted " + deleted + " rows");
        }
        return deleted;
    }

    private String table(int t) {
        return "\"" + sourceSchema + "\".\"t" + t + "\"";
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        dataSources.stop();
        try (Statement s = keeper.createStatement()) {
            s.execute(source.equals("postgresql") ? "DROP SCHEMA \"" + sourceSchema + "\" CASCADE" : "SHUTDOWN");
        }
        keeper.close();
        try (var files = Files.walk(storeDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
