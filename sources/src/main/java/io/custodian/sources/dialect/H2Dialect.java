package io.custodian.sources.dialect;

/**
 * H2: double quotes; unquoted names folded to upper case, or as the URL's
 * {@code DATABASE_TO_LOWER=TRUE} (lower) or {@code DATABASE_TO_UPPER=FALSE} (as written) says.
 * Samples a random {@code limit} rows of a bounded prefix with {@code RAND()}.
 */
public final class H2Dialect extends AbstractSqlDialect {
    H2Dialect(IdentifierCase unquotedCase) {
        super("h2", '"', unquotedCase, true, "RAND()");
    }
}
