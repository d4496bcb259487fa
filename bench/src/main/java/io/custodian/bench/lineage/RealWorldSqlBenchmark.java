package io.custodian.bench.lineage;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodian.lineage.sql.InMemorySchemaProvider;
import io.custodian.lineage.sql.ScriptLineage;
import io.custodian.lineage.sql.SchemaProvider;
import io.custodian.lineage.sql.SqlDefaults;
import io.custodian.lineage.sql.SqlLineageExtractor;
import io.custodian.lineage.sql.dialect.SqlDialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.slf4j.LoggerFactory;

/**
 * Scripts per second of SQL column lineage on one thread over the project's real-world corpus
 * ({@code lineage/src/test/resources/corpus/realworld.jsonl}: procedures, dbt merges, CTEs before
 * writes, temporary tables, 25 dialect names), each case with its own schema and dialect, failures
 * included; and over statements that do not parse, which cost the parser's error reporting.
 * Run from the repository root (the corpus is read from there, or from {@code -Dcorpus=}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RealWorldSqlBenchmark {
    /** Statements the parser refuses, of the shapes production SQL fails in. */
    private static final List<String> FAILING = List.of(
            "SELECT FROM orders WHERE",
            "INSERT INTO t (a, b SELECT x FROM y",
            "SELECT a, b FROM t WHERE a = = 1",
            "UPDATE t SET WHERE id = 1",
            "SELECT CASE WHEN a THEN b FROM t",
            "SELECT a FROM t GROUP BY HAVING count(*) > 1");

    /** One corpus case: what the extractor gets. */
    record Case(String sql, SqlDialect dialect, SqlDefaults defaults, SchemaProvider schema) {
    }

    @Param({"lineage/src/test/resources/corpus/realworld.jsonl"})
    public String corpus;

    private final SqlLineageExtractor extractor = new SqlLineageExtractor();
    private final SchemaProvider empty = InMemorySchemaProvider.ofDotted(Map.of());
    private List<Case> cases;
    private int next;
    private int nextFailing;

    @Setup
    public void setUp() throws IOException {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.calcite")).setLevel(Level.INFO);
        cases = load(Path.of(System.getProperty("corpus", corpus)));
    }

    static List<Case> load(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Case> cases = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = json.readTree(line);
            Map<String, List<String>> tables = new LinkedHashMap<>();
            node.path("schema").fields().forEachRemaining(e -> {
                List<String> columns = new ArrayList<>();
                e.getValue().forEach(c -> columns.add(c.asText()));
                tables.put(e.getKey(), columns);
            });
            JsonNode d = node.path("defaults");
            cases.add(new Case(node.path("sql").asText(), SqlDialect.orGeneric(node.path("dialect").asText()),
                    SqlDefaults.of(d.path("database").asText(null), d.path("schema").asText(null)),
                    InMemorySchemaProvider.ofDotted(tables)));
        }
        return cases;
    }

    @Benchmark
    public ScriptLineage realWorldScript() {
        Case c = cases.get(next);
        next = (next + 1) % cases.size();
        return extractor.extract(c.sql(), c.dialect(), c.defaults(), c.schema());
    }

    /** The parse alone of a failing statement, with Calcite's own Babel parser: the cost avoided. */
    @Benchmark
    public Object failingParseCalciteBabel() {
        return parse(org.apache.calcite.sql.parser.babel.SqlBabelParserImpl.FACTORY);
    }

    /** The same parse with {@code FastFailingBabelParser}, which lineage uses. */
    @Benchmark
    public Object failingParseFastFailing() {
        return parse(io.custodian.lineage.sql.dialect.FastFailingBabelParser.FACTORY);
    }

    private Object parse(org.apache.calcite.sql.parser.SqlParserImplFactory factory) {
        String sql = FAILING.get(nextFailing);
        nextFailing = (nextFailing + 1) % FAILING.size();
        try {
            return org.apache.calcite.sql.parser.SqlParser.create(sql,
                    SqlDialect.ANSI.parserConfig().withParserFactory(factory)).parseStmt();
        } catch (org.apache.calcite.sql.parser.SqlParseException e) {
            return e;
        }
    }

    @Benchmark
    public ScriptLineage failingStatement() {
        String sql = FAILING.get(nextFailing);
        nextFailing = (nextFailing + 1) % FAILING.size();
        return extractor.extract(sql, SqlDialect.ANSI, SqlDefaults.NONE, empty);
    }
}
