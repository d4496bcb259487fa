package io.custodian.lineage.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.lineage.sql.StatementPreprocessor.Form;
import io.custodian.lineage.sql.StatementPreprocessor.Prepared;
import io.custodian.lineage.sql.dialect.SqlDialect;
import org.junit.jupiter.api.Test;

class StatementPreprocessorTest {

    @Test
    void viewHeaderIsReadAndTheQueryKeepsItsPosition() {
        String sql = "CREATE OR REPLACE VIEW a.v (x, y) AS\n  SELECT 1, 2";

        Prepared p = StatementPreprocessor.prepare(sql, SqlDialect.POSTGRES);

        assertThat(p.form()).isEqualTo(Form.VIEW);
        assertThat(p.target()).extracting(Identifier::text).containsExactly("a", "v");
        assertThat(p.columns()).extracting(Identifier::text).containsExactly("x", "y");
        assertThat(p.text()).hasSameSizeAs(sql);
        assertThat(p.text().indexOf("SELECT")).isEqualTo(sql.indexOf("SELECT"));
        assertThat(p.text().substring(0, sql.indexOf('\n'))).isBlank();
    }

    @Test
    void createTableWithDefinitionsYieldsColumnNamesWithoutConstraints() {
        Prepared p = StatementPreprocessor.prepare(
                "CREATE TABLE t (id INT NOT NULL, \"Name\" VARCHAR(10), PRIMARY KEY (id), CONSTRAINT c UNIQUE (id))",
                SqlDialect.POSTGRES);

        assertThat(p.form()).isEqualTo(Form.CREATE_TABLE);
        assertThat(p.columns()).extracting(Identifier::text).containsExactly("id", "Name");
        assertThat(p.columns().get(1).quoted()).isTrue();
    }

    @Test
    void tsqlTopIsBlankedInPlace() {
        String sql = "SELECT DISTINCT TOP (10) PERCENT WITH TIES a FROM t";

        Prepared p = StatementPreprocessor.prepare(sql, SqlDialect.TSQL);

        assertThat(p.text()).hasSameSizeAs(sql).doesNotContain("TOP").doesNotContain("TIES");
        assertThat(p.text().indexOf(" a FROM")).isEqualTo(sql.indexOf(" a FROM"));
    }

    @Test
    void updateFromSplitsIntoAnUpdateAndASelectAtTheSamePositions() {
        String sql = "UPDATE t SET a = s.b FROM src s WHERE s.id = t.id";

        Prepared p = StatementPreprocessor.prepare(sql, SqlDialect.POSTGRES);

        assertThat(p.form()).isEqualTo(Form.UPDATE_FROM);
        assertThat(p.text()).hasSameSizeAs(sql).doesNotContain("src");
        assertThat(p.fromText().replaceAll("\\s+", " ").trim()).isEqualTo("SELECT * FROM src s");
        assertThat(p.fromText().indexOf("FROM")).isEqualTo(sql.indexOf("FROM"));
    }

    @Test
    void updateFromKeepsLinesWhenFromStartsALine() {
        String sql = "UPDATE t\nSET a = s.b\nFROM src s\nWHERE s.id = t.id";

        Prepared p = StatementPreprocessor.prepare(sql, SqlDialect.POSTGRES);

        assertThat(p.form()).isEqualTo(Form.UPDATE_FROM);
        assertThat(p.fromText().lines().count()).isEqualTo(sql.lines().count());
        assertThat(p.fromText().replaceAll("\\s+", " ").trim()).isEqualTo("SELECT * FROM src s");
    }

    @Test
    void sparkInsertOverwriteBecomesInsertInto() {
        Prepared p = StatementPreprocessor.prepare(
                "INSERT OVERWRITE TABLE db.t PARTITION (dt = '2024-01-01') SELECT a FROM s", SqlDialect.SPARK);

        assertThat(p.text()).startsWith("INSERT INTO").doesNotContain("PARTITION").doesNotContain("TABLE");
    }

    @Test
    void selectIntoIsACreateTableAs() {
        Prepared p = StatementPreprocessor.prepare("SELECT a, b INTO dbo.copy FROM t", SqlDialect.TSQL);

        assertThat(p.form()).isEqualTo(Form.CTAS);
        assertThat(p.target()).extracting(Identifier::text).containsExactly("dbo", "copy");
        assertThat(p.text()).doesNotContain("INTO");
    }

    @Test
    void keywordsInsideStringsAndCommentsAreNotRewritten() {
        String sql = "SELECT 'SELECT TOP 5' AS s /* TOP 3 */ FROM t";

        assertThat(StatementPreprocessor.prepare(sql, SqlDialect.TSQL).text()).isEqualTo(sql);
    }
}
