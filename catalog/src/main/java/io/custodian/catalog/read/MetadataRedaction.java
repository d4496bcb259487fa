package io.custodian.catalog.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodian.lineage.sql.SqlLiteralRedaction;
import io.custodian.lineage.sql.dialect.SqlDialect;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Takes personal data out of the catalog's own metadata for readers without a privileged role:
 * the SQL of jobs (their literals, such as {@code WHERE email = '...'}, become {@code ?}; SQL that
 * does not parse is withheld) and free-form facets ({@code spark.logicalPlan}, data-quality
 * metrics, error messages, source code...), which can carry values. Facets whose content is
 * structure only (schema, column lineage, ownership, ...) are kept; any other facet keeps its
 * {@code _producer} and {@code _schemaURL} and says {@code "_redacted": true}, so readers know it
 * exists. Applied to whole JSON documents (views, graphs, raw events), so a new endpoint serving
 * facets is covered without knowing of it.
 */
public final class MetadataRedaction {
    /** Facets that hold names, types and links, never values from the data. */
    public static final Set<String> STRUCTURAL_FACETS = Set.of("schema", "columnLineage", "symlinks", "dataSource",
            "ownership", "documentation", "jobType", "sourceCodeLocation", "lifecycleStateChange", "version",
            "storage", "datasetType", "tags", "parent", "nominalTime", "processing_engine", "catalog");
    /** Dialect of SQL that says none, as lineage derivation reads it. */
    private static final SqlDialect DEFAULT_DIALECT = SqlDialect.POSTGRES;
    private static final Set<String> FACET_CONTAINERS = Set.of("facets", "inputFacets", "outputFacets");

    private MetadataRedaction() {}

    /** Job SQL repeats across pages and requests; a parse costs milliseconds. Only short texts are kept. */
    private static final int CACHED_SQL_MAX_CHARS = 64 * 1024;
    private static final Map<String, Optional<String>> CACHE = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Optional<String>> eldest) {
                    return size() > 256;
                }
            });

    /** The SQL with its literals as {@code ?}, or empty when it must be withheld (it does not parse). */
    public static Optional<String> sql(String sql, String dialectName) {
        SqlDialect dialect = dialectName == null ? DEFAULT_DIALECT : SqlDialect.named(dialectName).orElse(DEFAULT_DIALECT);
        if (sql.length() > CACHED_SQL_MAX_CHARS) {
            return SqlLiteralRedaction.redact(sql, dialect);
        }
        String key = dialect.name() + "\u0000" + sql;
        Optional<String> cached = CACHE.get(key);
        if (cached == null) {
            cached = SqlLiteralRedaction.redact(sql, dialect);
            CACHE.put(key, cached);
        }
        return cached;
    }

    /**
     * Redacts a JSON document in place, wherever it holds facets ({@code facets}, {@code inputFacets},
     * {@code outputFacets} objects) or a job version's {@code sql} with its {@code sqlDialect}.
     *
     * @return the same node
     */
    public static JsonNode document(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("sqlDialect") && object.get("sql") != null && object.get("sql").isTextual()) {
                String dialect = object.get("sqlDialect").isTextual() ? object.get("sqlDialect").textValue() : null;
                object.set("sql", sql(object.get("sql").textValue(), dialect)
                        .<JsonNode>map(JsonNodeFactory.instance::textNode)
                        .orElse(JsonNodeFactory.instance.nullNode()));
            }
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode child = object.get(name);
                if (FACET_CONTAINERS.contains(name) && child instanceof ObjectNode facets) {
                    facets(facets);
                } else {
                    document(child);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(MetadataRedaction::document);
        }
        return node;
    }

    /** Redacts a map of facets in place: structural ones kept, {@code sql} with its literals out, the rest emptied. */
    public static void facets(ObjectNode facets) {
        for (Iterator<Map.Entry<String, JsonNode>> it = facets.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> facet = it.next();
            if (!(facet.getValue() instanceof ObjectNode body)) {
                continue; // not a facet (search's facet counts are arrays)
            }
            if (STRUCTURAL_FACETS.contains(facet.getKey())) {
                continue;
            }
            if (facet.getKey().equals("sql") && body.get("query") != null && body.get("query").isTextual()) {
                ObjectNode copy = body.deepCopy();
                String dialect = body.path("dialect").isTextual() ? body.get("dialect").textValue() : null;
                Optional<String> redacted = sql(body.get("query").textValue(), dialect);
                if (redacted.isPresent()) {
                    copy.put("query", redacted.get());
                    copy.retain("_producer", "_schemaURL", "query", "dialect");
                    facet.setValue(copy);
                    continue;
                }
            }
            ObjectNode placeholder = JsonNodeFactory.instance.objectNode();
            if (body.has("_producer")) {
                placeholder.set("_producer", body.get("_producer"));
            }
            if (body.has("_schemaURL")) {
                placeholder.set("_schemaURL", body.get("_schemaURL"));
            }
            placeholder.put("_redacted", true);
            facet.setValue(placeholder);
        }
    }
}
