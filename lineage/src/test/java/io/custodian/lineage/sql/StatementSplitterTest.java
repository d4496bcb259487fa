package io.custodian.lineage.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.lineage.sql.dialect.SqlDialect;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {
    /** The text of each statement that is not control. */
    private static List<String> statements(String sql, SqlDialect dialect) {
        return StatementSplitter.split(sql, dialect).stream().filter(s -> !s.control())
                .map(s -> sql.substring(s.start(), s.end()).replaceAll("\\s+", " ")).toList();
    }

    @Test
    void scriptsSplitOnSemicolonsOutsideLiteralsAndComments() {
        assertThat(statements("SELECT ';' AS a; /* ; */ SELECT 2 -- ;\n; ", SqlDialect.POSTGRES))
                .containsExactly("SELECT ';' AS a", "SELECT 2");
    }

    @Test
    void tsqlProcedureYieldsItsDmlAndKeepsControlApart() {
        String sql = """
                CREATE PROCEDURE dbo.load @since DATETIME2 = NULL AS
                BEGIN
                  SET NOCOUNT ON
                  DECLARE @n INT = 0
                  BEGIN TRY
                    INSERT INTO rep (id) SELECT id FROM src WHERE x = CASE WHEN y = 1 THEN 2 ELSE 3 END
                    UPDATE rep SET id = 1 WHERE id = 2
                  END TRY
                  BEGIN CATCH
                    IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION
                  END CATCH
                END
                """;
        assertThat(statements(sql, SqlDialect.TSQL)).containsExactly(
                "INSERT INTO rep (id) SELECT id FROM src WHERE x = CASE WHEN y = 1 THEN 2 ELSE 3 END",
                "UPDATE rep SET id = 1 WHERE id = 2");
    }

    @Test
    void tableHintsAndTiesAreNotNewStatements() {
        assertThat(statements("SELECT TOP 5 WITH TIES a FROM t WITH (NOLOCK) ORDER BY a SELECT 2", SqlDialect.TSQL))
                .containsExactly("SELECT TOP 5 WITH TIES a FROM t WITH (NOLOCK) ORDER BY a", "SELECT 2");
    }

    @Test
    void plsqlProcedureDeclarationsAndBlocksAreControl() {
        String sql = """
                CREATE OR REPLACE PROCEDURE load_it (p IN NUMBER) IS
                  v NUMBER := 0;
                BEGIN
                  IF p > 0 THEN
                    INSERT INTO t (a) SELECT a FROM s;
                  ELSIF p < 0 THEN
                    DELETE FROM t;
                  END IF;
                EXCEPTION WHEN OTHERS THEN
                  INSERT INTO errors (at) VALUES (SYSDATE);
                END load_it;
                /
                """;
        assertThat(statements(sql, SqlDialect.ORACLE)).containsExactly("INSERT INTO t (a) SELECT a FROM s",
                "DELETE FROM t", "INSERT INTO errors (at) VALUES (SYSDATE)");
    }

    @Test
    void dollarQuotedFunctionBodiesAreSplitInTurn() {
        String sql = "CREATE FUNCTION f() RETURNS void AS $$ BEGIN INSERT INTO t SELECT a FROM s; "
                + "UPDATE t SET a = 1; END $$ LANGUAGE plpgsql; SELECT 3";
        List<StatementSplitter.Segment> segments = StatementSplitter.split(sql, SqlDialect.POSTGRES);

        assertThat(statements(sql, SqlDialect.POSTGRES)).containsExactly("INSERT INTO t SELECT a FROM s",
                "UPDATE t SET a = 1", "SELECT 3");
        // Positions are the script's, inside the body.
        StatementSplitter.Segment insert = segments.stream().filter(s -> !s.control()).findFirst().orElseThrow();
        assertThat(sql.substring(insert.start(), insert.start() + 6)).isEqualTo("INSERT");
    }

    @Test
    void bigQueryScriptingKeepsOnlyItsDml() {
        String sql = """
                DECLARE since DATE DEFAULT CURRENT_DATE();
                SET since = DATE_SUB(since, INTERVAL 1 DAY);
                IF since > '2024-01-01' THEN
                  MERGE ds.t USING ds.s ON t.id = s.id WHEN MATCHED THEN UPDATE SET a = s.a;
                END IF;
                """;
        assertThat(statements(sql, SqlDialect.BIGQUERY)).containsExactly(
                "MERGE ds.t USING ds.s ON t.id = s.id WHEN MATCHED THEN UPDATE SET a = s.a");
    }

    @Test
    void anUnterminatedLiteralEndsTheScriptWithItsStatement() {
        List<StatementSplitter.Segment> segments = StatementSplitter.split("SELECT 1; SELECT 'abc", SqlDialect.ANSI);

        assertThat(segments).hasSize(2);
        assertThat(segments.get(1).unterminated()).isNotNull();
        assertThat(segments.get(1).start()).isEqualTo(10);
    }
}
