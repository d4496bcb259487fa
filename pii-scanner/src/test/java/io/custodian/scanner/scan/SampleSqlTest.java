package io.custodian.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.catalog.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sampling SQL: identifiers quoted whatever they hold, the method chosen by the table's size. */
class SampleSqlTest {
    private static SqlIdentifiers ids() throws SQLException {
        try (TestDatabase db = TestDatabase.h2(); Connection c = db.dataSource().getConnection()) {
            return SqlIdentifiers.of(c.getMetaData());
        }
    }

    @Test
    void hostileNamesStayIdentifiers() throws SQLException {
        SqlIdentifiers ids = ids();
        assertThat(ids.qualified("s\"; DROP TABLE x; --", "t\"\"")).isEqualTo("\"s\"\"; DROP TABLE x; --\".\"t\"\"\"\"\"");
        assertThat(ids.exactPattern("a_b%c")).isEqualTo("a\\_b\\%c");
    }

    @Test
    void largeTablesArePageSampledMidSizedOnesRowSampled() throws SQLException {
        SqlIdentifiers ids = ids();
        assertThat(SampleSql.tableSample(ids, "s", "t", List.of("a"), 1000, 50_000_000))
                .isEqualTo("SELECT \"a\" FROM \"s\".\"t\" TABLESAMPLE SYSTEM (0.004000) LIMIT 1000");
        assertThat(SampleSql.tableSample(ids, "s", "t", List.of("a", "b"), 1000, 100_000))
                .isEqualTo("SELECT \"a\", \"b\" FROM \"s\".\"t\" TABLESAMPLE BERNOULLI (2.000000) LIMIT 1000");
        assertThat(SampleSql.h2Random(ids, "s", "t", List.of("a"), 10))
                .isEqualTo("SELECT \"a\" FROM (SELECT \"a\" FROM \"s\".\"t\" LIMIT 100) s ORDER BY RAND() LIMIT 10");
    }
}
