package io.custodian.catalog.search;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.read.CatalogReader;
import io.custodian.catalog.read.Views.Dataset;
import io.custodian.catalog.read.Views.Field;
import io.custodian.catalog.read.Views.Job;
import io.custodian.catalog.read.Views.Owner;
import io.custodian.catalog.search.SearchQuery.FieldTerm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog's search index: one Lucene document per dataset and per job, under the data directory.
 *
 * <p>Derived data: it is rebuilt from the store when it is missing or unreadable, and updated as
 * events are applied. Names are split as identifiers ({@link IdentifierAnalyzer}), descriptions
 * analyzed as English. Ranking: exact name, then name parts, then column names, then
 * descriptions; prefixes and (for words of five letters or more) near-misses count less.
 */
public final class SearchIndex implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);
    private static final int REBUILD_PAGE = 500;
    private static final String APPLIED_SEQ = "custodian.appliedSeq";
    private static final String FORMAT = "custodian.format";
    /** Bump when documents change shape: an index of another format is rebuilt. */
    private static final String FORMAT_VERSION = "4";
    private static final float EXACT = 10f;
    private static final float NAME = 4f;
    private static final float COLUMN = 2f;
    private static final float DESCRIPTION = 1f;
    private static final float PREFIX = 1.5f;
    private static final float FUZZY = 0.5f;

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Analyzer queryIdentifiers = new IdentifierAnalyzer(false);
    private final Analyzer english = new EnglishAnalyzer();

    private SearchIndex(Directory directory, IndexWriter writer) throws IOException {
        this.directory = directory;
        this.writer = writer;
        this.searchers = new SearcherManager(writer, null);
    }

    /**
     * Opens the index in {@code folder}, rebuilding it from the catalog when it is missing or
     * cannot be read.
     */
    public static SearchIndex open(Path folder, CatalogReader catalog) {
        requireNonNull(folder, "folder is null");
        requireNonNull(catalog, "catalog is null");
        try {
            Files.createDirectories(folder);
            Directory directory = FSDirectory.open(folder);
            boolean usable = false;
            long storeSeq = catalog.appliedSeq();
            try {
                if (DirectoryReader.indexExists(directory)) {
                    try (DirectoryReader reader = DirectoryReader.open(directory)) {
                        String indexed = reader.getIndexCommit().getUserData().get(APPLIED_SEQ);
                        String version = reader.getIndexCommit().getUserData().get(FORMAT);
                        usable = indexed != null && Long.parseLong(indexed) >= storeSeq
                                && FORMAT_VERSION.equals(version);
                        if (!usable) {
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
                    .setOpenMode(usable ? IndexWriterConfig.OpenMode.CREATE_OR_APPEND : IndexWriterConfig.OpenMode.CREATE);
            SearchIndex index = new SearchIndex(directory, new IndexWriter(directory, config));
            if (!usable) {
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

    /** Replaces every document with the catalog's current datasets. */
    public void rebuild(CatalogReader catalog) throws IOException {
        long started = System.nanoTime();
        long storeSeq = catalog.appliedSeq();
        writer.deleteAll();
        long count = addAll(catalog::datasetsAfter, SearchIndex::document)
                + addAll(catalog::jobsAfter, SearchIndex::document);
        commit(storeSeq);
        searchers.maybeRefreshBlocking();
        log.info("rebuilt the search index: {} datasets and jobs in {} ms", count, (System.nanoTime() - started) / 1_000_000);
    }

    /** Pages through all rows of one kind in id order and adds a document for each; returns how many. */
    private <T> long addAll(java.util.function.BiFunction<UUID, Integer, List<Map.Entry<UUID, T>>> pages,
            java.util.function.Function<T, Document> document) throws IOException {
        // The smallest UUID as databases order them (unsigned bytes), unlike Java's signed compareTo.
        UUID after = new UUID(0, 0);
        long count = 0;
        while (true) {
            List<Map.Entry<UUID, T>> page = pages.apply(after, REBUILD_PAGE);
            if (page.isEmpty()) {
                return count;
            }
            for (Map.Entry<UUID, T> entry : page) {
                writer.addDocument(document.apply(entry.getValue()));
            }
            count += page.size();
            after = page.get(page.size() - 1).getKey();
        }
    }

    /** Adds or replaces the documents of these datasets and makes them searchable. */
    public void update(List<Dataset> datasets) {
        replace(datasets, SearchIndex::nodeId, SearchIndex::document);
    }

    /** Adds or replaces the documents of these jobs and makes them searchable. */
    public void updateJobs(List<Job> jobs) {
        replace(jobs, SearchIndex::nodeId, SearchIndex::document);
    }

    private <T> void replace(List<T> items, java.util.function.Function<T, String> id,
            java.util.function.Function<T, Document> document) {
        try {
            for (T item : items) {
                writer.updateDocument(new Term("id", id.apply(item)), document.apply(item));
            }
            // Blocking: a search right after must see these documents.
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update the search index", e);
        }
    }

    /**
     * Makes what was updated durable in the index folder, noting that it reflects the store up to
     * {@code appliedSeq} of the event log; an index found behind the store on start is rebuilt.
     */
    public void commit(long appliedSeq) {
        try {
            writer.setLiveCommitData(Map.of(APPLIED_SEQ, Long.toString(appliedSeq), FORMAT, FORMAT_VERSION).entrySet());
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit the search index", e);
        }
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
                    case RELEVANCE -> Sort.RELEVANCE;
                    case UPDATED -> new Sort(new SortField("updated_at", SortField.Type.LONG, true), SortField.FIELD_SCORE);
                    case NAME -> new Sort(new SortField("name_sort", SortField.Type.STRING), SortField.FIELD_SCORE);
                };
                TopDocs top = searcher.search(build(query, Occur.MUST), offset + limit, sort, true);
                if (top.totalHits.value == 0 && query.words().size() > 1) {
                    top = searcher.search(build(query, Occur.SHOULD), offset + limit, sort, true);
                }
                List<SearchHit> hits = new ArrayList<>();
                ScoreDoc[] docs = top.scoreDocs;
                for (int i = offset; i < docs.length; i++) {
                    Document doc = searcher.storedFields().document(docs[i].doc);
                    hits.add(new SearchHit(doc.get("type"), doc.get("name"), doc.get("namespace"), doc.get("id"),
                            Instant.ofEpochMilli(doc.getField("updated_at_stored").numericValue().longValue()),
                            Float.isNaN(docs[i].score) ? 0f : docs[i].score, highlights(query, doc)));
                }
                return new SearchResult(top.totalHits.value, hits);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the index", e);
        }
    }

    private static final int MAX_HIGHLIGHTS = 5;

    /**
     * Which stored fields of a hit contain a query word's parts (or start with a prefix): the
     * name, a column, the description. Near-misses (fuzzy matches) are not explained.
     */
    private List<SearchHit.Highlight> highlights(SearchQuery query, Document doc) {
        List<String> words = new ArrayList<>(query.words());
        words.addAll(query.phrases());
        for (FieldTerm term : query.fieldTerms()) {
            if (term.field().equals("column")) {
                words.add(term.value());
            }
        }
        List<SearchHit.Highlight> highlights = new ArrayList<>();
        for (String word : words) {
            List<String> parts = tokens(queryIdentifiers, "name", word);
            if (parts.isEmpty()) {
                continue;
            }
            String name = doc.get("name");
            if (tokens(queryIdentifiers, "name", name).containsAll(parts)) {
                highlights.add(new SearchHit.Highlight("name", name, word));
            }
            for (String column : doc.getValues("column_stored")) {
                if (highlights.size() < MAX_HIGHLIGHTS && tokens(queryIdentifiers, "column", column).containsAll(parts)) {
                    highlights.add(new SearchHit.Highlight("column", column, word));
                }
            }
            String description = doc.get("description_stored");
            if (description != null && highlights.size() < MAX_HIGHLIGHTS
                    && tokens(english, "description", description).containsAll(tokens(english, "description", word))) {
                highlights.add(new SearchHit.Highlight("description", abbreviate(description), word));
            }
        }
        for (String prefix : query.prefixes()) {
            String lower = prefix.toLowerCase(Locale.ROOT);
            for (String column : doc.getValues("column_stored")) {
                if (highlights.size() < MAX_HIGHLIGHTS && tokens(queryIdentifiers, "column", column).stream()
                        .anyMatch(t -> t.startsWith(lower))) {
                    highlights.add(new SearchHit.Highlight("column", column, prefix + "*"));
                }
            }
        }
        return highlights.size() <= MAX_HIGHLIGHTS ? highlights : highlights.subList(0, MAX_HIGHLIGHTS);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 197) + "...";
    }

    /** Dataset names starting with {@code prefix} (case-insensitive), shortest first: autocomplete. */
    public List<SearchHit> suggest(String prefix, int limit) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                Query query = new PrefixQuery(new Term("name_exact", prefix.toLowerCase(Locale.ROOT)));
                TopDocs top = searcher.search(query, limit, new Sort(new SortField("name_sort", SortField.Type.STRING)));
                List<SearchHit> hits = new ArrayList<>();
                for (ScoreDoc scoreDoc : top.scoreDocs) {
                    Document doc = searcher.storedFields().document(scoreDoc.doc);
                    hits.add(new SearchHit(doc.get("type"), doc.get("name"), doc.get("namespace"), doc.get("id"),
                            Instant.ofEpochMilli(doc.getField("updated_at_stored").numericValue().longValue()), 0f,
                            List.of()));
                }
                return hits;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the index", e);
        }
    }

    private Query build(SearchQuery query, Occur wordOccur) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        boolean any = false;
        for (String word : query.words()) {
            all.add(word(word), wordOccur);
            any = true;
        }
        for (String phrase : query.phrases()) {
            all.add(phrase(phrase), Occur.MUST);
            any = true;
        }
        for (String prefix : query.prefixes()) {
            String lower = prefix.toLowerCase(Locale.ROOT);
            BooleanQuery.Builder either = new BooleanQuery.Builder();
            either.add(new BoostQuery(new PrefixQuery(new Term("name_exact", lower)), NAME), Occur.SHOULD);
            either.add(new BoostQuery(new PrefixQuery(new Term("name", lower)), PREFIX), Occur.SHOULD);
            either.add(new PrefixQuery(new Term("column", lower)), Occur.SHOULD);
            all.add(either.build(), Occur.MUST);
            any = true;
        }
        for (FieldTerm term : query.fieldTerms()) {
            all.add(fieldTerm(term), Occur.MUST);
            any = true;
        }
        return any ? all.build() : new MatchNoDocsQuery();
    }

    private Query word(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        BooleanQuery.Builder either = new BooleanQuery.Builder();
        either.add(new BoostQuery(new TermQuery(new Term("name_exact", lower)), EXACT), Occur.SHOULD);
        either.add(new BoostQuery(allTokens("name", queryIdentifiers, word), NAME), Occur.SHOULD);
        either.add(new BoostQuery(allTokens("column", queryIdentifiers, word), COLUMN), Occur.SHOULD);
        either.add(new BoostQuery(allTokens("description", english, word), DESCRIPTION), Occur.SHOULD);
        either.add(new BoostQuery(new PrefixQuery(new Term("name", lower)), PREFIX / 2), Occur.SHOULD);
        if (word.length() >= 5) {
            either.add(new BoostQuery(new FuzzyQuery(new Term("name", lower), 1), FUZZY), Occur.SHOULD);
            either.add(new BoostQuery(new FuzzyQuery(new Term("column", lower), 1), FUZZY / 2), Occur.SHOULD);
        }
        return either.build();
    }

    private Query phrase(String phrase) {
        BooleanQuery.Builder either = new BooleanQuery.Builder();
        for (String field : List.of("name", "column", "description")) {
            List<String> tokens = tokens(field.equals("description") ? english : queryIdentifiers, field, phrase);
            if (!tokens.isEmpty()) {
                either.add(new PhraseQuery(field, tokens.toArray(String[]::new)), Occur.SHOULD);
            }
        }
        return either.build();
    }

    private Query fieldTerm(FieldTerm term) {
        String value = term.value().toLowerCase(Locale.ROOT);
        return switch (term.field()) {
            case "column" -> {
                BooleanQuery.Builder either = new BooleanQuery.Builder();
                either.add(new TermQuery(new Term("column_exact", value)), Occur.SHOULD);
                either.add(allTokens("column", queryIdentifiers, term.value()), Occur.SHOULD);
                yield either.build();
            }
            case "namespace" -> new TermQuery(new Term("namespace", term.value()));
            default -> new TermQuery(new Term(term.field(), value));
        };
    }

    /** All tokens of {@code text} in {@code field}: a word that splits into parts needs every part. */
    private Query allTokens(String field, Analyzer analyzer, String text) {
        List<String> tokens = tokens(analyzer, field, text);
        if (tokens.isEmpty()) {
            return new MatchNoDocsQuery();
        }
        BooleanQuery.Builder every = new BooleanQuery.Builder();
        for (String token : tokens) {
            every.add(new TermQuery(new Term(field, token)), Occur.MUST);
        }
        return every.build();
    }

    private static List<String> tokens(Analyzer analyzer, String field, String text) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (!tokens.contains(term.toString())) {
                    tokens.add(term.toString());
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }

    static String nodeId(Dataset dataset) {
        return "dataset:" + dataset.namespace() + ":" + dataset.name();
    }

    static String nodeId(Job job) {
        return "job:" + job.namespace() + ":" + job.name();
    }

    /** A job: its name, namespace, description, and the names of what it reads and writes. */
    private static Document document(Job job) {
        Document doc = new Document();
        doc.add(new StringField("id", nodeId(job), org.apache.lucene.document.Field.Store.YES));
        doc.add(new StringField("type", "job", org.apache.lucene.document.Field.Store.YES));
        doc.add(new StringField("namespace", job.namespace(), org.apache.lucene.document.Field.Store.YES));
        doc.add(new StringField("name_exact", job.name().toLowerCase(Locale.ROOT), org.apache.lucene.document.Field.Store.NO));
        doc.add(new TextField("name", job.name(), org.apache.lucene.document.Field.Store.YES));
        doc.add(new SortedDocValuesField("name_sort", new BytesRef(job.name().toLowerCase(Locale.ROOT))));
        if (job.description() != null) {
            doc.add(new TextField("description", job.description(), org.apache.lucene.document.Field.Store.NO));
            doc.add(new StoredField("description_stored", job.description()));
        }
        long updated = job.updatedAt().toEpochMilli();
        doc.add(new LongPoint("updated_at", updated));
        doc.add(new NumericDocValuesField("updated_at", updated));
        doc.add(new StoredField("updated_at_stored", updated));
        return doc;
    }

    private static Document document(Dataset dataset) {
        Document doc = new Document();
        doc.add(new StringField("id", nodeId(dataset), org.apache.lucene.document.Field.Store.YES));
        doc.add(new StringField("type", "dataset", org.apache.lucene.document.Field.Store.YES));
        doc.add(new StringField("namespace", dataset.namespace(), org.apache.lucene.document.Field.Store.YES));
        doc.add(new StringField("name_exact", dataset.name().toLowerCase(Locale.ROOT), org.apache.lucene.document.Field.Store.NO));
        doc.add(new TextField("name", dataset.name(), org.apache.lucene.document.Field.Store.YES));
        for (Field field : dataset.fields()) {
            doc.add(new TextField("column", field.name(), org.apache.lucene.document.Field.Store.NO));
            doc.add(new StoredField("column_stored", field.name()));
            doc.add(new StringField("column_exact", field.name().toLowerCase(Locale.ROOT),
                    org.apache.lucene.document.Field.Store.NO));
            if (field.description() != null) {
                doc.add(new TextField("description", field.description(), org.apache.lucene.document.Field.Store.NO));
            }
        }
        if (dataset.description() != null) {
            doc.add(new TextField("description", dataset.description(), org.apache.lucene.document.Field.Store.NO));
            doc.add(new StoredField("description_stored", dataset.description()));
        }
        for (String tag : dataset.tags()) {
            doc.add(new StringField("tag", tag.toLowerCase(Locale.ROOT), org.apache.lucene.document.Field.Store.NO));
        }
        for (Owner owner : dataset.owners()) {
            doc.add(new StringField("owner", owner.name().toLowerCase(Locale.ROOT), org.apache.lucene.document.Field.Store.NO));
        }
        if (dataset.sourceName() != null) {
            doc.add(new StringField("platform", dataset.sourceName().toLowerCase(Locale.ROOT),
                    org.apache.lucene.document.Field.Store.NO));
        }
        doc.add(new SortedDocValuesField("name_sort", new BytesRef(dataset.name().toLowerCase(Locale.ROOT))));
        long updated = dataset.updatedAt().toEpochMilli();
        doc.add(new LongPoint("updated_at", updated));
        doc.add(new NumericDocValuesField("updated_at", updated));
        doc.add(new StoredField("updated_at_stored", updated));
        return doc;
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
