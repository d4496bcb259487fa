package io.custodian.server.lineage.sql;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodian.lineage.sql.ColumnLineage;
import io.custodian.lineage.sql.InMemorySchemaProvider;
import io.custodian.lineage.sql.LineageError;
import io.custodian.lineage.sql.ScriptLineage;
import io.custodian.lineage.sql.SqlDefaults;
import io.custodian.lineage.sql.SqlLineageExtractor;
import io.custodian.lineage.sql.StatementLineage;
import io.custodian.lineage.sql.dialect.SqlDialect;
import io.custodian.server.problem.JsonBody;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code sql-lineage} command's work, apart from files: reads one JSON case a line
 * ({@code {"id", "sql", "dialect", "schema": {"db.schema.table": [columns]}, "defaults":
 * {"database", "schema"}}}) and writes one JSON result a line: {@code {"id", "columns": [{"target",
 * "sources"}]}} (DIRECT sources only, plus {@code errors} for failed statements of a script that
 * otherwise analysed), or {@code {"id", "error"}}. A bad line gets an error line naming its line
 * number, and the batch goes on.
 */
public final class SqlLineageBatch {
    /** Longest input line read; longer lines are skipped with an error (they would exhaust memory). */
    public static final int MAX_LINE_CHARS = 4 * 1024 * 1024;

    /** How many lines were read, and how many gave an error line. */
    public record Summary(int lines, int errors) {
    }

    private final ObjectMapper json;
    private final SqlLineageExtractor extractor;

    public SqlLineageBatch(ObjectMapper json, SqlLineageExtractor extractor) {
        this.json = requireNonNull(json, "json is null");
        this.extractor = requireNonNull(extractor, "extractor is null");
    }

    public Summary run(Reader in, Writer out) throws IOException {
        LineReader lines = new LineReader(in, MAX_LINE_CHARS);
        int count = 0;
        int errors = 0;
        String line;
        while ((line = lines.next()) != null) {
            count++;
            if (line.isBlank()) {
                count--; // blank lines are not cases
                continue;
            }
            ObjectNode result = lines.truncated()
                    ? failure(null, lines.number(), "line longer than " + MAX_LINE_CHARS + " characters")
                    : process(line, lines.number());
            if (result.has("error")) {
                errors++;
            }
            out.write(json.writeValueAsString(result));
            out.write('\n');
        }
        out.flush();
        return new Summary(count, errors);
    }

    private ObjectNode process(String line, int number) {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            // Where, not Jackson's message: it quotes the line, which may hold personal data.
            return failure(null, number, "not valid JSON" + JsonBody.where(e));
        }
        if (node == null || !node.isObject()) {
            return failure(null, number, "not a JSON object");
        }
        String id = node.path("id").isValueNode() ? node.path("id").asText() : null;
        JsonNode sql = node.get("sql");
        if (sql == null || !sql.isTextual()) {
            return failure(id, number, "\"sql\" is missing or not a string");
        }
        String dialectName = node.path("dialect").asText("ansi");
        SqlDialect dialect = SqlDialect.orGeneric(dialectName); // unknown: read permissively, and said below
        Map<String, List<String>> schema = new LinkedHashMap<>();
        JsonNode schemaNode = node.get("schema");
        if (schemaNode != null && !schemaNode.isNull()) {
            if (!schemaNode.isObject()) {
                return failure(id, number, "\"schema\" must be an object of table name to column names");
            }
            var fields = schemaNode.fields();
            while (fields.hasNext()) {
                var table = fields.next();
                if (!table.getValue().isArray() || table.getKey().isBlank()) {
                    return failure(id, number, "\"schema\"." + table.getKey() + " must be an array of column names");
                }
                List<String> columns = new ArrayList<>();
                for (JsonNode column : table.getValue()) {
                    if (!column.isTextual()) {
                        return failure(id, number, "\"schema\"." + table.getKey() + " holds a non-string column");
                    }
                    columns.add(column.asText());
                }
                schema.put(table.getKey(), columns);
            }
        }
        JsonNode defaults = node.path("defaults");
        if (!defaults.isMissingNode() && !defaults.isNull() && !defaults.isObject()) {
            return failure(id, number, "\"defaults\" must be an object with \"database\" and \"schema\"");
        }
        SqlDefaults sqlDefaults = SqlDefaults.of(text(defaults, "database"), text(defaults, "schema"));
        ScriptLineage lineage = extractor.extract(sql.asText(), dialect, sqlDefaults,
                InMemorySchemaProvider.ofDotted(schema));
        ObjectNode result = result(id, lineage);
        if (!SqlDialect.isKnown(dialectName)) {
            result.putArray("warnings").add("unknown dialect \"" + dialectName + "\": read as "
                    + dialect.displayName());
        }
        return result;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private ObjectNode result(String id, ScriptLineage lineage) {
        ObjectNode out = json.createObjectNode();
        out.put("id", id);
        List<StatementLineage> statements = lineage.statements();
        if (statements.isEmpty()) {
            out.put("error", "no SQL statement");
            return out;
        }
        if (statements.stream().allMatch(s -> s.error().isPresent())) {
            out.put("error", statements.get(0).error().orElseThrow().toString());
            return out;
        }
        ArrayNode columns = out.putArray("columns");
        for (StatementLineage statement : statements) {
            for (ColumnLineage column : statement.columns()) {
                ObjectNode c = columns.addObject();
                c.put("target", column.target().toString());
                ArrayNode sources = c.putArray("sources");
                column.sources().forEach(edge -> sources.add(edge.source().toString()));
            }
        }
        ArrayNode errors = null;
        for (StatementLineage statement : statements) {
            if (statement.error().isPresent()) {
                if (errors == null) {
                    errors = out.putArray("errors");
                }
                LineageError e = statement.error().get();
                errors.addObject().put("statement", statement.index()).put("line", e.line())
                        .put("column", e.column()).put("message", e.message());
            }
        }
        return out;
    }

    private ObjectNode failure(String id, int line, String message) {
        ObjectNode out = json.createObjectNode();
        out.put("id", id);
        out.put("line", line);
        out.put("error", "input line " + line + ": " + message);
        return out;
    }

    /** Reads lines of at most {@code max} characters; the rest of a longer line is skipped. */
    private static final class LineReader {
        private final Reader in;
        private final int max;
        private int number;
        private boolean truncated;
        private boolean eof;

        LineReader(Reader in, int max) {
            this.in = in;
            this.max = max;
        }

        String next() throws IOException {
            if (eof) {
                return null;
            }
            StringBuilder line = new StringBuilder();
            truncated = false;
            int c;
            boolean any = false;
            while ((c = in.read()) >= 0) {
                any = true;
                if (c == '\n') {
                    break;
                }
                if (line.length() < max) {
                    line.append((char) c);
                } else {
                    truncated = true;
                }
            }
            if (c < 0) {
                eof = true;
                if (!any) {
                    return null;
                }
            }
            number++;
            int end = line.length();
            if (end > 0 && line.charAt(end - 1) == '\r') {
                line.setLength(end - 1);
            }
            return line.toString();
        }

        int number() {
            return number;
        }

        boolean truncated() {
            return truncated;
        }
    }
}
