package io.custodian.lineage.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.lineage.sql.dialect.SqlDialect;
import org.junit.jupiter.api.Test;

class SqlLiteralRedactionTest {

    private static String redact(String sql, SqlDialect dialect) {
        return SqlLiteralRedaction.redact(sql, dialect).orElseThrow();
    }

    @Test
    void literalsInWhereClausesBecomePlaceholdersAndTheRestStays() {
        String sql = "INSERT INTO mart.vip SELECT id, lower(email) AS email FROM raw.users u\n"
                + "WHERE u.email = 'ada@example.org' AND card_number LIKE '4111 1111%' AND score > 12.5\n"
                + "  AND created_at >= DATE '2024-01-01' AND deleted IS NULL AND active = TRUE";
        String redacted = redact(sql, SqlDialect.POSTGRES);
        assertThat(redacted).doesNotContain("ada@example.org").doesNotContain("4111").doesNotContain("12.5")
                .doesNotContain("2024");
        assertThat(redacted).isEqualTo("INSERT INTO mart.vip SELECT id, lower(email) AS email FROM raw.users u\n"
                + "WHERE u.email = ? AND card_number LIKE ? AND score > ?\n"
                + "AND created_at >= ? AND deleted IS NULL AND active = TRUE");
    }

    @Test
    void commentsGoAndEveryStatementOfAScriptIsRedacted() {
        String sql = "-- fix for ada@example.org\nDELETE FROM t WHERE ssn = '123-45-6789'; /* 4111111111111111 */\n"
                + "UPDATE t SET phone = '+44 20 7946 0000' WHERE id IN (1, 2)";
        String redacted = redact(sql, SqlDialect.POSTGRES);
        assertThat(redacted).doesNotContain("ada@").doesNotContain("6789").doesNotContain("4111")
                .doesNotContain("7946");
        assertThat(redacted).contains("DELETE FROM t WHERE ssn = ?;").contains("WHERE id IN (?, ?)");
    }

    @Test
    void createTableAsAndDialectsWithOtherQuotes() {
        assertThat(redact("CREATE TABLE x AS SELECT * FROM y WHERE name = 'Ada Lovelace'", SqlDialect.POSTGRES))
                .isEqualTo("CREATE TABLE x AS SELECT * FROM y WHERE name = ?");
        assertThat(redact("SELECT `e` FROM t WHERE `e` = \"ada@example.org\"", SqlDialect.BIGQUERY))
                .isEqualTo("SELECT `e` FROM t WHERE `e` = ?");
    }

    @Test
    void textThatDoesNotParseIsWithheldNotShown() {
        assertThat(SqlLiteralRedaction.redact("SELEC email FROM t WHERE email = 'ada@example.org'",
                SqlDialect.POSTGRES)).isEmpty();
        assertThat(SqlLiteralRedaction.redact("SELECT 1; SELECT 'ada@example.org", SqlDialect.POSTGRES)).isEmpty();
        assertThat(SqlLiteralRedaction.redact("call me maybe 'ada@example.org'", SqlDialect.POSTGRES)).isEmpty();
    }
}
