package io.custodian.bench.closure;

import io.custodian.catalog.field.FieldRef;
import io.custodian.catalog.lineage.Closure;
import io.custodian.catalog.lineage.ClosureBudget;
import io.custodian.catalog.lineage.ColumnLineageClosure;
import io.custodian.lineage.graph.Direction;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
 * The column lineage closure ({@link ColumnLineageClosure}, what erasure planning reads) over a
 * catalog of 5,000 datasets, 50,000 fields and 100,000 column edges in 50 layers
 * ({@link ClosureStore}): downstream of one field of the first layer, downstream of 100 fields of
 * it, and upstream of one field of the last layer. Each closure is complete (no budget is hit).
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar ColumnLineageClosureBenchmark
 * java -jar bench/target/benchmarks.jar ColumnLineageClosureBenchmark -p store=postgresql   # with CUSTODIAN_TEST_PG_URL
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class ColumnLineageClosureBenchmark {
    private static final ClosureBudget BUDGET = ClosureBudget.fields(1_000_000);
    /** {@code h2}, or {@code postgresql} with CUSTODIAN_TEST_PG_URL set ({@code -p store=postgresql}). */
    @Param({"h2"})
    public String store;
    private ClosureStore database;
    private ColumnLineageClosure closure;
    private List<FieldRef> hundred;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        database = ClosureStore.create(store);
        long started = System.nanoTime();
        int edges = database.fill();
        System.out.printf("%nbuilt %d datasets, %d column edges in %d ms%n",
                ClosureStore.LAYERS * ClosureStore.PER_LAYER, edges, (System.nanoTime() - started) / 1_000_000);
        closure = new ColumnLineageClosure(database.database().jdbi(), Clock.systemUTC());
        hundred = new ArrayList<>();
        for (int d = 0; d < ClosureStore.PER_LAYER; d++) {
            hundred.add(field(0, d, d % ClosureStore.FIELDS));
        }
        report("downstream of one field", downstreamOfOneField());
        report("downstream of 100 fields", downstreamOfHundredFields());
        report("upstream of one field", upstreamOfOneField());
    }

    private static void report(String what, Closure closure) {
        int levels = closure.fields().stream().mapToInt(Closure.Reached::distance).max().orElse(0);
        System.out.printf("%s: %d fields over %d levels%n", what, closure.fields().size(), levels);
    }

    private static FieldRef field(int layer, int dataset, int field) {
        return new FieldRef(ClosureStore.NAMESPACE, ClosureStore.dataset(layer, dataset), "c" + field);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        database.close();
    }

    @Benchmark
    public Closure downstreamOfOneField() {
        return closure.closure(List.of(field(0, 0, 0)), Direction.DOWNSTREAM, BUDGET);
    }

    @Benchmark
    public Closure downstreamOfHundredFields() {
        return closure.closure(hundred, Direction.DOWNSTREAM, BUDGET);
    }

    @Benchmark
    public Closure upstreamOfOneField() {
        return closure.closure(List.of(field(ClosureStore.LAYERS - 1, 0, 0)), Direction.UPSTREAM, BUDGET);
    }
}
