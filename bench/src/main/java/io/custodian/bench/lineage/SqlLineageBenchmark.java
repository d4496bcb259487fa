package io.custodian.bench.lineage;

import ch.qos.logback.classic.Level;
import io.custodian.lineage.sql.InMemorySchemaProvider;
import io.custodian.lineage.sql.SchemaProvider;
import io.custodian.lineage.sql.ScriptLineage;
import io.custodian.lineage.sql.SqlDefaults;
import io.custodian.lineage.sql.SqlLineageExtractor;
import io.custodian.lineage.sql.dialect.SqlDialect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.slf4j.LoggerFactory;

/**
 * Statements per second of SQL column lineage on one thread: short typical ETL statements (one per
 * call, cycling through a set of INSERT/CTAS/MERGE/UPDATE/view statements), and a 200-line
 * statement (CTEs, joins, CASE, windows).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SqlLineageBenchmark {
    private static final List<String> TYPICAL = List.of(
            "INSERT INTO analytics.daily_sales (day, region, total) SELECT date_trunc('day', o.created_at), "
                    + "o.region, sum(o.amount) FROM shop.orders o WHERE o.status = 'paid' GROUP BY 1, 2",
            "CREATE TABLE analytics.customer_spend AS SELECT c.customer_id, c.email, sum(o.amount) AS spend "
                    + "FROM shop.customers c JOIN shop.orders o ON o.customer_id = c.customer_id GROUP BY c.customer_id, c.email",
            "MERGE INTO shop.customers t USING staging.customers s ON t.customer_id = s.customer_id "
                    + "WHEN MATCHED THEN UPDATE SET email = s.email, name = s.name "
                    + "WHEN NOT MATCHED THEN INSERT (customer_id, name, email) VALUES (s.customer_id, s.name, s.email)",
            "UPDATE shop.orders o SET status = s.status FROM staging.order_status s WHERE s.order_id = o.order_id",
            "CREATE VIEW analytics.v_orders AS SELECT o.order_id, c.name, o.amount * 1.2 AS gross, "
                    + "CASE WHEN o.amount > 100 THEN 'big' ELSE 'small' END AS size FROM shop.orders o "
                    + "LEFT JOIN shop.customers c USING (customer_id)",
            "INSERT INTO analytics.top_items SELECT i.product_id, p.title, i.qty * i.price AS value, "
                    + "row_number() OVER (PARTITION BY p.category ORDER BY i.qty * i.price DESC) AS rnk "
                    + "FROM shop.items i JOIN shop.products p ON p.product_id = i.product_id",
            "WITH recent AS (SELECT * FROM shop.orders WHERE created_at > current_date - 7) "
                    + "SELECT region, count(*) AS n, avg(amount) AS avg_amount FROM recent GROUP BY region",
            "INSERT INTO analytics.contacts (id, contact) SELECT customer_id, coalesce(email, name) FROM shop.customers "
                    + "WHERE customer_id IN (SELECT customer_id FROM shop.orders WHERE amount > 10)");

    private final SqlLineageExtractor extractor = new SqlLineageExtractor();
    private SchemaProvider schema;
    private String longStatement;
    private int next;

    @Setup
    public void setUp() {
        // Calcite logs every parse at DEBUG, logback's default level here; the server runs at INFO.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.calcite")).setLevel(Level.INFO);
        Map<String, List<String>> tables = new LinkedHashMap<>();
        tables.put("shop.orders", List.of("order_id", "customer_id", "amount", "status", "created_at", "region"));
        tables.put("shop.customers", List.of("customer_id", "name", "email", "country"));
        tables.put("shop.items", List.of("order_id", "product_id", "qty", "price"));
        tables.put("shop.products", List.of("product_id", "title", "category", "list_price"));
        List<String> wide = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            wide.add("c" + i);
        }
        tables.put("raw.wide", wide);
        schema = InMemorySchemaProvider.ofDotted(tables);
        longStatement = longStatement();
        if (extractor.extract(longStatement, SqlDialect.POSTGRES, SqlDefaults.NONE, schema).hasErrors()) {
            throw new IllegalStateException("the long statement does not analyse");
        }
        for (String sql : TYPICAL) {
            if (extractor.extract(sql, SqlDialect.POSTGRES, SqlDefaults.NONE, schema).hasErrors()) {
                throw new IllegalStateException("does not analyse: " + sql);
            }
        }
    }

    /** A 200-line INSERT ... WITH ... SELECT over a 60-column table, joins, CASE and windows. */
    static String longStatement() {
        StringBuilder sql = new StringBuilder("INSERT INTO analytics.wide_report\nWITH base AS (\n  SELECT\n");
        for (int i = 0; i < 60; i++) {
            sql.append("    w.c").append(i).append(i < 59 ? ",\n" : "\n");
        }
        sql.append("  FROM raw.wide w\n  WHERE w.c0 IS NOT NULL\n),\nshaped AS (\n  SELECT\n");
        for (int i = 0; i < 60; i++) {
            sql.append("    CASE WHEN b.c").append(i).append(" > 0 THEN b.c").append(i).append(" * 2 ELSE b.c")
                    .append((i + 1) % 60).append(" END AS s").append(i).append(i < 59 ? ",\n" : "\n");
        }
        sql.append("  FROM base b\n)\nSELECT\n");
        for (int i = 0; i < 60; i++) {
            sql.append("  sum(s.s").append(i).append(") OVER (PARTITION BY o.region ORDER BY o.created_at) AS r")
                    .append(i).append(",\n");
        }
        sql.append("  o.order_id\nFROM shaped s\nJOIN shop.orders o ON o.order_id = s.s0\n")
                .append("LEFT JOIN shop.customers c ON c.customer_id = o.customer_id\nWHERE o.status = 'paid'");
        return sql.toString();
    }

    @Benchmark
    public ScriptLineage typicalEtlStatement() {
        String sql = TYPICAL.get(next);
        next = (next + 1) % TYPICAL.size();
        return extractor.extract(sql, SqlDialect.POSTGRES, SqlDefaults.NONE, schema);
    }

    @Benchmark
    public ScriptLineage twoHundredLineStatement() {
        return extractor.extract(longStatement, SqlDialect.POSTGRES, SqlDefaults.NONE, schema);
    }
}
