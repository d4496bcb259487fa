package io.custodian.scanner.scan;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/**
 * Quotes identifiers and escapes metadata search patterns, so that names read from a source (which
 * anyone who can create a table there chooses) are never SQL text or wildcards.
 */
final class SqlIdentifiers {
    private final String quote;
    private final String escape;

    private SqlIdentifiers(String quote, String escape) {
        this.quote = quote;
        this.escape = escape;
    }

    static SqlIdentifiers of(DatabaseMetaData metadata) throws SQLException {
        String quote = metadata.getIdentifierQuoteString();
        if (quote == null || quote.isBlank()) {
            // No quoting means names cannot hold anything but plain characters; refuse rather than guess.
            throw new SQLException("the source does not support quoted identifiers", "0A000");
        }
        String escape = metadata.getSearchStringEscape();
        return new SqlIdentifiers(quote.strip(), escape == null || escape.isEmpty() ? "\\" : escape);
    }

    /** A quoted identifier: the quote character doubled inside, as SQL says. */
    String quote(String identifier) {
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an identifier holds a NUL character");
        }
        return quote + identifier.replace(quote, quote + quote) + quote;
    }

    /** {@code "schema"."table"}, or {@code "table"} without a schema. */
    String qualified(String schema, String table) {
        return schema == null || schema.isEmpty() ? quote(table) : quote(schema) + "." + quote(table);
    }

    /** A metadata search pattern matching exactly {@code name}: {@code _} and {@code %} escaped. */
    String exactPattern(String name) {
        if (name == null) {
            return null;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }
}
