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
            assertThat(tampered.exitCode()).as(tampered.output()).isNotZero();
            assertThat(tampered.output()).contains("TAMPERED").contains("entry 2");
        }
    }

    private record Result(int exitCode, String output) {}

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
