package io.custodian.catalog.search;

import io.custodian.catalog.search.SearchQuery.FieldTerm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns a parsed {@link SearchQuery} into a Lucene query. Ranking: an exact name over name parts
 * over a column over a description; prefixes and one-edit near-misses (words of five letters or
 * more) count less; how much a dataset is used adds a little, enough to order equals.
 */
final class QueryBuilder {
    static final int FUZZY_MIN_LENGTH = 5;
    private static final float EXACT = 10f;
    private static final float LEAF = 7f;
    private static final float NAME = 4f;
    private static final float COLUMN = 2f;
    private static final float DESCRIPTION = 1f;
    private static final float PREFIX = 1.5f;
    private static final float FUZZY = 0.5f;
    /** A job's datasets and their columns. */
    private static final float TOUCHED = 1f;
    /** At most this much for popularity: below the gap between any two kinds of match. */
    private static final float POPULARITY = 0.4f;
    private static final float POPULARITY_PIVOT = 5f;

    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");
    private final Analyzer identifiers = new IdentifierAnalyzer(false);
    private final Analyzer english = new EnglishAnalyzer();

    /**
     * The query: every word must match ({@code wordOccur} MUST), or any may (SHOULD, the fallback
     * when nothing matches all); phrases, prefixes and field terms always must.
     */
    Query build(SearchQuery query, Occur wordOccur) {
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
            all.add(prefix(prefix), Occur.MUST);
            any = true;
        }
        for (FieldTerm term : query.fieldTerms()) {
            all.add(fieldTerm(term), Occur.MUST);
            any = true;
        }
        if (!any) {
            return new MatchNoDocsQuery();
        }
        // Popularity only adds to what matched; it never makes a document match.
        return new BooleanQuery.Builder()
                .add(all.build(), Occur.MUST)
                .add(FeatureField.newSaturationQuery(SearchDocuments.FEATURES, SearchDocuments.POPULARITY,
                        POPULARITY, POPULARITY_PIVOT), Occur.SHOULD)
                .build();
    }

    private Query word(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        BooleanQuery.Builder either = new BooleanQuery.Builder();
        either.add(new BoostQuery(new TermQuery(new Term("name_exact", lower)), EXACT), Occur.SHOULD);
        either.add(new BoostQuery(new TermQuery(new Term("name_leaf", lower)), LEAF), Occur.SHOULD);
        either.add(new BoostQuery(allTokens("name", identifiers, word), NAME), Occur.SHOULD);
        either.add(new BoostQuery(allTokens("column", identifiers, word), COLUMN), Occur.SHOULD);
        either.add(new BoostQuery(allTokens("description", english, word), DESCRIPTION), Occur.SHOULD);
        either.add(new BoostQuery(new PrefixQuery(new Term("name", lower)), PREFIX / 2), Occur.SHOULD);
        if (word.length() >= FUZZY_MIN_LENGTH) {
            either.add(new BoostQuery(new FuzzyQuery(new Term("name", lower), 1), FUZZY), Occur.SHOULD);
            either.add(new BoostQuery(new FuzzyQuery(new Term("column", lower), 1), FUZZY / 2), Occur.SHOULD);
        }
        // What a job touches (the datasets it reads or writes, their columns) lets the word match the
        // job, but never adds to a match of its own name: the larger of the two counts, so the job
        // that loads a table does not outrank the table.
        BooleanQuery.Builder touched = new BooleanQuery.Builder();
        touched.add(allTokens("dataset", identifiers, word), Occur.SHOULD);
        touched.add(new PrefixQuery(new Term("dataset", lower)), Occur.SHOULD);
        touched.add(allTokens("dataset_column", identifiers, word), Occur.SHOULD);
        return new DisjunctionMaxQuery(List.of(either.build(), new BoostQuery(touched.build(), TOUCHED)), 0f);
    }

    /**
     * {@code cust*} matches names and columns with a part starting with {@code cust};
     * {@code dim_cust*} needs the part {@code dim} followed by one starting with {@code cust}.
     */
    private Query prefix(String prefix) {
        String lower = prefix.toLowerCase(Locale.ROOT);
        BooleanQuery.Builder either = new BooleanQuery.Builder();
        either.add(new BoostQuery(new PrefixQuery(new Term("name_exact", lower)), NAME), Occur.SHOULD);
        either.add(new BoostQuery(new PrefixQuery(new Term("name_leaf", lower)), NAME), Occur.SHOULD);
        // Split as the index splits names first (on separators), lowercased.
        List<String> parts = SEPARATORS.splitAsStream(lower).filter(part -> !part.isEmpty()).toList();
        if (parts.isEmpty()) {
            return either.build();
        }
        either.add(new BoostQuery(partsThenPrefix("name", parts), PREFIX), Occur.SHOULD);
        either.add(partsThenPrefix("column", parts), Occur.SHOULD);
        return either.build();
    }

    private static Query partsThenPrefix(String field, List<String> parts) {
        if (parts.size() == 1) {
            return new PrefixQuery(new Term(field, parts.get(0)));
        }
        BooleanQuery.Builder every = new BooleanQuery.Builder();
        for (String part : parts.subList(0, parts.size() - 1)) {
            every.add(new TermQuery(new Term(field, part)), Occur.MUST);
        }
        every.add(new PrefixQuery(new Term(field, parts.get(parts.size() - 1))), Occur.MUST);
        return every.build();
    }

    private Query phrase(String phrase) {
        BooleanQuery.Builder either = new BooleanQuery.Builder();
        for (String field : List.of("name", "column", "description")) {
            List<String> tokens = tokens(field.equals("description") ? english : identifiers, field, phrase);
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
                either.add(allTokens("column", identifiers, term.value()), Occur.SHOULD);
                yield either.build();
            }
            case "namespace" -> new TermQuery(new Term("namespace", term.value()));
            // Classification names are upper case (EMAIL_ADDRESS); people type either.
            case "classification" -> new TermQuery(new Term("classification", term.value().toUpperCase(Locale.ROOT)));
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

    /** The distinct tokens the analyzer makes of {@code text}, in order. */
    static List<String> tokens(Analyzer analyzer, String field, String text) {
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
}
