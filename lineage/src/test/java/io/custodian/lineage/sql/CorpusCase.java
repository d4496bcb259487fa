package io.custodian.lineage.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodian.lineage.sql.dialect.SqlDialect;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** One labelled case of the corpus: SQL, its context, and the DIRECT edges it must yield. */
record CorpusCase(String id, String kind, String dialect, String sql, Map<String, List<String>> schema,
        SqlDefaults defaults, Map<String, TreeSet<String>> expected, boolean expectError) {

    static List<CorpusCase> load(String resource) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<CorpusCase> cases = new ArrayList<>();
        try (InputStream in = CorpusCase.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing resource " + resource);
            }
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (String line : lines) {
                if (!line.isBlank()) {
                    cases.add(of(json.readTree(line)));
                }
            }
        }
        return cases;
    }

    private static CorpusCase of(JsonNode node) {
        Map<String, List<String>> schema = new LinkedHashMap<>();
        node.path("schema").fields().forEachRemaining(e -> {
            List<String> columns = new ArrayList<>();
            e.getValue().forEach(c -> columns.add(c.asText()));
            schema.put(e.getKey(), columns);
        });
        JsonNode d = node.path("defaults");
        SqlDefaults defaults = SqlDefaults.of(d.path("database").asText(null), d.path("schema").asText(null));
        JsonNode expected = node.path("expected");
        Map<String, TreeSet<String>> columns = new LinkedHashMap<>();
        expected.path("columns").forEach(c -> {
            TreeSet<String> sources = new TreeSet<>();
            c.path("sources").forEach(s -> sources.add(s.asText()));
            columns.put(c.path("target").asText(), sources);
        });
        return new CorpusCase(node.path("id").asText(), node.path("kind").asText(), node.path("dialect").asText(),
                node.path("sql").asText(), schema, defaults, columns, expected.path("error").asBoolean(false));
    }

    SqlDialect sqlDialect() {
        return SqlDialect.orGeneric(dialect);
    }

    /** Target -> DIRECT sources, as strings, of every statement of the script. */
    static Map<String, TreeSet<String>> actual(ScriptLineage lineage) {
        Map<String, TreeSet<String>> columns = new LinkedHashMap<>();
        for (StatementLineage statement : lineage.statements()) {
            for (ColumnLineage column : statement.columns()) {
                TreeSet<String> sources = columns.computeIfAbsent(column.target().toString(), k -> new TreeSet<>());
                column.sources().forEach(e -> sources.add(e.source().toString()));
            }
        }
        return columns;
    }
}
