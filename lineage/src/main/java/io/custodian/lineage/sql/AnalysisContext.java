package io.custodian.lineage.sql;

import io.custodian.lineage.sql.dialect.SqlDialect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;

/**
 * What the analysis of one statement accumulates: its indirect edges and warnings; and what it
 * reads: dialect, defaults and schemas. Also bounds the recursion depth, so a deeply nested
 * statement becomes an error, never a StackOverflowError.
 */
final class AnalysisContext {
    static final int MAX_DEPTH = 400;

    final SqlDialect dialect;
    final SqlDefaults defaults;
    final SchemaProvider schemas;
    final Deadline deadline;
    final Set<LineageEdge> indirect = new LinkedHashSet<>();
    final Set<String> warnings = new LinkedHashSet<>();
    private int depth;
    /** The text being analysed, with the positions its parse tree refers to. */
    private String text;

    AnalysisContext(SqlDialect dialect, SqlDefaults defaults, SchemaProvider schemas, Deadline deadline) {
        this.deadline = deadline;
        this.dialect = dialect;
        this.defaults = defaults;
        this.schemas = schemas;
    }

    void enter(SqlNode node) {
        deadline.check();
        if (++depth > MAX_DEPTH) {
            throw new AnalysisException("statement nested more than " + MAX_DEPTH + " levels deep",
                    node == null ? null : node.getParserPosition());
        }
    }

    void exit() {
        depth--;
    }

    /** Analysis continues on a tree parsed from {@code text}. */
    void reading(String text) {
        this.text = text;
    }

    /** The name of an unaliased expression of the select list: its normalised text. */
    java.util.Optional<String> expressionName(SqlNode expression) {
        return ExpressionName.of(expression, text, dialect);
    }

    void indirect(Map<SourceColumn, EdgeSubtype> sources, EdgeSubtype subtype) {
        for (SourceColumn source : sources.keySet()) {
            indirect.add(new LineageEdge(source, subtype));
        }
    }

    void warn(String warning) {
        if (warnings.size() < 100) {
            warnings.add(warning);
        }
    }

    /** The parts of an identifier as written, with their quoting. */
    static List<Identifier> parts(SqlIdentifier id) {
        List<Identifier> parts = new ArrayList<>(id.names.size());
        for (int i = 0; i < id.names.size(); i++) {
            boolean quoted;
            try {
                quoted = id.isComponentQuoted(i);
            } catch (RuntimeException e) {
                quoted = false;
            }
            parts.add(new Identifier(id.names.get(i), quoted));
        }
        return parts;
    }

    TableName tableName(List<Identifier> parts) {
        List<String> names = new java.util.ArrayList<>(parts.stream().map(p -> p.stored(dialect)).toList());
        if (dialect == SqlDialect.BIGQUERY && !names.isEmpty()) {
            // Date-sharded tables (events_20240101) and their wildcard (events_*) are one dataset.
            int last = names.size() - 1;
            names.set(last, SHARD_SUFFIX.matcher(names.get(last)).replaceFirst(""));
        }
        return new TableName(names);
    }

    private static final java.util.regex.Pattern SHARD_SUFFIX =
            java.util.regex.Pattern.compile("(?<=.)_?(\\d{8}|\\*)$");

    static Map<SourceColumn, EdgeSubtype> newSources() {
        return new LinkedHashMap<>();
    }

    /** Adds {@code from}'s sources to {@code into}, each through a step of subtype {@code step}. */
    static void addAll(Map<SourceColumn, EdgeSubtype> into, Map<SourceColumn, EdgeSubtype> from, EdgeSubtype step) {
        from.forEach((source, subtype) -> into.merge(source, EdgeSubtype.compose(step, subtype),
                (a, b) -> a.ordinal() >= b.ordinal() ? a : b));
    }
}
