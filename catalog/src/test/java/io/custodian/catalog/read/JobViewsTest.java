package io.custodian.catalog.read;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodian.catalog.ingest.LineageEventParser;
import io.custodian.catalog.ingest.LineageIngestor;
import io.custodian.catalog.read.Views.Job;
import io.custodian.catalog.store.CatalogDatabase;
import io.custodian.catalog.testing.Events.RunEventBuilder;
import io.custodian.catalog.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Job views read for many jobs at once: each job gets its own version, inputs, outputs and latest run. */
class JobViewsTest {
    private static final Instant T0 = Instant.parse("2025-07-01T00:00:00Z");
    private static final LineageEventParser parser = new LineageEventParser();

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void manyJobsReadTogetherEachGetTheirOwnVersionAndLatestRun(String kind) {
        try (TestDatabase database = TestDatabase.create(kind)) {
            CatalogDatabase catalog = database.migrate();
            UUID olderA = UUID.randomUUID();
            UUID latestA = UUID.randomUUID();
            UUID onlyB = UUID.randomUUID();
            try (LineageIngestor ingestor = new LineageIngestor(catalog.jdbi(), parser, Clock.systemUTC(),
                    LineageIngestor.Settings.defaults()).start()) {
                for (RunEventBuilder event : List.of(
                        run("COMPLETE", latestA, T0.plusSeconds(60)).job("jobs", "a").sql("SELECT 2")
                                .input(dataset("jobs", "a_in")).output(dataset("jobs", "a_out")),
                        run("COMPLETE", olderA, T0).job("jobs", "a").sql("SELECT 1")
                                .input(dataset("jobs", "a_in")).output(dataset("jobs", "a_out")),
                        run("COMPLETE", onlyB, T0.plusSeconds(30)).job("jobs", "b")
                                .input(dataset("jobs", "b_in")).output(dataset("jobs", "b_out")))) {
                    ingestor.submit(parser.parse(event.bytes())).join();
                }
                assertThat(ingestor.awaitApplied(Duration.ofSeconds(30))).isTrue();
            }
            CatalogReader reader = new CatalogReader(catalog.jdbi(), new ObjectMapper());
            List<UUID> ids = catalog.jdbi().withHandle(h -> h.createQuery("SELECT id FROM job").mapTo(UUID.class).list());
            int[] statements = {0};
            catalog.jdbi().setSqlLogger(new SqlLogger() {
                @Override
                public void logBeforeExecution(StatementContext context) {
                    statements[0]++;
                }
            });

            Map<String, Job> jobs = reader.jobsById(ids).stream()
                    .collect(Collectors.toMap(Job::name, Function.identity()));

            assertThat(jobs).containsOnlyKeys("a", "b");
            assertThat(jobs.get("a").latestRun().id()).isEqualTo(latestA);
            assertThat(jobs.get("a").version().sql()).isEqualTo("SELECT 2");
            assertThat(jobs.get("a").inputs()).extracting(Views.DatasetId::name).containsExactly("a_in");
            assertThat(jobs.get("a").outputs()).extracting(Views.DatasetId::name).containsExactly("a_out");
            assertThat(jobs.get("b").latestRun().id()).isEqualTo(onlyB);
            assertThat(jobs.get("b").latestRun().job()).isEqualTo(new Views.JobId("jobs", "b"));
            assertThat(jobs.get("b").version().sql()).isNull();
            assertThat(jobs.get("b").inputs()).extracting(Views.DatasetId::name).containsExactly("b_in");
            // jobs, versions, their inputs and outputs, facets, latest runs, their inputs and outputs, run facets.
            assertThat(statements[0]).isEqualTo(7);
            assertThat(reader.job("jobs", "a").orElseThrow()).isEqualTo(jobs.get("a"));
        }
    }
}
