package io.custodian.sources.dialect;

/**
 * MySQL and MariaDB: backticks (which also work under ANSI_QUOTES). Names are not folded: column
 * names match without regard to case; database and table names follow the server's
 * {@code lower_case_table_names} (case-sensitive on Linux by default). Samples a random
 * {@code limit} rows of a bounded prefix with {@code RAND()}.
 */
public final class MySqlDialect extends AbstractSqlDialect {
    MySqlDialect() {
        super("mysql", '`', IdentifierCase.AS_WRITTEN, false, "RAND()");
    }
}
