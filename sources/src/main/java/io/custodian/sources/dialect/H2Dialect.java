package io.custodian.sources.dialect;

import io.custodian.sources.TableRef;
import java.util.Optional;

/**
 * H2: double quotes; unquoted names folded to upper case, or as the URL's
 * {@code DATABASE_TO_LOWER=TRUE} (lower) or {@code DATABASE_TO_UPPER=FALSE} (as written) says.
 * Samples a random {@code limit} rows of a bounded prefix with {@code RAND()}; deletes in chunks
 * with H2 2's {@code DELETE ... FETCH FIRST n ROWS ONLY}.
 */
public final class H2Dialect extends AbstractSqlDialect {
    H2Dialect(IdentifierCase unquotedCase) {
        super("h2", '"', unquotedCase, true, "RAND()");
    }

    @Override
    public Optional<SqlStatement> deleteChunk(TableRef table, Predicate where, int limit) {
        checkChunk(limit);
        return Optional.of(boundedDelete(table, where, " FETCH FIRST " + limit + " ROWS ONLY"));
    }
}
