package io.custodian.sources.dialect;

import static java.util.Objects.requireNonNull;

import io.custodian.sources.TableRef;
import io.custodian.sources.dialect.Predicate.And;
import io.custodian.sources.dialect.Predicate.Before;
import io.custodian.sources.dialect.Predicate.Differs;
import io.custodian.sources.dialect.Predicate.Equals;
import io.custodian.sources.dialect.Predicate.In;
import io.custodian.sources.dialect.Predicate.Or;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The statements every dialect shares (they differ only in quoting), and the default sample: a
 * random {@code limit} rows of the first {@code SAMPLE_SCAN_FACTOR * limit}, so the work stays
 * bounded on any table size.
 */
abstract class AbstractSqlDialect implements SqlDialect {
    private final String name;
    private final char quoteChar;
    private final IdentifierCase unquotedCase;
    private final boolean quotedNamesCaseSensitive;
    private final String randomFunction;

    AbstractSqlDialect(String name, char quoteChar, IdentifierCase unquotedCase, boolean quotedNamesCaseSensitive,
            String randomFunction) {
        this.name = requireNonNull(name, "name is null");
        this.quoteChar = quoteChar;
        this.unquotedCase = requireNonNull(unquotedCase, "unquotedCase is null");
        this.quotedNamesCaseSensitive = quotedNamesCaseSensitive;
        this.randomFunction = requireNonNull(randomFunction, "randomFunction is null");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final char quoteChar() {
        return quoteChar;
    }

    @Override
    public final IdentifierCase unquotedCase() {
        return unquotedCase;
    }

    @Override
    public final boolean quotedNamesCaseSensitive() {
        return quotedNamesCaseSensitive;
    }

    @Override
    public SqlStatement select(TableRef table, List<String> columns, Predicate where) {
        requireNonNull(where, "where is null");
        List<Object> parameters = new ArrayList<>();
        String sql = "SELECT " + columnList(columns) + " FROM " + qualified(table) + where(where, parameters);
        return new SqlStatement(sql, parameters);
    }

    @Override
    public SqlStatement count(TableRef table, Predicate where) {
        requireNonNull(where, "where is null");
        List<Object> parameters = new ArrayList<>();
        return new SqlStatement("SELECT COUNT(*) FROM " + qualified(table) + where(where, parameters), parameters);
    }

    @Override
    public SqlStatement delete(TableRef table, Predicate where) {
        refuseEverything(where, "DELETE", "deleteAll");
        List<Object> parameters = new ArrayList<>();
        return new SqlStatement("DELETE FROM " + qualified(table) + where(where, parameters), parameters);
    }

    /**
     * {@code DELETE FROM table WHERE ...} followed by {@code bound}, a clause that bounds it to
     * {@code limit} rows in the dialect's own grammar.
     */
    final SqlStatement boundedDelete(TableRef table, Predicate where, String bound) {
        refuseEverything(where, "DELETE", "deleteAll");
        List<Object> parameters = new ArrayList<>();
        return new SqlStatement("DELETE FROM " + qualified(table) + where(where, parameters) + bound, parameters);
    }

    /** {@code WHERE ...} (with a leading space) of {@code where}, its values appended to {@code parameters}. */
    final String whereClause(Predicate where, List<Object> parameters) {
        return where(where, parameters);
    }

    static void checkChunk(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a chunk of " + limit + " rows; give at least 1");
        }
    }

    @Override
    public SqlStatement deleteAll(TableRef table) {
        return SqlStatement.of("DELETE FROM " + qualified(table));
    }

    @Override
    public SqlStatement update(TableRef table, List<Assignment> set, Predicate where) {
        refuseEverything(where, "UPDATE", "updateAll");
        List<Object> parameters = new ArrayList<>();
        String sql = "UPDATE " + qualified(table) + " SET " + assignments(set, parameters);
        return new SqlStatement(sql + where(where, parameters), parameters);
    }

    @Override
    public SqlStatement updateAll(TableRef table, List<Assignment> set) {
        List<Object> parameters = new ArrayList<>();
        return new SqlStatement("UPDATE " + qualified(table) + " SET " + assignments(set, parameters), parameters);
    }

    @Override
    public SqlStatement sample(TableRef table, List<String> columns, int limit, OptionalLong estimatedRows) {
        checkLimit(limit);
        String cols = columnList(columns);
        return SqlStatement.of("SELECT " + cols + " FROM (SELECT " + cols + " FROM " + qualified(table) + " LIMIT "
                + SAMPLE_SCAN_FACTOR * limit + ") s ORDER BY " + randomFunction + " LIMIT " + limit);
    }

    /** {@code SELECT columns FROM table LIMIT limit}: the first rows the database finds. */
    final SqlStatement firstRows(TableRef table, List<String> columns, int limit) {
        checkLimit(limit);
        return SqlStatement.of("SELECT " + columnList(columns) + " FROM " + qualified(table) + " LIMIT " + limit);
    }

    static void checkLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a sample of " + limit + " rows; give at least 1");
        }
    }

    final String columnList(List<String> columns) {
        requireNonNull(columns, "columns is null");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("no columns to select");
        }
        return columns.stream().map(this::quote).collect(Collectors.joining(", "));
    }

    private String assignments(List<Assignment> set, List<Object> parameters) {
        requireNonNull(set, "set is null");
        if (set.isEmpty()) {
            throw new IllegalArgumentException("an UPDATE with no column to set");
        }
        List<String> parts = new ArrayList<>();
        for (Assignment assignment : set) {
            parts.add(quote(assignment.column()) + " = ?");
            parameters.add(assignment.value());
        }
        return String.join(", ", parts);
    }

    private String where(Predicate where, List<Object> parameters) {
        return where.matchesEverything() ? "" : " WHERE " + condition(where, parameters);
    }

    private String condition(Predicate predicate, List<Object> parameters) {
        if (predicate instanceof Equals eq) {
            parameters.add(eq.value());
            return eq.ignoreCase() ? "LOWER(" + quote(eq.column()) + ") = LOWER(?)" : quote(eq.column()) + " = ?";
        }
        if (predicate instanceof In in) {
            parameters.addAll(in.values());
            return quote(in.column()) + " IN (" + String.join(", ", Collections.nCopies(in.values().size(), "?")) + ")";
        }
        if (predicate instanceof Before before) {
            parameters.add(before.value());
            return quote(before.column()) + " < ?";
        }
        if (predicate instanceof Differs differs) {
            if (differs.value() == null) {
                return quote(differs.column()) + " IS NOT NULL";
            }
            parameters.add(differs.value());
            return quote(differs.column()) + " <> ?";
        }
        if (predicate instanceof Or or) {
            return or.terms().stream().map(term -> "(" + condition(term, parameters) + ")")
                    .collect(Collectors.joining(" OR "));
        }
        return ((And) predicate).terms().stream().map(term -> term instanceof Or
                        ? "(" + condition(term, parameters) + ")" : condition(term, parameters))
                .collect(Collectors.joining(" AND "));
    }

    static void refuseEverything(Predicate where, String statement, String instead) {
        requireNonNull(where, "where is null");
        if (where.matchesEverything()) {
            throw new IllegalArgumentException(statement + " without a condition would touch every row; call "
                    + instead + " if that is meant");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
