package io.custodian.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.access.Actor;
import io.custodian.access.audit.AuditLog;
import io.custodian.access.audit.AuditRecord;
import io.custodian.catalog.store.CatalogDatabase;
import io.custodian.catalog.testing.TestDatabase;
import io.custodian.server.CustodianApplication;
import io.dropwizard.testing.ResourceHelpers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code java -jar custodian.jar audit-verify config.yml}, run as an operator would: its own process. */
class AuditVerifyCommandTest {

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void commandPassesAnIntactLogAndFailsATamperedOne(String kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind)) {
            CatalogDatabase catalog = database.migrate();
            AuditLog audit = new AuditLog(catalog.jdbi(), Clock.systemUTC());
            for (int i = 0; i < 4; i++) {
                audit.append(new AuditRecord(Actor.token("alice"), "api-key.create", "key " + i, "success", null, null,
                        null));
            }
            Path dataDir = Files.createTempDirectory("custodian-verify-");

            Result intact = run(database, dataDir);
            catalog.jdbi().useHandle(h -> h.execute("UPDATE audit_entry SET target = 'key 9' WHERE seq = 2"));
            Result tampered = run(database, dataDir);

            assertThat(intact.exitCode()).as(intact.output()).isZero();
            assertThat(intact.output()).contains("intact: 4 entries");
            assertThat(tampered.exitCode()).as(tampered.output()).isEqualTo(1);
            assertThat(tampered.output()).contains("TAMPERED").contains("entry 2");
        }
    }

    @org.junit.jupiter.api.Test
    void anEmbeddedStoreHeldByARunningServiceIsOneLineAndItsOwnExitCode() throws Exception {
        Path dataDir = Files.createTempDirectory("custodian-verify-");
        // Held open as a running service holds it: H2's file lock keeps every other process out.
        String url = new io.custodian.server.store.StoreFactory().effectiveUrl(dataDir);
        try (java.sql.Connection held = java.sql.DriverManager.getConnection(url, "sa", "")) {
            Result result = run(dataDir, List.of("-Ddw.database.url="));

            assertThat(result.exitCode()).as(result.output()).isEqualTo(3);
            // The test class path holds a log4j API (from test jars) that the shipped jar does not: its complaint is not ours.
            assertThat(result.output().strip().lines().filter(line -> !line.contains("Log4j API")).toList())
                    .as(result.output()).hasSize(1);
            assertThat(result.output()).contains("in use by a running Custodian").contains(dataDir.toString())
                    .doesNotContain("Exception");
        }
        // Once the service is gone, the same command runs: a fresh store's chain is intact.
        Result after = run(dataDir, List.of("-Ddw.database.url="));
        assertThat(after.exitCode()).as(after.output()).isZero();
        assertThat(after.output()).contains("intact");
    }

    private record Result(int exitCode, String output) {}

    private static Result run(Path dataDir, List<String> settings) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Ddw.dataDir=" + dataDir,
                "-Ddw.logging.level=WARN"));
        command.addAll(settings);
        command.addAll(List.of(CustodianApplication.class.getName(), "audit-verify",
                ResourceHelpers.resourceFilePath("test-config.yml")));
        Path out = Files.createTempFile("custodian-verify-", ".txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        return new Result(process.exitValue(), output);
    }

    private static Result run(TestDatabase database, Path dataDir) throws Exception {
        database.releaseToOtherProcesses();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Ddw.dataDir=" + dataDir,
                "-Ddw.logging.level=WARN"));
        command.add("-Ddw.database.url=" + database.jdbcUrl());
        command.add("-Ddw.database.user=" + database.user());
        command.add("-Ddw.database.password=" + database.password());
        command.addAll(List.of(CustodianApplication.class.getName(), "audit-verify",
                ResourceHelpers.resourceFilePath("test-config.yml")));
        Path out = dataDir.resolve("out.txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }
}
