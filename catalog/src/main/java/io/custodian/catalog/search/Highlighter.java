package io.custodian.catalog.search;

import io.custodian.catalog.search.SearchQuery.FieldTerm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;

/**
 * Says which stored fields of a hit matched the query: the name, a column, the description; for a
 * job, a dataset it reads or writes ({@code dataset}) or one of their columns ({@code datasetColumn}). A
 * word matches a field when all its parts are among the field's parts, a prefix when a part
 * starts with it, and a word of five letters or more also when it is one edit away from a part
 * (so {@code custmer} explains the column {@code customer_id}).
 */
final class Highlighter {
    static final int MAX_HIGHLIGHTS = 5;

    private final Analyzer identifiers = new IdentifierAnalyzer(false);
    private final Analyzer english = new EnglishAnalyzer();

    List<SearchHit.Highlight> highlights(SearchQuery query, Document doc) {
        List<String> words = new ArrayList<>(query.words());
        words.addAll(query.phrases());
        for (FieldTerm term : query.fieldTerms()) {
            if (term.field().equals("column")) {
                words.add(term.value());
            }
        }
        List<SearchHit.Highlight> found = new ArrayList<>();
        // Each stored value is split once per hit, however many words the query has.
        Map<String, List<String>> valueParts = new HashMap<>();
        Function<String, List<String>> partsOf =
                value -> valueParts.computeIfAbsent(value, v -> QueryBuilder.tokens(identifiers, "name", v));
        String name = doc.get("name");
        String[] columns = doc.getValues("column_stored");
        String description = doc.get("description_stored");
        List<String> descriptionTokens = description == null || words.isEmpty()
                ? List.of()
                : QueryBuilder.tokens(english, "description", description);
        for (String word : words) {
            List<String> parts = QueryBuilder.tokens(identifiers, "name", word);
            if (parts.isEmpty()) {
                continue;
            }
            if (matches(parts, word, partsOf.apply(name))) {
                add(found, new SearchHit.Highlight("name", name, word));
            }
            for (String column : columns) {
                if (matches(parts, word, partsOf.apply(column))) {
                    add(found, new SearchHit.Highlight("column", column, word));
                }
            }
            for (String dataset : doc.getValues("dataset_stored")) {
                if (matches(parts, word, partsOf.apply(dataset))) {
                    add(found, new SearchHit.Highlight("dataset", dataset, word));
                }
            }
            for (String column : doc.getValues("dataset_column_stored")) {
                if (matches(parts, word, partsOf.apply(column))) {
                    add(found, new SearchHit.Highlight("datasetColumn", column, word));
                }
            }
            if (description != null && descriptionTokens
                    .containsAll(QueryBuilder.tokens(english, "description", word))) {
                add(found, new SearchHit.Highlight("description", abbreviate(description), word));
            }
        }
        for (FieldTerm term : query.fieldTerms()) {
            if (term.field().equals("classification")) {
                String type = term.value().toUpperCase(Locale.ROOT);
                for (String classified : doc.getValues("classified_stored")) {
                    if (classified.startsWith(type + ":")) {
                        add(found, new SearchHit.Highlight("classification", classified.substring(type.length() + 1),
                                type));
                    }
                }
            }
        }
        for (String prefix : query.prefixes()) {
            String lower = prefix.toLowerCase(Locale.ROOT);
            for (String column : columns) {
                if (partsOf.apply(column).stream().anyMatch(t -> t.startsWith(lower))) {
                    add(found, new SearchHit.Highlight("column", column, prefix + "*"));
                }
            }
        }
        return found;
    }

    private static boolean matches(List<String> wordParts, String word, List<String> valueParts) {
        if (valueParts.containsAll(wordParts)) {
            return true;
        }
        if (word.length() < QueryBuilder.FUZZY_MIN_LENGTH) {
            return false;
        }
        String lower = word.toLowerCase(Locale.ROOT);
        return valueParts.stream().anyMatch(part -> withinOneEdit(lower, part));
    }

    private static void add(List<SearchHit.Highlight> found, SearchHit.Highlight highlight) {
        if (found.size() < MAX_HIGHLIGHTS && !found.contains(highlight)) {
            found.add(highlight);
        }
    }

    /**
     * One insertion, deletion, substitution or transposition of neighbours at most: what Lucene's
     * FuzzyQuery with one edit accepts.
     */
    static boolean withinOneEdit(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (i == a.length() && i == b.length()) {
            return true;
        }
        if (a.length() == b.length()) {
            if (a.substring(i + 1).equals(b.substring(i + 1))) {
                return true;
            }
            return i + 1 < a.length() && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                    && a.substring(i + 2).equals(b.substring(i + 2));
        }
        return a.length() > b.length() ? a.substring(i + 1).equals(b.substring(i)) : a.substring(i).equals(b.substring(i + 1));
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 197) + "...";
    }
}
