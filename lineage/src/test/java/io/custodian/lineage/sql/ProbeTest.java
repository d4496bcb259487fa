package io.custodian.lineage.sql;

import io.custodian.lineage.sql.dialect.SqlDialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeTest {
    @Test
    void probe() throws Exception {
        String all = Files.readString(Path.of("/tmp/probe/probe.sql"));
        StringBuilder out = new StringBuilder();
        for (String block : all.split("(?m)^-- @")) {
            if (block.isBlank()) continue;
            int nl = block.indexOf('\n');
            String dialect = block.substring(0, nl).trim();
            String sql = block.substring(nl + 1);
            SqlDialect d = SqlDialect.named(dialect).orElse(SqlDialect.ANSI);
            long t = System.nanoTime();
            ScriptLineage l = new SqlLineageExtractor().extract(sql, d, SqlDefaults.NONE,
                    InMemorySchemaProvider.ofDotted(Map.of("shop.orders", List.of("order_id", "customer_id", "amount", "status"),
                            "shop.customers", List.of("customer_id", "name", "email"))));
            out.append("== ").append(dialect).append(": ").append(sql.strip().replaceAll("\\s+", " "), 0, Math.min(90, sql.strip().replaceAll("\\s+", " ").length())).append('\n');
            for (StatementLineage s : l.statements()) {
                out.append("  ").append(s.kind()).append(' ').append(s.target().map(Object::toString).orElse("-"))
                        .append(' ').append(s.error().map(Object::toString).orElse("")).append('\n');
                for (ColumnLineage c : s.columns()) {
                    out.append("    ").append(c.target()).append(" <- ").append(c.sources().stream().map(e -> e.source().toString()).toList()).append('\n');
                }
                if (!s.warnings().isEmpty()) out.append("    warn ").append(s.warnings()).append('\n');
            }
        }
        Files.writeString(Path.of("/tmp/probe/out.txt"), out);
    }
}
