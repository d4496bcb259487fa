package io.custodian.sources.dialect;

/**
 * Spark SQL (Databricks, the Thrift server, Hive): backticks; names kept as written and matched
 * without regard to case ({@code spark.sql.caseSensitive} is false by default; the Hive metastore
 * stores them in lower case). DELETE and UPDATE need a table format that supports them (Delta,
 * Iceberg). Samples a random {@code limit} rows of a bounded prefix with {@code rand()}.
 */
public final class SparkSqlDialect extends AbstractSqlDialect {
    SparkSqlDialect() {
        super("spark", '`', IdentifierCase.AS_WRITTEN, false, "rand()");
    }
}
