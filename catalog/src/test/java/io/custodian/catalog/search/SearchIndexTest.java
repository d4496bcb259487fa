package io.custodian.catalog.search;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodian.catalog.ingest.LineageEventParser;
import io.custodian.catalog.ingest.LineageIngestor;
import io.custodian.catalog.read.CatalogReader;
import io.custodian.catalog.store.CatalogDatabase;
import io.custodian.catalog.testing.TempFolders;
import io.custodian.catalog.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The index is derived data: kept current by ingestion, rebuilt from the store when it cannot be trusted. */
class SearchIndexTest {
    private static final LineageEventParser parser = new LineageEventParser();

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    private static void ingest(CatalogDatabase catalog,
            java.util.function.Consumer<io.custodian.catalog.ingest.AppliedBatch> indexer,
            int datasets, int offset) {
        try (LineageIngestor ingestor = new LineageIngestor(catalog.jdbi(), parser, Clock.systemUTC(),
                LineageIngestor.Settings.defaults(), indexer).start()) {
            for (int i = offset; i < offset + datasets; i++) {
                ingestor.submit(parser.parse(run("COMPLETE", UUID.randomUUID(), Instant.parse("2025-10-01T00:00:00Z"))
                        .output(dataset("s3://lake", "zone/table_" + i).schema("customer_email:string")).bytes())).join();
            }
            assertThat(ingestor.awaitApplied(Duration.ofSeconds(30))).isTrue();
        }
    }

    /**
     * Indexes 5 datasets in {@code folder}, closes the index, then applies 3 more while it is away
     * (as after a crash before its commit); returns the log position the index reached.
     */
    private static long indexThenApplyWhileAway(CatalogDatabase catalog, CatalogReader reader, Path folder)
            throws IOException {
        SearchIndex index = SearchIndex.open(folder, reader);
        SearchIndexer indexer = new SearchIndexer(index, reader, Duration.ofHours(1)).start();
        ingest(catalog, indexer, 5, 0);
        indexer.close();
        long indexed = index.committedSeq();
        index.close();
        ingest(catalog, applied -> { }, 3, 5);
        return indexed;
    }

    private static long hits(SearchIndex index, String q) {
        return index.search(SearchQuery.parse(q).orElseThrow(), 10, 0).totalCount();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void appliedEventsAreSearchableAndAMissingIndexIsRebuilt(String kind) throws IOException {
        try (TestDatabase database = TestDatabase.create(kind)) {
            CatalogDatabase catalog = database.migrate();
            CatalogReader reader = new CatalogReader(catalog.jdbi(), new ObjectMapper());
            Path folder = TempFolders.create("custodian-index-");
            SearchIndex index = SearchIndex.open(folder, reader);
            SearchIndexer indexer = new SearchIndexer(index, reader, Duration.ofHours(1)).start();
            ingest(catalog, indexer, 12, 0);
            assertThat(indexer.awaitIndexed(Duration.ofSeconds(10))).as("indexed off the applier's thread").isTrue();
            assertThat(hits(index, "table_7")).isEqualTo(1);
            assertThat(hits(index, "column:customer_email")).isEqualTo(12);
            indexer.close();
            index.close();
            try (var files = java.nio.file.Files.list(folder)) {
                assertThat(files.filter(f -> !f.getFileName().toString().equals("write.lock")).toList())
                        .as("index files hold catalog content: private to the service's user")
                        .isNotEmpty()
                        .allSatisfy(f -> assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                                java.nio.file.Files.getPosixFilePermissions(f))).isEqualTo("rw-------"));
            }

            TempFolders.delete(folder);
            try (SearchIndex rebuilt = SearchIndex.open(folder, reader)) {
                assertThat(rebuilt.documentCount()).as("12 datasets and their one job").isEqualTo(13);
                assertThat(hits(rebuilt, "table_7")).isEqualTo(1);
            }
            TempFolders.delete(folder);
        }
    }

    /** The hits of a query as "type name", in rank order. */
    private static List<String> found(SearchIndex index, String q) {
        return index.search(SearchQuery.parse(q).orElseThrow(), 20, 0).results().stream()
                .map(hit -> hit.type() + " " + hit.name()).toList();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aJobIsFoundByTheDatasetsAndColumnsItTouches(String kind) throws IOException {
        try (TestDatabase database = TestDatabase.create(kind)) {
            CatalogDatabase catalog = database.migrate();
            CatalogReader reader = new CatalogReader(catalog.jdbi(), new ObjectMapper());
            Path folder = TempFolders.create("custodian-index-");
            SearchIndex index = SearchIndex.open(folder, reader);
            SearchIndexer indexer = new SearchIndexer(index, reader, Duration.ofHours(1)).start();
            try (LineageIngestor ingestor = new LineageIngestor(catalog.jdbi(), parser, Clock.systemUTC(),
                    LineageIngestor.Settings.defaults(), indexer).start()) {
                ingestor.submit(parser.parse(run("COMPLETE", UUID.randomUUID(), Instant.parse("2025-10-01T00:00:00Z"))
                        .job("etl", "load_crm")
                        .input(dataset("pg://db", "shop.raw.users").schema("id:bigint", "mail_address:text"))
                        .output(dataset("pg://db", "shop.analytics.customers").schema("customer_id:bigint", "email:text"))
                        .bytes())).join();
                // A job that touches neither: every word must still match somewhere.
                ingestor.submit(parser.parse(run("COMPLETE", UUID.randomUUID(), Instant.parse("2025-10-01T00:00:00Z"))
                        .job("etl", "load_orders")
                        .output(dataset("pg://db", "shop.analytics.orders").schema("order_id:bigint", "amount:numeric"))
                        .bytes())).join();
                assertThat(ingestor.awaitApplied(Duration.ofSeconds(30))).isTrue();
            }
            assertThat(indexer.awaitIndexed(Duration.ofSeconds(10))).isTrue();

            // Neither word is in the job's name: "customer" is in a dataset it writes, "email" a column of it.
            assertThat(found(index, "customer email"))
                    .contains("dataset shop.analytics.customers", "job load_crm").doesNotContain("job load_orders");
            assertThat(found(index, "raw users")).contains("dataset shop.raw.users", "job load_crm")
                    .doesNotContain("job load_orders");
            assertThat(found(index, "mail_address")).containsExactlyInAnyOrder("dataset shop.raw.users", "job load_crm");
            SearchHit job = index.search(SearchQuery.parse("customer email").orElseThrow(), 20, 0).results().stream()
                    .filter(hit -> hit.type().equals("job")).findFirst().orElseThrow();
            assertThat(job.highlights()).extracting(SearchHit.Highlight::field).contains("dataset", "datasetColumn");
            // column: still means a dataset with that column.
            assertThat(found(index, "column:email")).containsExactly("dataset shop.analytics.customers");
            indexer.close();
            index.close();

            TempFolders.delete(folder);
            try (SearchIndex rebuilt = SearchIndex.open(folder, reader)) {
                assertThat(found(rebuilt, "customer email")).contains("job load_crm");
                assertThat(found(rebuilt, "mail_address")).contains("job load_crm");
            }
            TempFolders.delete(folder);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRepeatedEventMovesUpdateTimesOnWithoutChangingDocuments(String kind) throws IOException {
        try (TestDatabase database = TestDatabase.create(kind)) {
            CatalogDatabase catalog = database.migrate();
            CatalogReader reader = new CatalogReader(catalog.jdbi(), new ObjectMapper());
            Path folder = TempFolders.create("custodian-index-");
            Instant first = Instant.parse("2025-10-01T00:00:00Z");
            Instant later = Instant.parse("2025-10-02T12:30:00Z");
            try (SearchIndex index = SearchIndex.open(folder, reader);
                    SearchIndexer indexer = new SearchIndexer(index, reader, Duration.ofHours(1)).start();
                    LineageIngestor ingestor = new LineageIngestor(catalog.jdbi(), parser, Clock.systemUTC(),
                            LineageIngestor.Settings.defaults(), indexer).start()) {
                for (String table : List.of("orders", "refunds")) {
                    ingestor.submit(parser.parse(run("COMPLETE", UUID.randomUUID(), first).job("etl", "load_" + table)
                            .output(dataset("pg://db", "shop." + table).schema("id:bigint")).bytes())).join();
                }
                assertThat(ingestor.awaitApplied(Duration.ofSeconds(30))).isTrue();
                assertThat(indexer.awaitIndexed(Duration.ofSeconds(10))).isTrue();
                // The same run of load_orders a day later: nothing but its times changed.
                ingestor.submit(parser.parse(run("COMPLETE", UUID.randomUUID(), later).job("etl", "load_orders")
                        .output(dataset("pg://db", "shop.orders").schema("id:bigint")).bytes())).join();
                assertThat(ingestor.awaitApplied(Duration.ofSeconds(30))).isTrue();
                assertThat(indexer.awaitIndexed(Duration.ofSeconds(10))).isTrue();

                List<SearchHit> byUpdate = index.search(SearchQuery.parse("shop").orElseThrow(), SearchIndex.Order.UPDATED,
                        10, 0).results();
                assertThat(byUpdate).extracting(SearchHit::name, SearchHit::updatedAt)
                        .startsWith(org.assertj.core.groups.Tuple.tuple("shop.orders", later))
                        .contains(org.assertj.core.groups.Tuple.tuple("shop.refunds", first));
                assertThat(index.search(SearchQuery.parse("load_orders").orElseThrow(), 10, 0).results())
                        .extracting(SearchHit::updatedAt).containsExactly(later);
                assertThat(index.documentCount()).isEqualTo(4);
            }
            TempFolders.delete(folder);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void indexBehindTheStoreOrCorruptIsRebuilt(String kind) throws IOException {
        try (TestDatabase database = TestDatabase.create(kind)) {
            CatalogDatabase catalog = database.migrate();
            CatalogReader reader = new CatalogReader(catalog.jdbi(), new ObjectMapper());
            Path folder = TempFolders.create("custodian-index-");
            indexThenApplyWhileAway(catalog, reader, folder);
            try (SearchIndex reopened = SearchIndex.open(folder, reader)) {
                assertThat(reopened.documentCount()).as("rebuilt: it was behind").isEqualTo(9);
            }

            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith("segments")).toList()) {
                    Files.write(file, new byte[] {1, 2, 3});
                }
            }
            try (SearchIndex repaired = SearchIndex.open(folder, reader)) {
                assertThat(repaired.documentCount()).as("rebuilt: it was corrupt").isEqualTo(9);
            }
            TempFolders.delete(folder);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anIndexBehindTheStoreIsKeptWhenWhatItMissedCanBeReplayed(String kind) throws IOException {
        try (TestDatabase database = TestDatabase.create(kind)) {
            CatalogDatabase catalog = database.migrate();
            CatalogReader reader = new CatalogReader(catalog.jdbi(), new ObjectMapper());
            Path folder = TempFolders.create("custodian-index-");
            long indexed = indexThenApplyWhileAway(catalog, reader, folder);
            assertThat(reader.appliedSeq()).isGreaterThan(indexed);

            List<Long> asked = new java.util.ArrayList<>();
            try (SearchIndex kept = SearchIndex.open(folder, reader, seq -> asked.add(seq))) {
                assertThat(asked).as("asked from where it would replay").containsExactly(indexed);
                assertThat(kept.committedSeq()).as("kept at its own position").isEqualTo(indexed);
                assertThat(kept.documentCount()).as("what it held, to be replayed the rest").isEqualTo(6);
            }
            try (SearchIndex rebuilt = SearchIndex.open(folder, reader, seq -> false)) {
                assertThat(rebuilt.committedSeq()).isEqualTo(reader.appliedSeq());
                assertThat(rebuilt.documentCount()).as("rebuilt: nothing could replay it").isEqualTo(9);
            }
            TempFolders.delete(folder);
        }
    }
}
