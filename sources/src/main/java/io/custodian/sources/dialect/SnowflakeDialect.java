package io.custodian.sources.dialect;

/**
 * Snowflake: double quotes; unquoted names are stored in upper case and quoted names are exact
 * (case-sensitive). Samples a random {@code limit} rows of a bounded prefix with {@code RANDOM()}.
 */
public final class SnowflakeDialect extends AbstractSqlDialect {
    SnowflakeDialect() {
        super("snowflake", '"', IdentifierCase.UPPER, true, "RANDOM()");
    }
}
