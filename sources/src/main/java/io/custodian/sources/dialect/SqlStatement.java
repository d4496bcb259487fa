package io.custodian.sources.dialect;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * SQL text with {@code ?} placeholders and the values bound to them, in order. Values (which can be
 * personal data) only ever travel as parameters; {@link #toString()} shows the text and the number
 * of parameters, never their values.
 *
 * @param parameters may hold nulls (an UPDATE can set a column to NULL)
 */
public record SqlStatement(String sql, List<Object> parameters) {
    public SqlStatement {
        requireNonNull(sql, "sql is null");
        requireNonNull(parameters, "parameters is null");
        // Not checked against the count of '?': a quoted identifier may hold one.
        parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
    }

    /** A statement without parameters. */
    public static SqlStatement of(String sql) {
        return new SqlStatement(sql, List.of());
    }

    /** Prepares the statement on {@code connection} with its parameters bound. */
    public PreparedStatement prepare(Connection connection) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            bind(statement);
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** Binds the parameters to {@code statement}, from index 1. */
    public void bind(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }

    @Override
    public String toString() {
        return "SqlStatement[" + sql + ", " + parameters.size() + " parameter(s)]";
    }
}
