package io.custodian.lineage.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.lineage.sql.dialect.SqlDialect;
import org.junit.jupiter.api.Test;

class ExpressionNameTest {
    @Test
    void spacingAndCaseAreNormalised() {
        assertThat(ExpressionName.normalise("COUNT( x )", SqlDialect.ANSI)).isEqualTo("count(x)");
        assertThat(ExpressionName.normalise("coalesce(a,b)", SqlDialect.ANSI)).isEqualTo("coalesce(a, b)");
        assertThat(ExpressionName.normalise("o.amount*2", SqlDialect.ANSI)).isEqualTo("o.amount * 2");
        assertThat(ExpressionName.normalise("a||'X'", SqlDialect.ANSI)).isEqualTo("a || 'X'");
        assertThat(ExpressionName.normalise("amount::NUMERIC(10,2)", SqlDialect.POSTGRES))
                .isEqualTo("amount::numeric(10, 2)");
        assertThat(ExpressionName.normalise("a AND (b OR c)", SqlDialect.ANSI)).isEqualTo("a and (b or c)");
        assertThat(ExpressionName.normalise("\"Mixed\" + 1", SqlDialect.ANSI)).isEqualTo("\"Mixed\" + 1");
    }

    @Test
    void unaliasedExpressionsAreNamedByTheirText() {
        ScriptLineage lineage = new SqlLineageExtractor().extract("SELECT MAX( amount ), amount+1, status FROM orders",
                SqlDialect.POSTGRES, SqlDefaults.NONE, InMemorySchemaProvider.ofDotted(
                        java.util.Map.of("shop.orders", java.util.List.of("amount", "status"))));

        assertThat(lineage.statements().get(0).columns()).extracting(c -> c.target().column())
                .containsExactly("max(amount)", "amount + 1", "status");
    }
}
