package io.custodian.server.lineage.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodian.lineage.sql.SqlLineageExtractor;
import io.custodian.server.CustodianApplication;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlLineageCommandTest {
    private final ObjectMapper json = new ObjectMapper();
    private final SqlLineageBatch batch = new SqlLineageBatch(json, new SqlLineageExtractor());

    private List<JsonNode> run(String input) throws Exception {
        StringWriter out = new StringWriter();
        batch.run(new StringReader(input), out);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isEmpty()) {
                lines.add(json.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void writesDirectSourcesPerTargetColumn() throws Exception {
        List<JsonNode> out = run("""
                {"id": "a", "dialect": "postgres", "sql": "INSERT INTO rpt (who) SELECT upper(c.name) FROM customers c", \
                "schema": {"shop.public.customers": ["id", "name"]}, "defaults": {"database": "shop", "schema": "public"}}
                {"id": "b", "dialect": "trino", "sql": "SELECT amount FROM orders"}
                """);

        assertThat(out).hasSize(2);
        assertThat(out.get(0).toString()).isEqualTo(
                "{\"id\":\"a\",\"columns\":[{\"target\":\"shop.public.rpt.who\",\"sources\":[\"shop.public.customers.name\"]}]}");
        assertThat(out.get(1).toString()).isEqualTo(
                "{\"id\":\"b\",\"columns\":[{\"target\":\"amount\",\"sources\":[\"orders.amount\"]}]}");
    }

    @Test
    void badLinesGetErrorLinesWithTheirNumberAndTheBatchGoesOn() throws Exception {
        List<JsonNode> out = run("""
                {"id": "ok1", "sql": "SELECT 1 AS x"}
                {not json
                [1, 2]
                {"id": "nosql"}
                {"id": "dialect", "sql": "SELECT 1", "dialect": "cobol"}
                {"id": "schema", "sql": "SELECT 1", "schema": {"t": "a"}}
                {"id": "syntax", "sql": "SELECT FROM WHERE"}

                {"id": "ok2", "sql": "SELECT 2 AS y"}
                """);

        assertThat(out).hasSize(8);
        assertThat(out.get(0).has("columns")).isTrue();
        assertThat(out.get(1).path("error").asText()).startsWith("input line 2: not valid JSON");
        assertThat(out.get(2).path("error").asText()).isEqualTo("input line 3: not a JSON object");
        assertThat(out.get(3).path("error").asText()).contains("line 4").contains("\"sql\" is missing");
        assertThat(out.get(3).path("id").asText()).isEqualTo("nosql");
        assertThat(out.get(4).has("columns")).isTrue();
        assertThat(out.get(4).path("warnings").get(0).asText()).contains("unknown dialect \"cobol\"");
        assertThat(out.get(5).path("error").asText()).contains("must be an array");
        assertThat(out.get(6).path("error").asText()).startsWith("line 1, column ");
        assertThat(out.get(7).path("id").asText()).isEqualTo("ok2");
    }

    @Test
    void aScriptWithOneBadStatementReportsItBesideTheOthersColumns() throws Exception {
        List<JsonNode> out = run("{\"id\": \"s\", \"sql\": \"SELECT a FROM t;\\nSELECT FROM;\"}\n");

        assertThat(out.get(0).path("columns")).hasSize(1);
        assertThat(out.get(0).path("errors").get(0).path("line").asInt()).isEqualTo(2);
    }

    @Test
    void anOverlongLineIsSkippedWithAnError() throws Exception {
        String huge = "{\"id\": \"big\", \"sql\": \"" + "x".repeat(SqlLineageBatch.MAX_LINE_CHARS) + "\"}";
        List<JsonNode> out = run(huge + "\n{\"id\": \"after\", \"sql\": \"SELECT 1 AS x\"}\n");

        assertThat(out).hasSize(2);
        assertThat(out.get(0).path("error").asText()).contains("longer than");
        assertThat(out.get(1).path("id").asText()).isEqualTo("after");
    }

    @Test
    void commandReadsAndWritesFilesThroughTheApplicationsMain(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("cases.jsonl");
        Path output = dir.resolve("out.jsonl");
        Files.writeString(input, "{\"id\": \"1\", \"dialect\": \"snowflake\", \"sql\": \"CREATE TABLE x AS SELECT a FROM t\"}\n",
                StandardCharsets.UTF_8);

        Result ok = main("sql-lineage", "--input", input.toString(), "--output", output.toString());
        Result missing = main("sql-lineage", "--input", dir.resolve("nope.jsonl").toString(),
                "--output", dir.resolve("other.jsonl").toString());

        assertThat(ok.exitCode()).as(ok.output()).isZero();
        assertThat(Files.readString(output)).isEqualTo(
                "{\"id\":\"1\",\"columns\":[{\"target\":\"X.A\",\"sources\":[\"T.A\"]}]}\n");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.output()).contains("input file not found").doesNotContain("Exception");
        assertThat(dir.resolve("other.jsonl")).doesNotExist();
    }

    private record Result(int exitCode, String output) {
    }

    private static Result main(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CustodianApplication.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
