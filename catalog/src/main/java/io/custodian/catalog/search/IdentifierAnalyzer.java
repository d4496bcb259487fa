package io.custodian.catalog.search;

import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.pattern.PatternTokenizer;

/**
 * Splits identifiers the way people read them: on {@code . _ - / :} and other punctuation, on
 * camelCase and on letter/digit boundaries; lowercased and ASCII-folded. {@code customerEmail_v2}
 * gives {@code customer}, {@code email}, {@code v}, {@code 2}.
 */
public final class IdentifierAnalyzer extends Analyzer {
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final int PARTS = WordDelimiterGraphFilter.GENERATE_WORD_PARTS
            | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS
            | WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE
            | WordDelimiterGraphFilter.SPLIT_ON_NUMERICS
            | WordDelimiterGraphFilter.PRESERVE_ORIGINAL;

    private final boolean forIndexing;

    /** @param forIndexing flatten the token graph, as an index needs; queries keep it */
    public IdentifierAnalyzer(boolean forIndexing) {
        this.forIndexing = forIndexing;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new PatternTokenizer(SEPARATORS, -1);
        TokenStream stream = new WordDelimiterGraphFilter(source, PARTS, null);
        if (forIndexing) {
            stream = new FlattenGraphFilter(stream);
        }
        stream = new LowerCaseFilter(stream);
        stream = new ASCIIFoldingFilter(stream);
        return new TokenStreamComponents(source, stream);
    }
}
