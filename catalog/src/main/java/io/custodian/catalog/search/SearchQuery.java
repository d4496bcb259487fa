package io.custodian.catalog.search;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A parsed search: free words (all must match), quoted phrases, field terms ({@code column:email},
 * {@code owner:alice}, {@code tag:gold}, {@code namespace:...}, {@code type:dataset},
 * {@code classification:EMAIL_ADDRESS}) and prefixes
 * ({@code cust*}). Anything else is a word; nothing a user types is a syntax error.
 */
public record SearchQuery(List<String> words, List<String> phrases, List<String> prefixes,
        List<FieldTerm> fieldTerms) {
    public static final int MAX_LENGTH = 1_000;
    public static final int MAX_TERMS = 32;

    public SearchQuery {
        words = List.copyOf(words);
        phrases = List.copyOf(phrases);
        prefixes = List.copyOf(prefixes);
        fieldTerms = List.copyOf(fieldTerms);
    }

    /** A term restricted to one field. */
    public record FieldTerm(String field, String value) {}

    /** This query, also restricted by filters given apart from the text (request parameters). */
    public SearchQuery with(List<FieldTerm> filters) {
        List<FieldTerm> all = new ArrayList<>(fieldTerms);
        all.addAll(filters);
        return new SearchQuery(words, phrases, prefixes, all);
    }

    private static final List<String> FIELDS =
            List.of("column", "owner", "tag", "namespace", "type", "platform", "classification");

    /** Parses what a user typed; returns empty for a query with nothing to search for. */
    public static Optional<SearchQuery> parse(String text) {
        requireNonNull(text, "text is null");
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a query has at most " + MAX_LENGTH + " characters");
        }
        List<String> words = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        List<FieldTerm> fields = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '"') {
                int end = text.indexOf('"', i + 1);
                // An unbalanced quote quotes the rest: what the user most likely meant.
                String phrase = end < 0 ? text.substring(i + 1) : text.substring(i + 1, end);
                if (!phrase.isBlank()) {
                    phrases.add(phrase.strip());
                }
                i = end < 0 ? text.length() : end + 1;
                continue;
            }
            int end = i;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            String token = text.substring(i, end);
            i = end;
            int colon = token.indexOf(':');
            String field = colon > 0 ? token.substring(0, colon).toLowerCase(Locale.ROOT) : null;
            if (field != null && FIELDS.contains(field) && colon < token.length() - 1) {
                fields.add(new FieldTerm(field, token.substring(colon + 1)));
            } else if (token.endsWith("*") && token.length() > 1 && token.indexOf('*') == token.length() - 1) {
                prefixes.add(token.substring(0, token.length() - 1));
            } else {
                // Leading or inner wildcards are not ours to expand (they scan the whole index).
                String word = token.replace("*", "").replace("?", "");
                if (!word.isBlank()) {
                    words.add(word);
                }
            }
        }
        if (words.size() + phrases.size() + prefixes.size() + fields.size() > MAX_TERMS) {
            throw new IllegalArgumentException("a query has at most " + MAX_TERMS + " terms");
        }
        if (words.isEmpty() && phrases.isEmpty() && prefixes.isEmpty() && fields.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SearchQuery(words, phrases, prefixes, fields));
    }
}
