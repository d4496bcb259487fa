package io.custodian.catalog.search;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.read.CatalogReader;
import io.custodian.catalog.read.Views.Dataset;
import io.custodian.catalog.read.Views.DatasetId;
import io.custodian.catalog.read.Views.Job;
import io.custodian.catalog.read.Views.JobId;
import io.custodian.catalog.search.SearchResult.FacetCount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongPredicate;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog's search index: one Lucene document per dataset and per job, under the data directory.
 *
 * <p>Derived data: it is rebuilt from the store when it is missing, unreadable, of another format,
 * or behind the store with no way to replay what it missed, and updated as events are applied
 * ({@link SearchIndexer}). Documents are shaped by {@link SearchDocuments}, queries by
 * {@link QueryBuilder}; every search also counts facets over all its matches.
 */
public final class SearchIndex implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);
    private static final int REBUILD_PAGE = 500;
    private static final int FACET_VALUES = 10;
    private static final String APPLIED_SEQ = "custodian.appliedSeq";
    private static final String FORMAT = "custodian.format";

    private final Directory directory;
    private final IndexWriter writer;
    private volatile long committedSeq;
    private final SearcherManager searchers;
    private final QueryBuilder queries = new QueryBuilder();
    private final Highlighter highlighter = new Highlighter();
    /** Facet ordinals of the current reader; rebuilt lazily when the reader changes. */
    private volatile FacetState facetState;

    private record FacetState(IndexReader reader, SortedSetDocValuesReaderState state) {}

    private SearchIndex(Directory directory, IndexWriter writer) throws IOException {
        this.directory = directory;
        this.writer = writer;
        this.searchers = new SearcherManager(writer, null);
    }

    /**
     * Opens the index in {@code folder}, rebuilding it from the catalog when it is missing, cannot
     * be read, is behind the store, or was written in another format.
     */
    public static SearchIndex open(Path folder, CatalogReader catalog) {
        return open(folder, catalog, seq -> false);
    }

    /**
     * Opens the index as {@link #open(Path, CatalogReader)} does, but keeps one behind the store
     * when {@code replayableFrom} says what was applied after its position can be replayed to it
     * (a replica of a shared store following the change feed); its {@link #committedSeq()} then says
     * from where.
     */
    public static SearchIndex open(Path folder, CatalogReader catalog, LongPredicate replayableFrom) {
        requireNonNull(folder, "folder is null");
        requireNonNull(catalog, "catalog is null");
        requireNonNull(replayableFrom, "replayableFrom is null");
        try {
            Files.createDirectories(folder);
            Directory directory = new OwnerOnlyDirectory(FSDirectory.open(folder));
            boolean usable = false;
            long indexedSeq = -1;
            long storeSeq = catalog.appliedSeq();
            try {
                if (DirectoryReader.indexExists(directory)) {
                    try (DirectoryReader reader = DirectoryReader.open(directory)) {
                        String indexed = reader.getIndexCommit().getUserData().get(APPLIED_SEQ);
                        String version = reader.getIndexCommit().getUserData().get(FORMAT);
                        indexedSeq = indexed == null ? -1 : Long.parseLong(indexed);
                        usable = SearchDocuments.FORMAT_VERSION.equals(version)
                                && (indexedSeq >= storeSeq || replayableFrom.test(indexedSeq));
                        if (usable && indexedSeq < storeSeq) {
                            log.info("the search index in {} is at log position {}, the store at {}; what lies between "
                                    + "is replayed to it", folder, indexedSeq, storeSeq);
                        } else if (!usable) {
                            log.info("the search index in {} is behind the store or of another format; rebuilding it",
                                    folder);
                        }
                    }
                }
            } catch (IOException | RuntimeException unreadable) {
                log.warn("the search index in {} cannot be read ({}); rebuilding it", folder,
                        unreadable.getClass().getSimpleName());
            }
            if (!usable) {
                // Even in CREATE mode a writer reads the old commit; a damaged one must go first.
                for (String file : directory.listAll()) {
                    directory.deleteFile(file);
                }
            }
            IndexWriterConfig config = new IndexWriterConfig(indexAnalyzer())
                    .setOpenMode(usable ? IndexWriterConfig.OpenMode.CREATE_OR_APPEND : IndexWriterConfig.OpenMode.CREATE)
                    // Rebuilds add hundreds of thousands of documents; flush in large segments.
                    .setRAMBufferSizeMB(64);
            SearchIndex index = new SearchIndex(directory, new IndexWriter(directory, config));
            if (usable) {
                index.committedSeq = indexedSeq;
            } else {
                index.rebuild(catalog);
            }
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index in " + folder, e);
        }
    }

    private static Analyzer indexAnalyzer() {
        Analyzer identifiers = new IdentifierAnalyzer(true);
        return new PerFieldAnalyzerWrapper(identifiers, Map.of("description", new EnglishAnalyzer()));
    }

    /** Replaces every document with the catalog's current datasets and jobs. */
    public void rebuild(CatalogReader catalog) throws IOException {
        long started = System.nanoTime();
        long storeSeq = catalog.appliedSeq();
        writer.deleteAll();
        long count = addAll(catalog::datasetsAfter, page -> {
            Map<DatasetId, Integer> popularity = catalog.popularity(page.stream().map(Map.Entry::getKey).toList());
            return page.stream().map(e -> SearchDocuments.dataset(e.getValue(),
                    popularity.getOrDefault(e.getValue().id(), 0))).toList();
        }) + addAll(catalog::jobsAfter, page -> {
            Map<JobId, Set<String>> columns = catalog.jobColumns(page.stream().map(Map.Entry::getKey).toList());
            return page.stream().map(e -> SearchDocuments.job(e.getValue(),
                    columns.getOrDefault(e.getValue().id(), Set.of()))).toList();
        });
        commit(storeSeq);
        searchers.maybeRefreshBlocking();
        log.info("rebuilt the search index: {} datasets and jobs in {} ms", count,
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Pages through all rows of one kind in id order and adds their documents; returns how many.
     * Reading the next page from the store overlaps with analyzing the current one.
     */
    private <T> long addAll(BiFunction<UUID, Integer, List<Map.Entry<UUID, T>>> pages,
            Function<List<Map.Entry<UUID, T>>, List<Document>> documents) throws IOException {
        ExecutorService analyzer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "search-index-rebuild");
            thread.setDaemon(true);
            return thread;
        });
        try {
            // The smallest UUID as databases order them (unsigned bytes), unlike Java's signed compareTo.
            UUID after = new UUID(0, 0);
            long count = 0;
            Future<?> adding = CompletableFuture.completedFuture(null);
            while (true) {
                List<Map.Entry<UUID, T>> page = pages.apply(after, REBUILD_PAGE);
                await(adding);
                if (page.isEmpty()) {
                    return count;
                }
                List<Document> docs = documents.apply(page);
                adding = analyzer.submit(() -> {
                    writer.addDocuments(docs);
                    return null;
                });
                count += page.size();
                after = page.get(page.size() - 1).getKey();
            }
        } finally {
            analyzer.shutdownNow();
        }
    }

    private static void await(Future<?> adding) throws IOException {
        try {
            adding.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while rebuilding the search index", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("rebuilding the search index failed", e.getCause());
        }
    }

    /** Adds or replaces the documents of these datasets; searchable after {@link #refresh()}. */
    public void update(List<Dataset> datasets, Map<DatasetId, Integer> popularity) {
        replace(datasets, SearchDocuments::nodeId,
                dataset -> SearchDocuments.dataset(dataset, popularity.getOrDefault(dataset.id(), 0)));
    }

    /**
     * Adds or replaces the documents of these jobs, searchable after {@link #refresh()}; {@code columns}
     * holds the column names of the datasets each reads or writes ({@link CatalogReader#jobColumns}).
     */
    public void updateJobs(List<Job> jobs, Map<JobId, Set<String>> columns) {
        replace(jobs, SearchDocuments::nodeId, job -> SearchDocuments.job(job, columns.getOrDefault(job.id(), Set.of())));
    }

    /**
     * Moves documents' update times on in place, for datasets and jobs whose description did not
     * change: far cheaper than reading and indexing them again. Ids not in the index are passed
     * over. Visible after {@link #refresh()}.
     */
    public void updateTimes(Map<String, Instant> updatedAt) {
        if (updatedAt.isEmpty()) {
            return;
        }
        try {
            for (Map.Entry<String, Instant> entry : updatedAt.entrySet()) {
                writer.updateNumericDocValue(new Term("id", entry.getKey()), SearchDocuments.UPDATED_AT,
                        entry.getValue().toEpochMilli());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update the search index", e);
        }
    }

    private <T> void replace(List<T> items, Function<T, String> id, Function<T, Document> document) {
        try {
            for (T item : items) {
                writer.updateDocument(new Term("id", id.apply(item)), document.apply(item));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update the search index", e);
        }
    }

    /** Makes every update so far searchable: one reopen for all the updates of an indexing round. */
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot refresh the search index", e);
        }
    }

    /**
     * Makes what was updated durable in the index folder, noting that it reflects the store up to
     * {@code appliedSeq} of the event log; an index found behind the store on start is rebuilt.
     */
    public void commit(long appliedSeq) {
        try {
            writer.setLiveCommitData(Map.of(APPLIED_SEQ, Long.toString(appliedSeq),
                    FORMAT, SearchDocuments.FORMAT_VERSION).entrySet());
            writer.commit();
            committedSeq = appliedSeq;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit the search index", e);
        }
    }

    /** The event log position of the last commit: what the index reflects at least. */
    public long committedSeq() {
        return committedSeq;
    }

    public long documentCount() {
        return writer.getDocStats().numDocs;
    }

    /** How results are ordered. */
    public enum Order {
        RELEVANCE, UPDATED, NAME
    }

    /** Runs a query by relevance; all words must match, and if nothing does, any of them may. */
    public SearchResult search(SearchQuery query, int limit, int offset) {
        return search(query, Order.RELEVANCE, limit, offset);
    }

    /** Runs a query; all words must match, and if nothing does, any of them may. */
    public SearchResult search(SearchQuery query, Order order, int limit, int offset) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                Sort sort = switch (order) {
                    case RELEVANCE -> new Sort(SortField.FIELD_SCORE,
                            new SortField(SearchDocuments.POPULARITY, SortField.Type.LONG, true));
                    case UPDATED -> new Sort(new SortField(SearchDocuments.UPDATED_AT, SortField.Type.LONG, true), SortField.FIELD_SCORE);
                    case NAME -> new Sort(new SortField("name_sort", SortField.Type.STRING), SortField.FIELD_SCORE);
                };
                FacetsCollectorManager.FacetsResult found = FacetsCollectorManager.search(searcher,
                        queries.build(query, Occur.MUST), offset + limit, sort, true, new FacetsCollectorManager());
                if (found.topDocs().totalHits.value == 0 && query.words().size() > 1) {
                    found = FacetsCollectorManager.search(searcher, queries.build(query, Occur.SHOULD), offset + limit,
                            sort, true, new FacetsCollectorManager());
                }
                TopDocs top = found.topDocs();
                List<SearchHit> hits = new ArrayList<>();
                ScoreDoc[] docs = top.scoreDocs;
                for (int i = offset; i < docs.length; i++) {
                    Document doc = searcher.storedFields().document(docs[i].doc);
                    hits.add(hit(searcher, docs[i].doc, doc, Float.isNaN(docs[i].score) ? 0f : docs[i].score,
                            highlighter.highlights(query, doc)));
                }
                return new SearchResult(top.totalHits.value, hits, facets(searcher, found));
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the index", e);
        }
    }

    private Map<String, List<FacetCount>> facets(IndexSearcher searcher, FacetsCollectorManager.FacetsResult found)
            throws IOException {
        if (found.topDocs().totalHits.value == 0) {
            return Map.of();
        }
        Facets counts = new SortedSetDocValuesFacetCounts(facetState(searcher.getIndexReader()),
                found.facetsCollector());
        Map<String, List<FacetCount>> facets = new LinkedHashMap<>();
        for (String dimension : SearchDocuments.FACETS) {
            FacetResult result;
            try {
                result = counts.getTopChildren(FACET_VALUES, dimension);
            } catch (IllegalArgumentException noSuchDimension) {
                // No document has a value for it yet.
                result = null;
            }
            List<FacetCount> values = new ArrayList<>();
            if (result != null) {
                for (LabelAndValue value : result.labelValues) {
                    values.add(new FacetCount(value.label, value.value.longValue()));
                }
            }
            facets.put(dimension, values);
        }
        return facets;
    }

    private SortedSetDocValuesReaderState facetState(IndexReader reader) throws IOException {
        FacetState current = facetState;
        if (current == null || current.reader() != reader) {
            current = new FacetState(reader, new DefaultSortedSetDocValuesReaderState(reader,
                    SearchDocuments.facetsConfig()));
            facetState = current;
        }
        return current.state();
    }

    /** Dataset and job names starting with {@code prefix} (case-insensitive), most used first: autocomplete. */
    public List<SearchHit> suggest(String prefix, int limit) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                String lower = prefix.toLowerCase(Locale.ROOT);
                // The whole name, or its last component: people type table names more than schemas.
                Query query = new BooleanQuery.Builder()
                        .add(new PrefixQuery(new Term("name_exact", lower)), Occur.SHOULD)
                        .add(new PrefixQuery(new Term("name_leaf", lower)), Occur.SHOULD)
                        .build();
                TopDocs top = searcher.search(query, limit, new Sort(
                        new SortField(SearchDocuments.POPULARITY, SortField.Type.LONG, true),
                        new SortField("name_sort", SortField.Type.STRING)));
                List<SearchHit> hits = new ArrayList<>();
                for (ScoreDoc scoreDoc : top.scoreDocs) {
                    hits.add(hit(searcher, scoreDoc.doc, searcher.storedFields().document(scoreDoc.doc), 0f, List.of()));
                }
                return hits;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the index", e);
        }
    }

    private static SearchHit hit(IndexSearcher searcher, int docId, Document doc, float score,
            List<SearchHit.Highlight> highlights) throws IOException {
        return new SearchHit(doc.get("type_stored"), doc.get("name"), doc.get("namespace_stored"), doc.get("id"),
                Instant.ofEpochMilli(updatedAt(searcher, docId)), score, highlights);
    }

    /** From doc values, not a stored field: {@link #updateTimes} changes it in place. */
    private static long updatedAt(IndexSearcher searcher, int docId) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docId, leaves));
        NumericDocValues values = DocValues.getNumeric(leaf.reader(), SearchDocuments.UPDATED_AT);
        return values.advanceExact(docId - leaf.docBase) ? values.longValue() : 0L;
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the search index", e);
        }
    }
}
