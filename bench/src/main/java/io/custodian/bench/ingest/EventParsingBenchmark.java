package io.custodian.bench.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodian.catalog.ingest.LineageEventParser;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the request thread does with one OpenLineage RunEvent before it is queued for the log:
 * {@code parse} reads, validates and interprets it ({@link LineageEventParser#parse(byte[])}: the
 * tree, the checks, each facet's JSON and hash, the event's key); {@code readTree} is Jackson's
 * tree alone, the floor under it. The event is shaped like the shared load generator's COMPLETE
 * events: two inputs and one output of 40 columns each, with schema, dataSource and
 * columnLineage facets, SQL, job type and run facets: 22,980 bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EventParsingBenchmark {
    private static final String FACETS = "https://openlineage.io/spec/facets/";
    private static final int COLUMNS = 40;

    private final LineageEventParser parser = new LineageEventParser();
    private byte[] event;

    @Setup
    public void setUp() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("eventType", "COMPLETE");
        root.put("eventTime", "2025-01-01T10:15:30.123Z");
        ObjectNode run = root.putObject("run");
        run.put("runId", UUID.nameUUIDFromBytes("run".getBytes(StandardCharsets.UTF_8)).toString());
        ObjectNode engine = facet(run.putObject("facets").putObject("processing_engine"), "ProcessingEngineRunFacet");
        engine.put("version", "3.5.1").put("name", "spark").put("openlineageAdapterVersion", "1.23.0");
        ObjectNode job = root.putObject("job");
        job.put("namespace", "airflow-prod").put("name", "warehouse.load_customer_orders");
        ObjectNode jobFacets = job.putObject("facets");
        facet(jobFacets.putObject("jobType"), "JobTypeJobFacet").put("processingType", "BATCH")
                .put("integration", "SPARK").put("jobType", "JOB");
        facet(jobFacets.putObject("sql"), "SQLJobFacet").put("query",
                "INSERT INTO mart.customer_orders SELECT c.*, o.* FROM raw.customers c JOIN raw.orders o ON o.customer_id = c.id");
        ArrayNode inputs = root.putArray("inputs");
        for (String name : new String[] {"raw.customers", "raw.orders"}) {
            dataset(inputs.addObject(), name, null);
        }
        dataset(root.putArray("outputs").addObject(), "mart.customer_orders", new String[] {"raw.customers", "raw.orders"});
        root.put("producer", "https://github.com/OpenLineage/OpenLineage/tree/1.23.0/integration/spark");
        root.put("schemaURL", "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent");
        event = mapper.writeValueAsBytes(root);
    }

    private static ObjectNode facet(ObjectNode facet, String type) {
        facet.put("_producer", "https://github.com/OpenLineage/OpenLineage/tree/1.23.0/integration/spark");
        facet.put("_schemaURL", FACETS + "1-0-1/" + type + ".json#/$defs/" + type);
        return facet;
    }

    private static void dataset(ObjectNode dataset, String name, String[] sources) {
        dataset.put("namespace", "postgres://warehouse.internal:5432").put("name", name);
        ObjectNode facets = dataset.putObject("facets");
        facet(facets.putObject("dataSource"), "DatasourceDatasetFacet").put("name", "postgres://warehouse.internal:5432")
                .put("uri", "postgres://warehouse.internal:5432");
        ArrayNode fields = facet(facets.putObject("schema"), "SchemaDatasetFacet").putArray("fields");
        for (int i = 0; i < COLUMNS; i++) {
            fields.addObject().put("name", "column_" + i).put("type", i % 3 == 0 ? "bigint" : "varchar")
                    .put("description", "what column " + i + " of " + name + " holds");
        }
        if (sources == null) {
            return;
        }
        ObjectNode lineage = facet(facets.putObject("columnLineage"), "ColumnLineageDatasetFacet").putObject("fields");
        for (int i = 0; i < COLUMNS; i++) {
            ObjectNode input = lineage.putObject("column_" + i).putArray("inputFields").addObject();
            input.put("namespace", "postgres://warehouse.internal:5432").put("name", sources[i % sources.length])
                    .put("field", "column_" + i);
            input.putArray("transformations").addObject().put("type", "DIRECT").put("subtype", "IDENTITY")
                    .put("description", "").put("masking", false);
        }
    }

    @Benchmark
    public Object parse() {
        return parser.parse(event);
    }

    @Benchmark
    public Object readTree() {
        return parser.readTree(event);
    }
}
