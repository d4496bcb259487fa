package io.custodian.sources.dialect;

import io.custodian.sources.TableRef;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How one database product spells the SQL Custodian sends it: identifier quoting, what happens to
 * unquoted names, and the statements the scanner, erasure and masking run. Every identifier is
 * quoted (names come from the data systems, where anyone who can create a table chooses them);
 * every value is a bind parameter of the returned {@link SqlStatement}, never SQL text.
 */
public interface SqlDialect {
    /** Rows a sample may look at per row it returns, before picking at random. */
    long SAMPLE_SCAN_FACTOR = 10;

    /** The dialect's configuration name: postgresql, h2, mysql, trino, snowflake or spark. */
    String name();

    /** The character that delimits a quoted identifier: {@code "} or a backtick. */
    char quoteChar();

    /** What the database does to an identifier written without quotes. */
    IdentifierCase unquotedCase();

    /**
     * Whether two quoted names that differ only in case name different objects. False where the
     * database matches names case-insensitively whatever the quoting.
     */
    boolean quotedNamesCaseSensitive();

    /** The name an unquoted {@code identifier} refers to in this database. */
    default String foldUnquoted(String identifier) {
        return unquotedCase().fold(identifier);
    }

    /** {@code identifier} quoted, its quote characters doubled; refuses empty names and NUL. */
    default String quote(String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            throw new IllegalArgumentException("an identifier is empty");
        }
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an identifier holds a NUL character");
        }
        String q = String.valueOf(quoteChar());
        return q + identifier.replace(q, q + q) + q;
    }

    /** The table's quoted parts joined by dots: {@code catalog.schema.table}, as far as given. */
    default String qualified(TableRef table) {
        StringBuilder sql = new StringBuilder();
        if (table.catalog() != null) {
            sql.append(quote(table.catalog())).append('.');
        }
        if (table.schema() != null) {
            sql.append(quote(table.schema())).append('.');
        }
        return sql.append(quote(table.table())).toString();
    }

    /** {@code SELECT columns FROM table [WHERE ...]}; {@link Predicate#all()} reads every row. */
    SqlStatement select(TableRef table, List<String> columns, Predicate where);

    /** {@code SELECT COUNT(*) FROM table [WHERE ...]}. */
    SqlStatement count(TableRef table, Predicate where);

    /** {@code DELETE FROM table WHERE ...}; refuses a predicate that matches every row. */
    SqlStatement delete(TableRef table, Predicate where);

    /**
     * A {@code DELETE} of at most {@code limit} of the rows {@code where} matches, so that deleting
     * many rows runs as short transactions rather than one that holds its locks for long; run it
     * until it deletes fewer than {@code limit}. Empty where the dialect has no bounded DELETE (the
     * caller then runs {@link #delete} once). Refuses a predicate that matches every row.
     */
    default Optional<SqlStatement> deleteChunk(TableRef table, Predicate where, int limit) {
        return Optional.empty();
    }

    /** {@code DELETE FROM table}: every row, asked for by name. */
    SqlStatement deleteAll(TableRef table);

    /** {@code UPDATE table SET col = ?, ... WHERE ...}; refuses a predicate that matches every row. */
    SqlStatement update(TableRef table, List<Assignment> set, Predicate where);

    /** {@code UPDATE table SET col = ?, ...}: every row, asked for by name. */
    SqlStatement updateAll(TableRef table, List<Assignment> set);

    /**
     * A bounded sample of at most {@code limit} rows of {@code columns}, picked by the database.
     *
     * @param estimatedRows the table's estimated row count from {@link #rowEstimate}, when known;
     *     dialects that sample by percentage use it, and without it read a plain bounded prefix
     */
    SqlStatement sample(TableRef table, List<String> columns, int limit, OptionalLong estimatedRows);

    /**
     * A query whose single row and column is the table's estimated row count (negative when the
     * database has none), where the dialect's sampling uses one; empty elsewhere.
     */
    default Optional<SqlStatement> rowEstimate(TableRef table) {
        return Optional.empty();
    }
}
