package io.custodian.catalog.sql;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.catalog.testing.TestCatalog;
import io.custodian.lineage.sql.AnalysisBudget;
import io.custodian.lineage.sql.SqlLineageExtractor;
import io.custodian.lineage.sql.StatementKind;
import io.custodian.lineage.sql.StatementLineage;
import io.custodian.lineage.sql.dialect.SqlDialect;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** SQL sent to the API is analysed within its budget and without holding a store connection. */
class SqlLineageServiceTest {
    private static final String NS = "postgres://db:5432";

    @Test
    void noConnectionIsHeldWhileTheSqlIsParsed() {
        try (TestCatalog catalog = TestCatalog.open("h2")) {
            catalog.ingest(run("COMPLETE", UUID.randomUUID(), Instant.parse("2025-03-01T10:00:00Z"))
                    .output(dataset(NS, "shop.public.orders").schema("id:bigint", "amount:numeric")));
            HeldTime held = new HeldTime(catalog.database().dataSource());
            SqlLineageService service = new SqlLineageService(Jdbi.create(held.dataSource()), new SqlLineageExtractor());
            // Statements that take the parser a while each (3,000 chained operators), then one that reads the catalog.
            String slow = "SELECT amount" + "+amount".repeat(3_000) + " AS x FROM orders";
            String sql = String.join(";\n", Collections.nCopies(8, slow)) + ";\nSELECT id, amount FROM orders";

            long start = System.nanoTime();
            SqlLineageService.Analysis analysis = service.analyse(sql, SqlDialect.POSTGRES, NS, "public");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            StatementLineage last = analysis.lineage().statements().get(8);
            assertThat(last.kind()).isEqualTo(StatementKind.QUERY);
            assertThat(last.columns()).hasSize(2);
            assertThat(took).isGreaterThan(Duration.ofMillis(200));
            assertThat(held.total()).as("connections held, of %s analysing", took).isLessThan(took.dividedBy(4));
        }
    }

    @Test
    void statementsOverTheBudgetAreSkippedWithTheirReason() {
        try (TestCatalog catalog = TestCatalog.open("h2")) {
            SqlLineageService service = new SqlLineageService(catalog.jdbi(), new SqlLineageExtractor(),
                    new AnalysisBudget(1 << 20, 100, Duration.ofSeconds(5)));

            StatementLineage s = service.analyse("SELECT 1" + "+1".repeat(200) + " AS x", SqlDialect.POSTGRES, NS,
                    null).lineage().statements().get(0);

            assertThat(s.kind()).isEqualTo(StatementKind.SKIPPED);
            assertThat(s.error().orElseThrow().message()).contains("200 operators");
        }
    }

    /** Adds up how long the connections of a data source stay open. */
    private static final class HeldTime {
        private final AtomicLong nanos = new AtomicLong();
        private final DataSource dataSource;

        HeldTime(DataSource delegate) {
            dataSource = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                        Object result = method.invoke(delegate, args);
                        return method.getName().equals("getConnection") ? timed((Connection) result) : result;
                    });
        }

        private Connection timed(Connection connection) {
            long opened = System.nanoTime();
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            nanos.addAndGet(System.nanoTime() - opened);
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        DataSource dataSource() {
            return dataSource;
        }

        Duration total() {
            return Duration.ofNanos(nanos.get());
        }
    }
}
