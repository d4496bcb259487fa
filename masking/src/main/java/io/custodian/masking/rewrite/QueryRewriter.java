package io.custodian.masking.rewrite;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.sql.CatalogTables.CatalogColumn;
import io.custodian.catalog.sql.CatalogTables.CatalogTable;
import io.custodian.catalog.sql.CatalogTables.Resolution;
import io.custodian.lineage.sql.SqlDefaults;
import io.custodian.lineage.sql.TableName;
import io.custodian.masking.MaskingDialect;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Rewrites a query so every masked column is replaced where its table is read: each base table
 * reference in the text becomes {@code (SELECT <mask or column> AS <column>, ... FROM <table as
 * written>) AS <alias>}, listing every catalog column in order. Nothing after the table reference
 * (projections, functions, joins, predicates, grouping, ordering, set operations, {@code *}, whole
 * row references, lateral joins) can see a raw masked value. The rest of the text is kept as
 * written, so dialect syntax the parser only tolerates survives untouched.
 *
 * <p>Fails closed: anything it cannot prove rewritten is refused with a {@link RewriteException}.
 * Thread-safe; the catalog is read once per call.
 */
public final class QueryRewriter {
    /**
     * Parsed queries kept by text and dialect: gateways send the same dashboard queries again and
     * again, and parsing is nearly all of a rewrite's time. What is kept depends on the text alone;
     * names are resolved and masks decided on every call, so catalog and policy changes apply at once.
     */
    private static final int PARSED_ENTRIES = 512;
    /** Longer queries are parsed each time rather than kept. */
    private static final int MAX_KEPT_CHARS = 16 * 1024;

    private final TableCatalog catalog;
    private final RewriteLimits limits;
    private final Map<ParsedKey, Parsed> parsed = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ParsedKey, Parsed> eldest) {
            return size() > PARSED_ENTRIES;
        }
    };

    private record ParsedKey(MaskingDialect dialect, String sql) {}

    /** A query's text as read and the table references found in it; never changed once made. */
    private record Parsed(SqlSource source, List<TableReferences.Reference> references) {}

    public QueryRewriter(TableCatalog catalog, RewriteLimits limits) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.limits = requireNonNull(limits, "limits is null");
    }

    public QueryRewriter(TableCatalog catalog) {
        this(catalog, RewriteLimits.DEFAULTS);
    }

    /**
     * {@code sql} with every table it reads replaced by its masked form. Names resolve in
     * {@code namespace} after {@code defaults} fill in the parts they leave out.
     */
    public RewrittenQuery rewrite(String sql, MaskingDialect dialect, String namespace, SqlDefaults defaults,
            TableMasks masks) throws RewriteException {
        requireNonNull(sql, "sql is null");
        requireNonNull(dialect, "dialect is null");
        requireNonNull(namespace, "namespace is null");
        requireNonNull(defaults, "defaults is null");
        requireNonNull(masks, "masks is null");
        if (sql.length() > limits.maxChars()) {
            throw new RewriteException("the query is longer than " + limits.maxChars() + " characters", 0, 0);
        }
        Parsed query = parsed(sql, dialect);
        Map<TableReferences.Reference, CatalogTable> tables =
                resolve(query.references(), namespace, defaults, query.source());
        return splice(query.source(), dialect, query.references(), tables, masks);
    }

    private Parsed parsed(String sql, MaskingDialect dialect) throws RewriteException {
        ParsedKey key = new ParsedKey(dialect, sql);
        synchronized (parsed) {
            Parsed known = parsed.get(key);
            if (known != null) {
                return known;
            }
        }
        SqlSource source = SqlSource.read(sql, dialect, limits);
        SqlNode statement = parse(source, dialect);
        List<TableReferences.Reference> references;
        try {
            references = List.copyOf(TableReferences.of(statement, dialect, source, limits));
        } catch (StackOverflowError e) {
            throw new RewriteException("the query nests too deeply to rewrite", 0, 0);
        }
        Parsed made = new Parsed(source, references);
        if (sql.length() <= MAX_KEPT_CHARS) {
            synchronized (parsed) {
                parsed.put(key, made);
            }
        }
        return made;
    }

    private static SqlNode parse(SqlSource source, MaskingDialect dialect) throws RewriteException {
        SqlNodeList statements;
        try {
            statements = SqlParser.create(source.parserText(), dialect.parser().parserConfig()).parseStmtList();
        } catch (SqlParseException e) {
            // Calcite's message quotes the text it stopped at, which may hold values: only the position.
            SqlParserPos pos = e.getPos() == null ? SqlParserPos.ZERO : e.getPos();
            throw new RewriteException("the query does not parse as " + dialect.displayName() + " SQL",
                    pos.getLineNum(), pos.getColumnNum());
        } catch (StackOverflowError e) {
            throw new RewriteException("the query nests too deeply to parse", 0, 0);
        } catch (RuntimeException | AssertionError e) {
            throw new RewriteException("the query does not parse as " + dialect.displayName() + " SQL", 0, 0);
        }
        if (statements.size() != 1) {
            SqlParserPos pos = statements.size() > 1 ? statements.get(1).getParserPosition() : SqlParserPos.ZERO;
            throw new RewriteException("exactly one statement is rewritten; found " + statements.size(),
                    pos.getLineNum(), pos.getColumnNum());
        }
        return statements.get(0);
    }

    private Map<TableReferences.Reference, CatalogTable> resolve(List<TableReferences.Reference> references,
            String namespace, SqlDefaults defaults, SqlSource source) throws RewriteException {
        Map<TableReferences.Reference, TableName> names = new LinkedHashMap<>();
        for (TableReferences.Reference reference : references) {
            names.put(reference, defaults.qualify(new TableName(reference.name().names)));
        }
        Map<String, Resolution> resolved = names.isEmpty() ? Map.of()
                : catalog.resolve(namespace, new LinkedHashSet<>(names.values()));
        Map<TableReferences.Reference, CatalogTable> tables = new LinkedHashMap<>();
        for (var entry : names.entrySet()) {
            SqlIdentifier id = entry.getKey().name();
            Resolution resolution = resolved.get(entry.getValue().key());
            if (entry.getKey().cte()) {
                if (resolution != null && (resolution.table().isPresent() || !resolution.ambiguous().isEmpty())) {
                    throw at(id, "common table expression " + id + " has the name of a table; refused, as"
                            + " databases differ in which of the two such a name reads");
                }
                continue;
            }
            if (resolution == null || resolution.table().isEmpty()) {
                if (resolution != null && !resolution.ambiguous().isEmpty()) {
                    throw at(id, "table " + id + " is ambiguous: it could be "
                            + resolution.ambiguous().stream().map(TableName::toString).toList());
                }
                throw at(id, "unknown table " + id);
            }
            CatalogTable table = resolution.table().get();
            if (table.columns().isEmpty()) {
                throw at(id, "table " + id + " (" + table.name() + ") has no known schema");
            }
            tables.put(entry.getKey(), table);
        }
        return tables;
    }

    private static RewrittenQuery splice(SqlSource source, MaskingDialect dialect,
            List<TableReferences.Reference> references, Map<TableReferences.Reference, CatalogTable> tables,
            TableMasks masks) throws RewriteException {
        record Span(int start, int end, String replacement) {
        }
        List<Span> spans = new ArrayList<>();
        Set<MaskedColumn> masked = new LinkedHashSet<>();
        Set<String> read = new LinkedHashSet<>();
        for (TableReferences.Reference reference : references) {
            if (reference.cte()) {
                continue;
            }
            SqlIdentifier id = reference.name();
            SqlParserPos pos = id.getParserPosition();
            int start = source.offset(pos.getLineNum(), pos.getColumnNum());
            SqlSource.WrittenName written = start < 0 ? null : source.nameAt(start);
            if (written == null || !written.parts().equals(id.names)) {
                throw at(id, "cannot find table " + id + " in the text");
            }
            CatalogTable table = tables.get(reference);
            read.add(table.name());
            Map<String, String> tableMasks = masks.masks(table);
            StringBuilder sql = new StringBuilder("(SELECT ");
            String separator = "";
            for (CatalogColumn column : table.columns()) {
                String quoted = dialect.sql().quote(column.name());
                String mask = tableMasks.get(column.name());
                sql.append(separator);
                if (mask != null) {
                    sql.append('(').append(mask).append(')');
                    masked.add(new MaskedColumn(table.name(), column.name()));
                } else {
                    sql.append(quoted);
                }
                sql.append(" AS ").append(quoted);
                separator = ", ";
            }
            sql.append(" FROM ").append(source.text(), start, written.end()).append(')');
            if (!reference.aliased()) {
                sql.append(" AS ").append(written.lastPartText());
            }
            spans.add(new Span(start, written.end(), sql.toString()));
        }
        spans.sort(Comparator.comparingInt(Span::start));
        StringBuilder out = new StringBuilder(source.text().length() + spans.size() * 64);
        int copied = 0;
        for (Span span : spans) {
            if (span.start() < copied) {
                throw new RewriteException("table references overlap in the text", source.line(span.start()),
                        source.column(span.start()));
            }
            out.append(source.text(), copied, span.start()).append(span.replacement());
            copied = span.end();
        }
        out.append(source.text(), copied, source.text().length());
        return new RewrittenQuery(out.toString(), List.copyOf(masked), List.copyOf(read));
    }

    private static RewriteException at(SqlIdentifier id, String message) {
        SqlParserPos pos = id.getParserPosition();
        return new RewriteException(message, pos.getLineNum(), pos.getColumnNum());
    }
}
