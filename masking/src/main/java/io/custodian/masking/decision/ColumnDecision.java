package io.custodian.masking.decision;

import static java.util.Objects.requireNonNull;

import io.custodian.masking.strategy.StrategyKind;
import java.util.List;
import java.util.Optional;

/**
 * How one column is read for one principal.
 *
 * @param column the column's name as the gateway gave it
 * @param declaredType the column's declared type, which {@code sql} returns
 * @param strategy the strategy {@code sql} computes
 * @param sql the expression to read in place of the column, the column's quoted name substituted;
 *     it may hold a hash salt, so it is never logged
 * @param classifications the column's classifications the decision came from (empty when none did)
 * @param rule what decided: a rule's name, {@code default}, {@code override:<target>},
 *     {@code unclassified}, {@code unknown-table}, {@code unknown-column}, {@code ambiguous-table},
 *     or {@code fallback:<why>} when the chosen strategy could not be computed
 * @param chosen when {@code rule} is a fallback: what had chosen which strategy, e.g.
 *     {@code support-phone: HASH}
 * @param policyVersion the version of the policy set decided with
 * @param masked whether the column is read other than as it is
 * @param javaStrategy the strategy of the Java form ({@link #javaNote} says why it differs)
 */
public record ColumnDecision(String column, String declaredType, StrategyKind strategy, String sql,
        List<String> classifications, String rule, Optional<String> chosen, String policyVersion, boolean masked,
        StrategyKind javaStrategy, Optional<String> javaNote) {
    public ColumnDecision {
        requireNonNull(column, "column is null");
        requireNonNull(declaredType, "declaredType is null");
        requireNonNull(strategy, "strategy is null");
        requireNonNull(sql, "sql is null");
        classifications = List.copyOf(classifications);
        requireNonNull(rule, "rule is null");
        requireNonNull(chosen, "chosen is null");
        requireNonNull(policyVersion, "policyVersion is null");
        requireNonNull(javaStrategy, "javaStrategy is null");
        requireNonNull(javaNote, "javaNote is null");
    }

    @Override
    public String toString() {
        // the SQL may carry a salt: left out of anything that might be logged
        return "ColumnDecision[" + column + " " + declaredType + ": " + strategy + " by " + rule + "]";
    }
}
