package io.custodian.bench.erasure;

import io.custodian.bench.closure.ClosureStore;
import io.custodian.catalog.classification.ClassificationStore;
import io.custodian.catalog.read.CatalogReader;
import io.custodian.erasure.plan.ErasurePlan;
import io.custodian.erasure.plan.ErasurePlanner;
import io.custodian.erasure.plan.StoreCatalogFacts;
import io.custodian.erasure.plan.SubjectIdentifiers;
import io.custodian.erasure.policy.ErasurePolicies;
import io.custodian.masking.policy.MaskingPolicies;
import io.custodian.policy.PolicySection;
import io.custodian.policy.PolicySet;
import io.custodian.policy.PolicySetLoader;
import io.custodian.policy.PolicySources;
import io.custodian.scanner.policy.ScannerPolicies;
import io.custodian.sources.DataSources;
import io.custodian.sources.Sources;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
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
 * Planning a subject request ({@link ErasurePlanner#plan}) over a catalog of 5,000 datasets,
 * 50,000 fields and 100,000 column edges ({@link ClosureStore}): every dataset of the first layer
 * holds an email address, a customer id and a name; one dataset in ten of the other layers holds a
 * copied email. The subject's identifiers flow, by identity and transformation edges, into most of
 * the warehouse: every dataset is decided, most of them UNRESOLVED or MANUAL, the heavy end of what
 * planning meets. No source serves the namespace, so the plan reads the catalog only (a source adds
 * one COUNT per located dataset, and the resolution reads).
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar ErasurePlanningBenchmark
 * java -jar bench/target/benchmarks.jar ErasurePlanningBenchmark -p store=postgresql   # with CUSTODIAN_TEST_PG_URL
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(1)
public class ErasurePlanningBenchmark {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    /** {@code h2}, or {@code postgresql} with CUSTODIAN_TEST_PG_URL set. */
    @Param({"h2"})
    public String store;
    private ClosureStore database;
    private ErasurePlanner planner;
    private StoreCatalogFacts facts;
    private DataSources dataSources;
    private final SubjectIdentifiers subject = new SubjectIdentifiers(Map.of("EMAIL_ADDRESS",
            List.of("someone@example.com")));

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        database = ClosureStore.create(store);
        database.fill();
        classify();
        List<PolicySection<?>> sections = new ArrayList<>(ScannerPolicies.sections());
        sections.addAll(MaskingPolicies.sections());
        sections.addAll(ErasurePolicies.sections());
        PolicySet policies = new PolicySetLoader(sections).load(PolicySources.shipped());
        var jdbi = database.database().jdbi();
        Sources sources = new Sources(List.of());
        dataSources = new DataSources(sources);
        dataSources.start();
        facts = new StoreCatalogFacts(jdbi, new ClassificationStore(jdbi, Clock.systemUTC()), sources);
        planner = new ErasurePlanner(facts, () -> policies, dataSources,
                (type, value) -> Integer.toHexString((type + value).hashCode()), Clock.systemUTC());
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            int d = facts.datasets().size();
            long t1 = System.nanoTime();
            int e = facts.columnEdges().size();
            long t2 = System.nanoTime();
            int j = facts.jobs().size();
            long t3 = System.nanoTime();
            System.out.printf("%nSPLIT datasets %d in %d ms, edges %d in %d ms, jobs %d in %d ms%n", d,
                    (t1 - t0) / 1_000_000, e, (t2 - t1) / 1_000_000, j, (t3 - t2) / 1_000_000);
        }
        ErasurePlan plan = plan();
        System.out.printf("%nplan: %d steps, %d coverage entries, %d risks%n", plan.steps().size(),
                plan.coverage().size(), plan.risks().size());
    }

    private void classify() {
        database.database().jdbi().useTransaction(h -> {
            PreparedBatch batch = h.prepareBatch("""
                    INSERT INTO field_classification (id, dataset_id, field_name, classification, source, confidence,
                        explanation, detector_version, sample_size, matched_count, scan_id, scanned_at, updated_at)
                    VALUES (?, ?, ?, ?, 'SCANNER', 0.95, 'benchmark', 'bench-1', 100, 95, ?, ?, ?)""");
            UUID scan = UUID.randomUUID();
            for (int layer = 0; layer < ClosureStore.LAYERS; layer++) {
                for (int d = 0; d < ClosureStore.PER_LAYER; d++) {
                    UUID dataset = ClosureStore.id(layer, d);
                    if (layer == 0) {
                        add(batch, dataset, "c0", "EMAIL_ADDRESS", scan);
                        add(batch, dataset, "c1", "PERSON_ID", scan);
                        add(batch, dataset, "c2", "PERSON_NAME", scan);
                    } else if (d % 10 == 0) {
                        add(batch, dataset, "c0", "EMAIL_ADDRESS", scan);
                    }
                }
            }
            batch.execute();
        });
    }

    private static void add(PreparedBatch batch, UUID dataset, String field, String type, UUID scan) {
        batch.bind(0, UUID.randomUUID()).bind(1, dataset).bind(2, field).bind(3, type).bind(4, scan).bind(5, T0)
                .bind(6, T0).add();
    }

    @Benchmark
    public ErasurePlan plan() {
        return planner.plan(subject, false).plan();
    }

    /** The catalog reads alone: what of {@link #plan()} is reading the store. */
    @Benchmark
    public int readCatalog() {
        return facts.datasets().size() + facts.columnEdges().size() + facts.jobs().size();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        dataSources.stop();
        database.close();
    }
}
