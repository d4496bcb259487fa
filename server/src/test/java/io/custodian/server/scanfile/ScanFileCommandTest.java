package io.custodian.server.scanfile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar custodian.jar scan-file FILE}, run as a user would: its own process, no config, no database. */
class ScanFileCommandTest {
    @TempDir
    Path dir;

    @Test
    void classifiesTheColumnsOfACsvFile() throws Exception {
        StringBuilder csv = new StringBuilder("customer_id,correo_electronico,c2,status,notes\n");
        for (int i = 0; i < 60; i++) {
            csv.append(1000 + i).append(",persona").append(i).append("@correo.es,")
                    .append("10.0.").append(i % 7).append('.').append(i).append(",")
                    .append(i % 2 == 0 ? "ACTIVE" : "CLOSED").append(",\"Customer asked, politely, about item ")
                    .append(i).append("\"\n");
        }
        Result result = run(write("customers.csv", csv.toString()));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.stdout());
        assertThat(json.get("file").asText()).endsWith("customers.csv");
        assertThat(json.get("rowsSampled").asInt()).isEqualTo(60);
        assertThat(types(json, "customer_id")).containsExactly("PERSON_ID");
        assertThat(types(json, "correo_electronico")).containsExactly("EMAIL_ADDRESS");
        assertThat(types(json, "c2")).containsExactly("IP_ADDRESS");
        assertThat(types(json, "status")).isEmpty();
        assertThat(types(json, "notes")).isEmpty();
        JsonNode email = column(json, "correo_electronico").get("classifications").get(0);
        assertThat(email.get("confidence").asDouble()).isBetween(0.5, 1.0);
        assertThat(email.get("explanation").asText()).contains("60 of 60");
        assertThat(result.stdout()).doesNotContain("@correo.es").doesNotContain("10.0.");
    }

    @Test
    void classifiesJsonLinesAndHonoursThePolicyAndSample() throws Exception {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            jsonl.append("{\"user\": {\"mail\": \"u").append(i).append("@example.com\"}, \"email_verified\": ")
                    .append(i % 2 == 0).append("}\n");
        }
        Path file = write("events.jsonl", jsonl.toString());
        JsonNode json = new ObjectMapper().readTree(run(file, "--sample", "20").stdout());
        assertThat(json.get("rowsSampled").asInt()).isEqualTo(20);
        assertThat(types(json, "user.mail")).containsExactly("EMAIL_ADDRESS");
        assertThat(types(json, "email_verified")).isEmpty();

        Path policy = write("strict.yml", "scanner:\n  reporting_threshold: 1.0\n");
        JsonNode strict = new ObjectMapper().readTree(run(file, "--policy", policy.toString()).stdout());
        assertThat(types(strict, "user.mail")).isEmpty();
    }

    @Test
    void badInputGivesOneLineAndANonZeroExit() throws Exception {
        assertFails(run(dir.resolve("absent.csv")), "no such file");
        assertFails(run(write("empty.csv", "")), "empty file");
        assertFails(run(write("ragged.csv", "a,b\n1,2\n1,2,3\n")), "line 3");
        assertFails(run(write("table.xlsx", "a")), "unknown extension");
        Path binary = dir.resolve("blob.csv");
        Files.write(binary, new byte[] {0x50, 0x4b, 0x03, 0x04, 0x00, 0x00});
        assertFails(run(binary), "binary content");
        Path policy = write("bad.yml", "scanner:\n  thresholds:\n    NOT_A_TYPE: 0.4\n");
        assertFails(run(write("ok.csv", "a\n1\n"), "--policy", policy.toString()), policy + ":3:5: scanner.thresholds"
                + " names unknown type 'NOT_A_TYPE'");
        assertFails(run(write("ok2.csv", "a\n1\n"), "--sample", "0"), "--sample must be between 1 and");
        assertFails(run(write("secret.jsonl", "{\"a\": jane.doe@example.com}\n")), "not valid JSON");
    }

    private static void assertFails(Result result, String message) {
        assertThat(result.exitCode()).as(result.stdout()).isNotZero();
        assertThat(result.stderr()).contains(message).doesNotContain("\tat ").doesNotContain("jane.doe");
        assertThat(result.stdout()).doesNotContain("\"columns\"");
    }

    private static List<String> types(JsonNode json, String name) {
        List<String> types = new ArrayList<>();
        column(json, name).get("classifications").forEach(c -> types.add(c.get("type").asText()));
        return types;
    }

    private static JsonNode column(JsonNode json, String name) {
        for (JsonNode column : json.get("columns")) {
            if (column.get("name").asText().equals(name)) {
                return column;
            }
        }
        throw new AssertionError("no column " + name + " in " + json);
    }

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private record Result(int exitCode, String stdout, String stderr) {}

    private Result run(Path file, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "io.custodian.server.CustodianApplication", "scan-file", file.toString()));
        command.addAll(List.of(options));
        Path out = dir.resolve("stdout-" + System.nanoTime());
        Path err = dir.resolve("stderr-" + System.nanoTime());
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("scan-file did not finish");
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
