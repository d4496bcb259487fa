package io.custodian.sources.dialect;

/**
 * Trino (and Presto): double quotes; names are folded to lower case, quoted or not, so names that
 * differ only in case are the same object. Samples a random {@code limit} rows of a bounded prefix
 * with {@code random()}.
 */
public final class TrinoDialect extends AbstractSqlDialect {
    TrinoDialect() {
        super("trino", '"', IdentifierCase.LOWER, false, "random()");
    }
}
