package io.custodian.sources.dialect;

import io.custodian.sources.TableRef;
import java.util.Optional;

/**
 * MySQL and MariaDB: backticks (which also work under ANSI_QUOTES). Names are not folded: column
 * names match without regard to case; database and table names follow the server's
 * {@code lower_case_table_names} (case-sensitive on Linux by default). Samples a random
 * {@code limit} rows of a bounded prefix with {@code RAND()}; deletes in chunks with
 * {@code DELETE ... LIMIT n}.
 */
public final class MySqlDialect extends AbstractSqlDialect {
    MySqlDialect() {
        super("mysql", '`', IdentifierCase.AS_WRITTEN, false, "RAND()");
    }

    @Override
    public Optional<SqlStatement> deleteChunk(TableRef table, Predicate where, int limit) {
        checkChunk(limit);
        return Optional.of(boundedDelete(table, where, " LIMIT " + limit));
    }
}
