package io.custodian.masking.rewrite;

import io.custodian.lineage.sql.SqlLineageExtractor;

/**
 * Bounds on the work one rewrite may do, so hostile input is refused in bounded time: the length of
 * the SQL text, how deep parentheses and the parse tree nest, and how many table references the
 * catalog is asked about.
 */
public record RewriteLimits(int maxChars, int maxParenthesisDepth, int maxTreeDepth, int maxTableReferences) {
    /**
     * 256 Ki characters (generated BI queries stay well below); the lineage module's parenthesis
     * bound, so a query the lineage extractor reads is not refused here for its nesting; a tree
     * depth that leaves the walk far from the thread's stack limit; 500 table references.
     */
    public static final RewriteLimits DEFAULTS =
            new RewriteLimits(256 * 1024, SqlLineageExtractor.MAX_NESTING, 1_000, 500);

    public RewriteLimits {
        if (maxChars <= 0 || maxParenthesisDepth <= 0 || maxTreeDepth <= 0 || maxTableReferences <= 0) {
            throw new IllegalArgumentException("rewrite limits are positive");
        }
    }
}
