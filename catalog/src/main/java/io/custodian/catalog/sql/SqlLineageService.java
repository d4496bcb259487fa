package io.custodian.catalog.sql;

import static java.util.Objects.requireNonNull;

import io.custodian.lineage.sql.AnalysisBudget;
import io.custodian.lineage.sql.ScriptLineage;
import io.custodian.lineage.sql.SqlDefaults;
import io.custodian.lineage.sql.SqlLineageExtractor;
import io.custodian.lineage.sql.TableName;
import io.custodian.lineage.sql.dialect.SqlDialect;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;

/**
 * Column lineage of SQL submitted to the API, against the catalog's schemas: table names resolve to
 * the datasets of one namespace (see {@link CatalogSchemas}); resolved sources name datasets of
 * that namespace by their catalog names.
 */
public final class SqlLineageService {
    private final Jdbi jdbi;
    private final SqlLineageExtractor extractor;
    private final AnalysisBudget budget;

    public SqlLineageService(Jdbi jdbi, SqlLineageExtractor extractor) {
        this(jdbi, extractor, AnalysisBudget.DEFAULT);
    }

    /** @param budget how much work one request's SQL may cost; statements beyond it are skipped */
    public SqlLineageService(Jdbi jdbi, SqlLineageExtractor extractor, AnalysisBudget budget) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.extractor = requireNonNull(extractor, "extractor is null");
        this.budget = requireNonNull(budget, "budget is null");
    }

    /**
     * The lineage of every statement of {@code sql}.
     *
     * @param namespace the catalog namespace whose datasets the SQL's tables are
     * @param defaultSchema the schema of unqualified table names, if any
     */
    public Analysis analyse(String sql, SqlDialect dialect, String namespace, String defaultSchema) {
        return analyse(sql, dialect, namespace, null, defaultSchema);
    }

    /**
     * The lineage of every statement of {@code sql}, unqualified names resolved against a default
     * database (catalog, project) and schema.
     */
    public Analysis analyse(String sql, SqlDialect dialect, String namespace, String defaultDatabase,
            String defaultSchema) {
        requireNonNull(sql, "sql is null");
        requireNonNull(dialect, "dialect is null");
        requireNonNull(namespace, "namespace is null");
        // No connection is held while parsing: the schemas take one per lookup.
        CatalogSchemas schemas = new CatalogSchemas(jdbi, namespace);
        ScriptLineage lineage = extractor.extract(sql, dialect, SqlDefaults.of(defaultDatabase, defaultSchema), schemas, budget);
        return new Analysis(lineage, schemas::isDataset);
    }

    /**
     * The lineage, and which table names of it are catalog datasets of the namespace (the others are
     * tables the catalog does not know, or knows without a schema).
     */
    public record Analysis(ScriptLineage lineage, Predicate<TableName> isDataset) {
        public Analysis {
            requireNonNull(lineage, "lineage is null");
            requireNonNull(isDataset, "isDataset is null");
        }
    }
}
