package io.custodian.bench.lineagegraph;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodian.catalog.lineage.LineageReader;
import io.custodian.catalog.lineage.LineageViews.Graph;
import io.custodian.catalog.read.CatalogReader;
import io.custodian.lineage.graph.Direction;
import io.custodian.lineage.graph.TraversalLimits;
import java.util.concurrent.TimeUnit;
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
 * Store-backed lineage reads on the embedded H2 store (or PostgreSQL): a 10,000-field column chain (10,000
 * levels, one query each), a 10,000-field column fan-out (one wide level), and a dataset-level
 * chain of 1,000 datasets and 999 jobs (1,999 nodes, with the catalog views of each node).
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar LineageGraphBenchmark
 * source /tmp/pgenv; java -jar bench/target/benchmarks.jar LineageGraphBenchmark -p store=postgresql
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class LineageGraphBenchmark {
    private static final int CHAIN = 10_000;
    private static final int FAN_OUT = 9_999;
    private static final int JOB_CHAIN = 1_000;
    /** {@code h2}, or {@code postgresql} with CUSTODIAN_TEST_PG_URL set ({@code -p store=postgresql}). */
    @Param({"h2"})
    public String store;
    private LineageGraphStore database;
    private LineageReader reader;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        LineageGraphStore store = LineageGraphStore.create(this.store);
        database = store;
        store.columnChain(CHAIN);
        store.columnFanOut(FAN_OUT);
        store.jobChain(JOB_CHAIN);
        reader = new LineageReader(store.database().jdbi(),
                new CatalogReader(store.database().jdbi(), new ObjectMapper()));
        check(columnChainUpstream(), CHAIN);
        check(columnFanOutDownstream(), FAN_OUT + 1);
        check(jobChainUpstream(), 2 * JOB_CHAIN - 1);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        database.close();
    }

    private static void check(Graph graph, int nodes) {
        if (graph.graph().size() != nodes || graph.truncated()) {
            throw new IllegalStateException("expected " + nodes + " nodes, got " + graph.graph().size());
        }
    }

    @Benchmark
    public Graph columnChainUpstream() {
        return reader.columnLineage("datasetField:bench:chain_" + (CHAIN - 1) + ":x",
                new TraversalLimits(Direction.UPSTREAM, CHAIN, CHAIN)).orElseThrow();
    }

    @Benchmark
    public Graph columnFanOutDownstream() {
        return reader.columnLineage("datasetField:bench:fan_source:x",
                new TraversalLimits(Direction.DOWNSTREAM, 20, 10_000)).orElseThrow();
    }

    @Benchmark
    public Graph jobChainUpstream() {
        return reader.lineage("dataset:bench:jc_" + (JOB_CHAIN - 1),
                new TraversalLimits(Direction.UPSTREAM, 2 * JOB_CHAIN, 10_000)).orElseThrow();
    }
}
