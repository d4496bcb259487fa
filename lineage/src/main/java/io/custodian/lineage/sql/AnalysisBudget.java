package io.custodian.lineage.sql;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How much work one {@link SqlLineageExtractor#extract} call may do. SQL is input a caller
 * controls, and Calcite's parser takes time that grows with the square of an operator chain's
 * length ({@code a+a+...+a}), so each statement is measured before it is parsed, and the script as
 * a whole has a deadline that the parser's input and the tree walk check. A statement over budget
 * is {@link StatementKind#SKIPPED} with its reason; the statements before it keep their lineage.
 *
 * @param maxChars the longest script analysed (and so the longest statement)
 * @param maxOperatorChain the most operators one expression may chain at one parenthesis depth
 *     (between commas): the measure the parser's time grows with
 * @param timeLimit the time for the whole script, parsing included
 */
public record AnalysisBudget(int maxChars, int maxOperatorChain, Duration timeLimit) {
    /**
     * A megabyte of SQL, 5,000 chained operators (under 0.1 s of parsing on one core; a
     * chain over {@value AnalysisContext#MAX_DEPTH} operators fails the tree walk anyway), ten
     * seconds per script (a megabyte script of 7,000 plain statements takes about five).
     */
    public static final AnalysisBudget DEFAULT = new AnalysisBudget(1 << 20, 5_000, Duration.ofSeconds(10));

    public AnalysisBudget {
        if (maxChars < 1 || maxOperatorChain < 1) {
            throw new IllegalArgumentException("budget limits must be positive");
        }
        requireNonNull(timeLimit, "timeLimit is null");
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("timeLimit must be positive");
        }
    }

    /** This budget with another time limit. */
    public AnalysisBudget withTimeLimit(Duration limit) {
        return new AnalysisBudget(maxChars, maxOperatorChain, limit);
    }
}
