package io.custodian.masking.rewrite;

import io.custodian.lineage.sql.SqlLineageExtractor;

/**
 * Bounds on the work one rewrite may do, so hostile input is refused in bounded time: the length of
 * the SQL text and its number of tokens, how deep parentheses and the parse tree nest, and how many table references the
 * catalog is asked about.
 */
public record RewriteLimits(int maxChars, int maxTokens, int maxParenthesisDepth, int maxTreeDepth,
        int maxTableReferences) {
    /**
     * 64 Ki characters and 10,000 tokens: the parser spends about half a millisecond per term of a
     * long operator chain, so these bound one parse to a few seconds at worst, while hand-written
     * and generated queries stay well below. The lineage module's parenthesis bound, so a query the
     * lineage extractor reads is not refused here for its nesting; a tree depth that leaves the walk
     * far from the thread's stack limit; 500 table references.
     */
    public static final RewriteLimits DEFAULTS =
            new RewriteLimits(64 * 1024, 10_000, SqlLineageExtractor.MAX_NESTING, 1_000, 500);

    public RewriteLimits {
        if (maxChars <= 0 || maxTokens <= 0 || maxParenthesisDepth <= 0 || maxTreeDepth <= 0
                || maxTableReferences <= 0) {
            throw new IllegalArgumentException("rewrite limits are positive");
        }
    }

    /** These limits with another bound on the query's length. */
    public RewriteLimits withMaxChars(int chars) {
        return new RewriteLimits(chars, maxTokens, maxParenthesisDepth, maxTreeDepth, maxTableReferences);
    }
}
