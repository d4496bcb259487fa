package io.custodian.catalog.ingest;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.catalog.testing.Events.DatasetBuilder;
import io.custodian.catalog.testing.Events.RunEventBuilder;
import io.custodian.catalog.testing.TestCatalog;
import io.custodian.catalog.testing.TestDatabase;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What an applied batch reports as changed: only what derived work must redo. An event that
 * repeats the catalog's content a little later touches its datasets and job and changes none.
 */
class AppliedChangesTest {
    private static final Instant T0 = Instant.parse("2025-06-01T08:00:00Z");
    private static final String NS = "postgres://db:5432";

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    private static DatasetBuilder input() {
        return dataset(NS, "shop.raw.customers").schema("id:bigint", "email:text");
    }

    private static DatasetBuilder output(String... fields) {
        return dataset(NS, "shop.mart.contacts").schema(fields).description("Contacts")
                .lineage("email", NS, "shop.raw.customers", "email", "IDENTITY");
    }

    private static RunEventBuilder load(Instant time, DatasetBuilder output) {
        return run("COMPLETE", UUID.randomUUID(), time).job("airflow", "load_contacts")
                .sql("INSERT INTO mart.contacts SELECT id, email FROM raw.customers")
                .input(input()).output(output);
    }

    /** Everything the batches since {@code from} reported through {@code part}, together. */
    private static Set<UUID> union(List<AppliedBatch> batches, int from, Function<AppliedBatch, Set<UUID>> part) {
        Set<UUID> all = new HashSet<>();
        batches.subList(from, batches.size()).forEach(b -> all.addAll(part.apply(b)));
        return all;
    }

    private static UUID datasetId(TestCatalog store, String name) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT id FROM dataset WHERE name = :name")
                .bind("name", name).mapTo(UUID.class).one());
    }

    private static UUID jobId(TestCatalog store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT id FROM job WHERE name = 'load_contacts'")
                .mapTo(UUID.class).one());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDatasetTwoJobsWriteIsNotChangedByTheirTurns(String kind) {
        List<AppliedBatch> batches = new CopyOnWriteArrayList<>();
        try (TestCatalog store = TestCatalog.open(kind, batches::add)) {
            store.ingest(load(T0, output("id:bigint", "email:text")).bytes());
            // Another job writes the same table, with lineage of its own.
            store.ingest(run("COMPLETE", UUID.randomUUID(), T0.plusSeconds(60)).job("airflow", "backfill_contacts")
                    .input(dataset(NS, "shop.raw.leads").schema("id:bigint", "email:text"))
                    .output(dataset(NS, "shop.mart.contacts").schema("id:bigint", "email:text").description("Contacts")
                            .lineage("email", NS, "shop.raw.leads", "email", "IDENTITY")).bytes());
            UUID out = datasetId(store, "shop.mart.contacts");

            // The first job again: the dataset's columnLineage facet is the first job's once more,
            // but neither the dataset's description nor any job's lineage changed.
            int again = batches.size();
            store.ingest(load(T0.plusSeconds(3600), output("id:bigint", "email:text")).bytes());
            assertThat(union(batches, again, AppliedBatch::datasets)).contains(out);
            assertThat(union(batches, again, AppliedBatch::changedDatasets)).isEmpty();
            assertThat(union(batches, again, AppliedBatch::newLineage)).isEmpty();
            assertThat(store.reader().dataset(NS, "shop.mart.contacts").orElseThrow().facets().get("columnLineage")
                    .toString()).contains("shop.raw.customers").doesNotContain("shop.raw.leads");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void onlyWhatChangedIsReportedAsChanged(String kind) {
        List<AppliedBatch> batches = new CopyOnWriteArrayList<>();
        try (TestCatalog store = TestCatalog.open(kind, batches::add)) {
            store.ingest(load(T0, output("id:bigint", "email:text")).bytes());
            UUID in = datasetId(store, "shop.raw.customers");
            UUID out = datasetId(store, "shop.mart.contacts");
            UUID job = jobId(store);
            assertThat(union(batches, 0, AppliedBatch::changedDatasets)).containsExactlyInAnyOrder(in, out);
            assertThat(union(batches, 0, AppliedBatch::changedJobs)).containsExactly(job);
            assertThat(union(batches, 0, AppliedBatch::newSchemas)).containsExactlyInAnyOrder(in, out);
            assertThat(union(batches, 0, AppliedBatch::newLineage)).containsExactly(out);

            // The same content an hour later: times move on, nothing else.
            int repeat = batches.size();
            store.ingest(load(T0.plusSeconds(3600), output("id:bigint", "email:text")).bytes());
            assertThat(union(batches, repeat, AppliedBatch::datasets)).containsExactlyInAnyOrder(in, out);
            assertThat(union(batches, repeat, AppliedBatch::jobs)).containsExactly(job);
            assertThat(union(batches, repeat, AppliedBatch::changedDatasets)).isEmpty();
            assertThat(union(batches, repeat, AppliedBatch::changedJobs)).isEmpty();
            assertThat(union(batches, repeat, AppliedBatch::newSchemas)).isEmpty();
            assertThat(union(batches, repeat, AppliedBatch::newLineage)).isEmpty();
            assertThat(store.reader().dataset(NS, "shop.mart.contacts").orElseThrow().updatedAt())
                    .isEqualTo(T0.plusSeconds(3600));

            // A column more: a new schema, and the job whose document names the columns.
            int widened = batches.size();
            store.ingest(load(T0.plusSeconds(7200), output("id:bigint", "email:text", "phone:text")).bytes());
            assertThat(union(batches, widened, AppliedBatch::newSchemas)).containsExactly(out);
            assertThat(union(batches, widened, AppliedBatch::changedDatasets)).contains(out).doesNotContain(in);
            assertThat(union(batches, widened, AppliedBatch::changedJobs)).containsExactly(job);
            assertThat(union(batches, widened, AppliedBatch::newLineage)).isEmpty();

            // Another description only: the dataset's document changes, its schema does not.
            int described = batches.size();
            store.ingest(load(T0.plusSeconds(10800), output("id:bigint", "email:text", "phone:text")
                    .description("Contacts, with phone numbers")).bytes());
            assertThat(union(batches, described, AppliedBatch::changedDatasets)).containsExactly(out);
            assertThat(union(batches, described, AppliedBatch::newSchemas)).isEmpty();

            // Other lineage: propagation has work.
            int relinked = batches.size();
            store.ingest(load(T0.plusSeconds(14400), output("id:bigint", "email:text", "phone:text")
                    .description("Contacts, with phone numbers")
                    .lineage("phone", NS, "shop.raw.customers", "email", "IDENTITY")).bytes());
            assertThat(union(batches, relinked, AppliedBatch::newLineage)).containsExactly(out);
            assertThat(union(batches, relinked, AppliedBatch::newSchemas)).isEmpty();

            // An older event with other content loses to what is stored: nothing changes.
            int late = batches.size();
            store.ingest(load(T0.minusSeconds(3600), output("legacy_id:int")
                    .description("An old description")).bytes());
            assertThat(union(batches, late, AppliedBatch::changedDatasets)).isEmpty();
            assertThat(union(batches, late, AppliedBatch::newSchemas)).isEmpty();
            assertThat(union(batches, late, AppliedBatch::newLineage)).isEmpty();
            assertThat(store.reader().dataset(NS, "shop.mart.contacts").orElseThrow().description())
                    .isEqualTo("Contacts, with phone numbers");
        }
    }
}
