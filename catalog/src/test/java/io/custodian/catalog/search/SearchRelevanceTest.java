package io.custodian.catalog.search;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodian.catalog.ingest.LineageEventParser;
import io.custodian.catalog.ingest.LineageIngestor;
import io.custodian.catalog.read.CatalogReader;
import io.custodian.catalog.store.CatalogDatabase;
import io.custodian.catalog.testing.Events.DatasetBuilder;
import io.custodian.catalog.testing.Events.RunEventBuilder;
import io.custodian.catalog.testing.TempFolders;
import io.custodian.catalog.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ranking against a judged query set: a catalog shaped like a mid-sized company's warehouse
 * ({@code search/relevance-catalog.txt}, ingested as OpenLineage events) and queries with the
 * result a user typing them is looking for ({@code search/judged-queries.tsv}). Reports the mean
 * reciprocal rank and every query whose judged result is not first.
 */
class SearchRelevanceTest {
    private static final ObjectMapper json = new ObjectMapper();
    private static final LineageEventParser parser = new LineageEventParser();
    /** The bar: a judged result is first for nearly every query, and never missing from the top five. */
    private static final double MIN_MRR = 0.9;

    private static TestDatabase database;
    private static Path folder;
    private static SearchIndex index;

    @BeforeAll
    static void ingestTheJudgedCatalog() throws IOException {
        database = TestDatabase.h2();
        CatalogDatabase catalog = database.migrate();
        CatalogReader reader = new CatalogReader(catalog.jdbi(), json);
        folder = TempFolders.create("custodian-relevance-");
        index = SearchIndex.open(folder, reader);
        try (SearchIndexer indexer = new SearchIndexer(index, reader, Duration.ofHours(1)).start();
                LineageIngestor ingestor = new LineageIngestor(catalog.jdbi(), parser, Clock.systemUTC(),
                        LineageIngestor.Settings.defaults(), indexer).start()) {
            for (RunEventBuilder event : events(lines("search/relevance-catalog.txt"))) {
                ingestor.submit(parser.parse(event.bytes())).join();
            }
            assertThat(ingestor.awaitApplied(Duration.ofSeconds(30))).isTrue();
            assertThat(indexer.awaitIndexed(Duration.ofSeconds(30))).isTrue();
        }
    }

    @AfterAll
    static void close() {
        index.close();
        database.close();
        TempFolders.delete(folder);
    }

    @Test
    void judgedResultsComeFirst() throws IOException {
        List<String> misses = new ArrayList<>();
        double reciprocalRanks = 0;
        int queries = 0;
        for (String line : lines("search/judged-queries.tsv")) {
            String[] parts = line.split("\t");
            String query = parts[0];
            String expected = parts[1];
            List<SearchHit> hits = index.search(SearchQuery.parse(query).orElseThrow(), 10, 0).results();
            int rank = 0;
            for (int i = 0; i < hits.size() && rank == 0; i++) {
                if (hits.get(i).nodeId().equals(expected)) {
                    rank = i + 1;
                }
            }
            queries++;
            reciprocalRanks += rank == 0 ? 0 : 1.0 / rank;
            if (rank != 1) {
                misses.add(String.format("%-24s rank %s, first: %s", query, rank == 0 ? "-" : rank,
                        hits.isEmpty() ? "(none)" : hits.get(0).nodeId()));
            }
        }
        double mrr = reciprocalRanks / queries;
        System.out.printf("search relevance: %d judged queries, MRR %.3f, %d not first%n", queries, mrr, misses.size());
        misses.forEach(miss -> System.out.println("  " + miss));

        assertThat(queries).isGreaterThanOrEqualTo(40);
        assertThat(misses).as("no judged result may fall out of the top five")
                .noneMatch(miss -> miss.contains("rank -") || miss.matches(".*rank ([6-9]|10),.*"));
        assertThat(mrr).as("mean reciprocal rank; misses: %s", misses).isGreaterThanOrEqualTo(MIN_MRR);
    }

    /** Jobs first (they mention datasets without schemas), then every dataset with its schema and facets. */
    private static List<RunEventBuilder> events(List<String> lines) {
        Map<String, String> namespaces = new HashMap<>();
        List<RunEventBuilder> jobs = new ArrayList<>();
        List<RunEventBuilder> datasets = new ArrayList<>();
        Instant jobTime = Instant.parse("2025-10-01T00:00:00Z");
        Instant datasetTime = Instant.parse("2025-10-02T00:00:00Z");
        for (String line : lines) {
            String[] head = line.split(" ", 3);
            switch (head[0]) {
                case "ns" -> namespaces.put(head[1], head[2]);
                case "ds" -> {
                    String[] parts = head[2].split("\\|", -1);
                    DatasetBuilder dataset = dataset(namespaces.get(head[1]), parts[0].strip())
                            .schema(parts[1].strip().split(","));
                    if (!parts[2].isBlank()) {
                        dataset.description(parts[2].strip());
                    }
                    if (!parts[3].isBlank()) {
                        ObjectNode tags = json.createObjectNode();
                        for (String tag : parts[3].strip().split(",")) {
                            tags.withArray("tags").addObject().put("key", tag);
                        }
                        dataset.facet("tags", tags);
                    }
                    if (!parts[4].isBlank()) {
                        ObjectNode owners = json.createObjectNode();
                        owners.withArray("owners").addObject().put("name", parts[4].strip()).put("type", "team");
                        dataset.facet("ownership", owners);
                    }
                    datasets.add(run("COMPLETE", UUID.randomUUID(), datasetTime)
                            .job("relevance-loader", "load." + parts[0].strip()).output(dataset));
                }
                case "job" -> {
                    String[] parts = head[2].split("\\|", -1);
                    RunEventBuilder job = run("COMPLETE", UUID.randomUUID(), jobTime)
                            .job(namespaces.get(head[1]), parts[0].strip());
                    for (String input : parts[1].split(",")) {
                        String[] ref = input.strip().split(":", 2);
                        job.input(dataset(namespaces.get(ref[0]), ref[1]));
                    }
                    for (String output : parts[2].split(",")) {
                        String[] ref = output.strip().split(":", 2);
                        job.output(dataset(namespaces.get(ref[0]), ref[1]));
                    }
                    jobs.add(job);
                }
                default -> throw new IllegalArgumentException("unknown line: " + line);
            }
        }
        List<RunEventBuilder> all = new ArrayList<>(jobs);
        all.addAll(datasets);
        return all;
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = SearchRelevanceTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        }
    }
}
